"""Create and edit forms of the engagement records."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.display import person
from core.forms import DateInput, StyledFormMixin
from core.formsets import CappedFormSetMixin, capped_formset
from core.models import Currency
from core.versioning import VersionedModelForm
from core.widgets import SearchSelect, SearchSelectMultiple
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting
from crm.notifications import follow_up_assigned
from crm.services import meetings_changed
from projects.models import MONEY, officers

DATE_WIDGETS = {
    name: DateInput() for name in ("start_date", "end_date", "date", "signed_on", "expires_on", "due_on", "reported_on")
}
TEXTAREA = forms.Textarea(attrs={"rows": 3})

# Fields over thousands of records are chosen by searching (core.widgets, crm.lookups).
SEARCH_WIDGETS = {
    "organizations": SearchSelectMultiple("organization"),
    "organizers": SearchSelectMultiple("organization"),
    "organization": SearchSelect("organization"),
    "contacts": SearchSelectMultiple("contact"),
    "members": SearchSelectMultiple("contact"),
    "leader": SearchSelect("contact"),
    "signatory": SearchSelect("contact"),
    "project": SearchSelect("project"),
    "projects": SearchSelectMultiple("project"),
    "delegation": SearchSelect("delegation"),
    "meeting": SearchSelect("meeting"),
    "agreement": SearchSelect("agreement"),
    "event": SearchSelect("event"),
}


def contact_label(contact) -> str:
    """A contact with their organization (or "no organization"), as the lookup names them."""
    return contact.with_organization()


class RecordForm(StyledFormMixin, VersionedModelForm):
    """Base of every engagement form; people are offered by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is get_user_model():
                field.label_from_instance = person
            elif queryset is not None and queryset.model._meta.label == "partners.Contact":
                field.queryset = queryset.select_related("organization")
                field.label_from_instance = contact_label


class EventForm(RecordForm):
    class Meta:
        model = Event
        fields = [
            "name",
            "name_zh",
            "kind",
            "start_date",
            "end_date",
            "date_precision",
            "place",
            "country",
            "organizers",
            "description",
            "outcome",
        ]
        widgets = {
            **DATE_WIDGETS,
            **SEARCH_WIDGETS,
            "description": TEXTAREA,
            "outcome": TEXTAREA,
        }


class DelegationForm(RecordForm):
    class Meta:
        model = Delegation
        fields = [
            "title",
            "title_zh",
            "direction",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "countries",
            "cities",
            "officer",
            "leader",
            "members",
            "members_note",
            "organizations",
            "event",
            "purpose",
            "report",
            "reported_on",
        ]
        widgets = {
            **DATE_WIDGETS,
            **SEARCH_WIDGETS,
            "purpose": TEXTAREA,
            "members_note": TEXTAREA,
            "report": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers()


class MeetingForm(RecordForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "kind",
            "date",
            "date_precision",
            "place",
            "delegation",
            "event",
            "project",
            "organizations",
            "contacts",
            "officers",
            "summary",
            "outcome",
        ]
        widgets = {**DATE_WIDGETS, **SEARCH_WIDGETS, "summary": TEXTAREA, "outcome": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["officers"].queryset = officers()

    def save(self, commit=True):
        meeting = super().save(commit=commit)
        if commit:  # the page and the API alike
            meetings_changed([self.initial.get("project"), meeting.project_id])
        return meeting


class AgreementForm(RecordForm):
    """An agreement's details. Its stated amount is recorded, and fixed in USD, by ``set_agreement_amount``."""

    amount = forms.DecimalField(
        label=capfirst(Agreement._meta.get_field("amount").verbose_name),
        required=False,
        min_value=0,
        help_text=_("As written in the agreement, in the currency beside it."),
        **MONEY,
    )
    currency = forms.ChoiceField(
        label=capfirst(Agreement._meta.get_field("currency").verbose_name),
        choices=[("", "---------"), *Currency.choices],
        required=False,
    )

    field_order = [
        "title",
        "title_zh",
        "kind",
        "is_binding",
        "status",
        "signed_on",
        "date_precision",
        "place",
        "delegation",
        "event",
        "meeting",
        "amount",
        "currency",
    ]

    class Meta:
        model = Agreement
        fields = [
            "title",
            "title_zh",
            "kind",
            "is_binding",
            "status",
            "signed_on",
            "date_precision",
            "place",
            "delegation",
            "event",
            "meeting",
            "batch_size",
            "expires_on",
            "projects",
            "description",
        ]
        widgets = {**DATE_WIDGETS, **SEARCH_WIDGETS, "description": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.initial.setdefault("amount", self.instance.amount)
        self.initial.setdefault("currency", self.instance.currency)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("amount") is not None and not cleaned_data.get("currency"):
            self.add_error("currency", _("Say which currency the amount is written in."))
        return cleaned_data

    def amount_to_fix(self) -> bool:
        """Whether the amount is to be recorded again: typed anew, re-dated, or its USD value still pending."""
        instance, data = self.instance, self.cleaned_data
        typed = (data.get("amount"), data.get("currency") or "") != (instance.amount, instance.currency)
        pending = data.get("amount") is not None and instance.amount_usd is None
        return typed or pending or "signed_on" in self.changed_data


class AgreementPartyForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = AgreementParty
        fields = ["organization", "side", "signatory"]
        widgets = SEARCH_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = self.fields["signatory"].queryset.select_related("organization")
        self.fields["signatory"].label_from_instance = contact_label

    def clean(self):
        cleaned_data = super().clean()
        signatory, organization = cleaned_data.get("signatory"), cleaned_data.get("organization")
        if signatory and organization and signatory.organization_id != organization.pk:
            self.add_error("signatory", _("The signatory must work at the organization that signed."))
        return cleaned_data


class BasePartyFormSet(CappedFormSetMixin, forms.BaseInlineFormSet):
    deletion_widget = forms.CheckboxInput(attrs={"class": "form-check-input"})

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


# Parties one agreement page takes; the largest signing in the brochure has a handful.
MAX_PARTIES = 50

AgreementPartyFormSet = capped_formset(
    forms.inlineformset_factory,
    Agreement,
    AgreementParty,
    form=AgreementPartyForm,
    formset=BasePartyFormSet,
    extra=2,
    max_num=MAX_PARTIES,
    can_delete=True,
)


class FollowUpForm(RecordForm):
    """A follow-up's details. Its status moves only by the Complete, Cancel and Reopen buttons (``crm.services``)."""

    class Meta:
        model = FollowUp
        fields = [
            "title",
            "owner",
            "due_on",
            "priority",
            "project",
            "agreement",
            "delegation",
            "meeting",
            "organization",
            "description",
        ]
        widgets = {**DATE_WIDGETS, **SEARCH_WIDGETS, "description": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["owner"].queryset = officers()

    def save(self, commit=True):
        given = self.instance._state.adding or "owner" in self.changed_data
        follow_up = super().save(commit=commit)
        if commit and given:
            # The page and the API both save through this form: the new owner hears of it either way.
            follow_up_assigned(follow_up, actor=self.user)
        return follow_up
