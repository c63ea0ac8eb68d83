"""Choice widgets for fields over thousands of records: search as you type instead of a long list.

Only the chosen records are rendered as options; ``static/js/crm-lookup.js`` puts a search box
beside the select and fetches matches from the lookup endpoint (URL name ``lookup``). The
field keeps its full queryset, so validation still refuses any record outside it.
"""

from urllib.parse import urlencode

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import acceptable_key

# Attributes the plain long-list treatment (``core.forms.bootstrap``) gives a multiple select.
_LONG_LIST_ATTRS = ("data-filterable", "data-filter-placeholder", "data-chosen-text", "size")


class SearchSelectMixin:
    """Render only the selected options, and tell the script where to search."""

    def __init__(self, kind: str, attrs=None, params: dict | None = None, **kwargs):
        super().__init__(attrs, **kwargs)
        self.kind = kind
        self.params = params or {}

    def lookup_url(self) -> str:
        url = reverse("lookup", kwargs={"kind": self.kind})
        return f"{url}?{urlencode(self.params)}" if self.params else url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        for attr in _LONG_LIST_ATTRS:
            widget_attrs.pop(attr, None)
        widget_attrs.update(
            {
                "data-lookup-url": self.lookup_url(),
                "data-lookup-placeholder": str(_("Type to search")),
                "data-lookup-searching": str(_("Searching…")),
                "data-lookup-none": str(_("Nothing found.")),
                "data-lookup-failed": str(_("The search failed; try again.")),
                "data-lookup-remove": str(_("Remove")),
                "data-lookup-search-label": str(_("Search")),
                "data-lookup-chosen-label": str(_("Chosen")),
            }
        )
        return context

    def optgroups(self, name, value, attrs=None):
        """Only the chosen records, read in one query (``AutocompleteMixin.optgroups`` of Django admin)."""
        if not isinstance(self.choices, ModelChoiceIterator):
            return super().optgroups(name, value, attrs)
        field = self.choices.field
        queryset = self.choices.queryset
        key = field.to_field_name or "pk"
        wanted = set()
        for item in value:
            if item in field.empty_values:
                continue
            # A forged or mistyped value must not break the page: it simply shows nothing chosen.
            if acceptable_key(field, item):
                wanted.add(str(item))
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", field.empty_label or "", not wanted, 0))
        if wanted:
            for record in queryset.filter(**{f"{key}__in": wanted}):
                option_value = getattr(record, key)
                options.append(
                    self.create_option(name, option_value, field.label_from_instance(record), True, len(options))
                )
        return [(None, options, 0)]


class SearchSelect(SearchSelectMixin, forms.Select):
    """One record, chosen by searching. ``kind`` names what ``lookup`` searches."""


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    """Several records, each added by searching and removable again."""
