"""Rows of a form (formsets) whose count, as sent by the browser, cannot break the page.

A formset learns how many rows were sent from ``<prefix>-TOTAL_FORMS``. A forged count below zero,
or an initial count above the total, is refused with a message and read as no rows; a count above
``max_num`` (which is also ``absolute_max``, see ``capped_formset``) builds no more than ``max_num``
rows and says "at most N".
"""

from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.fields import secure


class CappedFormSetMixin:
    """Mix into a ``BaseFormSet`` (or model/inline formset) before it."""

    default_error_messages = {
        "missing_management_form": _(
            "The number of rows sent (%(field_names)s) is not one this page can take. "
            "Reload the page and enter the rows again."
        ),
    }

    @cached_property
    def management_form(self):
        form = super().management_form
        if self.is_bound and form.is_valid():
            total, initial = form.cleaned_data[TOTAL_FORM_COUNT], form.cleaned_data[INITIAL_FORM_COUNT]
            if total < 0 or initial < 0 or initial > total:
                form.add_error(TOTAL_FORM_COUNT, _("The number of rows is out of range."))
                form.cleaned_data.update({TOTAL_FORM_COUNT: 0, INITIAL_FORM_COUNT: 0})
        return form

    def add_fields(self, form, index):
        super().add_fields(form, index)
        secure(form)


def capped_formset(factory, *args, max_num: int, **kwargs):
    """``factory`` (``formset_factory``, ``inlineformset_factory``) making at most ``max_num`` rows, built or taken."""
    return factory(*args, max_num=max_num, absolute_max=max_num, validate_max=True, **kwargs)
