"""Rows of a form (formsets) whose count, as sent by the browser, cannot break the page.

A formset learns how many rows were sent from ``<prefix>-TOTAL_FORMS``. A forged count (below zero,
above ``max_num``, an initial count above the total) builds no row and is refused with a message
that says how many rows the page takes.
"""

from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import secure


class CappedFormSetMixin:
    """Mix into a ``BaseFormSet`` (or model/inline formset) before it."""

    default_error_messages = {
        "missing_management_form": _(
            "The number of rows sent (%(field_names)s) cannot be read. Reload the page and enter the rows again."
        ),
        "rows_out_of_range": _(
            "This page takes from 0 to %(max)d rows here, and %(count)s were sent. "
            "Reload the page and enter the rows again."
        ),
    }
    refused_count = None

    @cached_property
    def management_form(self):
        form = super().management_form
        if self.is_bound and form.is_valid():
            total, initial = form.cleaned_data[TOTAL_FORM_COUNT], form.cleaned_data[INITIAL_FORM_COUNT]
            if not 0 <= initial <= total <= self.absolute_max:
                # No row is built: the count was forged, and building it could cost the server dearly.
                self.refused_count = total
                form.cleaned_data.update({TOTAL_FORM_COUNT: 0, INITIAL_FORM_COUNT: 0})
        return form

    def clean(self):
        super().clean()
        if self.refused_count is not None:
            raise ValidationError(
                self.error_messages["rows_out_of_range"],
                code="rows_out_of_range",
                params={"max": self.absolute_max, "count": self.refused_count},
            )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        secure(form)


def capped_formset(factory, *args, max_num: int, **kwargs):
    """``factory`` (``formset_factory``, ``inlineformset_factory``) making at most ``max_num`` rows, built or taken."""
    return factory(*args, max_num=max_num, absolute_max=max_num, validate_max=True, **kwargs)
