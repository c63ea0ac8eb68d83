"""Forms for organizations and contacts, and the Bootstrap look every product form shares."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners.models import Contact, Organization
from partners.versioning import VersionedModelForm

# Widgets rendered choice by choice in the templates keep their own markup.
_UNSTYLED = (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.HiddenInput)


def bootstrap(form, errors=None) -> None:
    """Give each widget of ``form`` the Bootstrap 5 class that fits it; with ``errors``, mark the invalid ones."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, _UNSTYLED):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        classes = {css, *widget.attrs.get("class", "").split()}
        if isinstance(widget, forms.Textarea) and widget.attrs.get("rows") == "10":
            # Django's default of ten rows pushes the rest of a form off a laptop screen.
            widget.attrs["rows"] = 3
        if isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("size", 6)
            # static/js/crm-select-filter.js puts a filter box above long lists.
            widget.attrs["data-filterable"] = ""
            widget.attrs["data-filter-placeholder"] = gettext("Type to narrow the list")
            widget.attrs["data-chosen-text"] = gettext("{n} chosen")
        if errors and name in errors:
            classes.add("is-invalid")
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = " ".join(sorted(c for c in classes if c))


def active_or_current(queryset, current_pk):
    """Records not archived, plus the one already chosen, so that editing never drops a choice."""
    return queryset.filter(Q(is_archived=False) | Q(pk=current_pk))


class BootstrapFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OrganizationForm(BootstrapFormMixin, VersionedModelForm):
    """Create or edit an organization; a name like an existing one needs a deliberate confirmation."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    confirm_similar = forms.BooleanField(
        label=_("Create anyway: this is a different organization"),
        required=False,
        help_text=_("Tick only after checking that none of the similar organizations is this one."),
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_zh",
            "kind",
            "country",
            "city",
            "sector",
            "parent",
            "website",
            "notes",
            "provenance",
        ]
        widgets = {"notes": forms.Textarea, "provenance": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = []
        parents = active_or_current(Organization.objects.all(), self.instance.parent_id)
        if self.instance.pk:
            # Neither itself nor one of its own subsidiaries can be its parent.
            parents = parents.exclude(pk=self.instance.pk).exclude(parent=self.instance)
        self.fields["parent"].queryset = parents
        for name in ("country", "sector"):
            field = self.fields[name]
            field.queryset = active_or_current(field.queryset, getattr(self.instance, f"{name}_id"))

    def main_fields(self):
        """The fields in the form body; the confirmation sits in the duplicate warning."""
        return [field for field in self.visible_fields() if field.name != "confirm_similar"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicates = Organization.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise forms.ValidationError(
                _("An organization named “%(name)s” already exists."), code="duplicate", params={"name": name}
            )
        return name

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        renamed = self.instance.pk is None or name != self.instance.name
        if name and renamed:
            self.similar = list(
                Organization.objects.similar_to(name).exclude(pk=self.instance.pk).select_related("country")[:10]
            )
            if self.similar and not cleaned_data.get("confirm_similar"):
                self.add_error(
                    "name",
                    forms.ValidationError(
                        _("Similar organizations exist (listed above). Use one of them, or tick “Create anyway”."),
                        code="similar",
                    ),
                )
        return cleaned_data


class ContactForm(BootstrapFormMixin, VersionedModelForm):
    class Meta:
        model = Contact
        fields = ["organization", "name", "name_zh", "title", "email", "phone", "notes", "provenance"]
        widgets = {"notes": forms.Textarea, "provenance": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = active_or_current(Organization.objects.all(), self.instance.organization_id)
        self.fields["organization"].queryset = organizations

    def clean(self):
        cleaned_data = super().clean()
        organization, name = cleaned_data.get("organization"), cleaned_data.get("name")
        if organization and name:
            same = Contact.objects.filter(organization=organization, name__iexact=name.strip())
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("name", _("This organization already has a contact with this name."))
        return cleaned_data
