"""Forms for organizations and contacts."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import StyledFormMixin, active_or_current
from core.versioning import VersionedModelForm
from partners.models import Contact, Organization
from partners.services import check_organization_name


class OrganizationForm(StyledFormMixin, VersionedModelForm):
    """Create or edit an organization; the name rule is ``partners.services.check_organization_name``."""

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
        ]
        widgets = {"notes": forms.Textarea}

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
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name")
        renamed = self.instance.pk is None or name != self.instance.name
        if name and renamed:
            try:
                check_organization_name(
                    name, confirm_similar=cleaned_data.get("confirm_similar", False), organization=self.instance
                )
            except ValidationError as refusal:
                self.similar = getattr(refusal, "similar", [])
                self.add_error(None, refusal)
        return cleaned_data


class ContactForm(StyledFormMixin, VersionedModelForm):
    class Meta:
        model = Contact
        fields = ["organization", "name", "name_zh", "title", "email", "phone", "notes"]
        widgets = {"notes": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = active_or_current(Organization.objects.all(), self.instance.organization_id)
        field = self.fields["organization"]
        field.queryset = organizations
        field.label = _("Organization (may be left empty)")
        field.empty_label = _("No organization")

    def clean(self):
        cleaned_data = super().clean()
        organization, name = cleaned_data.get("organization"), cleaned_data.get("name")
        if name and not self.has_error("organization"):
            if organization:
                same = Contact.objects.filter(organization=organization, name__iexact=name.strip())
                refusal = _("This organization already has a contact with this name.")
            else:
                same = Contact.objects.filter(organization__isnull=True, name__iexact=name.strip())
                refusal = _(
                    "A contact of no organization already has this name; open that one, or name an organization."
                )
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("name", refusal)
        return cleaned_data
