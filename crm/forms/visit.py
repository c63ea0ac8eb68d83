"""Log a visit: the trip, then rows of meetings, agreements signed and follow-ups promised.

Rows left untouched are ignored. A meeting or agreement row may name an organization that is
not recorded yet; it is created on save, once the officer has confirmed it is not one of the
similar names already recorded. The forms check what was typed; each gives its part as plain data
(``visit_data``) to ``crm.services.log_visit``, which saves it all.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, StyledFormMixin
from core.formsets import CappedFormSetMixin, capped_formset
from core.widgets import SearchSelect, SearchSelectMultiple
from crm.forms.records import TEXTAREA, contact_label, person
from crm.models import Agreement, Delegation, FollowUp, Meeting
from crm.services import trip_status
from partners.models import Contact, Country, Organization
from partners.services import check_organization_name
from projects.models import officers


class VisitDelegationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Delegation
        fields = [
            "title",
            "direction",
            "status",
            "start_date",
            "end_date",
            "date_precision",
            "countries",
            "cities",
            "leader",
            "members_note",
            "event",
            "purpose",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "leader": SearchSelect("contact"),
            "event": SearchSelect("event"),
            "purpose": TEXTAREA,
            "members_note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"members_note": _("Members")}
        help_texts = {"members_note": _("Who travelled, as you would write it in the report.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields["status"]
        status.required = False
        status.choices = [("", _("From the dates")), *Delegation.Status.choices]
        status.initial = ""
        status.help_text = _(
            "Left on “From the dates”: planned before the first day, under way until the last, returned after it."
        )
        self.fields["leader"].queryset = Contact.objects.select_related("organization")
        self.fields["leader"].label_from_instance = contact_label

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("status"):
            # Left to the dates: the status they say, by the one rule of crm.services.
            cleaned_data["status"] = trip_status(cleaned_data.get("start_date"), cleaned_data.get("end_date"))
        return cleaned_data

    def visit_data(self) -> dict:
        """The trip as ``crm.services.log_visit`` takes it."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {**data, "countries": list(data["countries"])}


class NewOrganizationFields(forms.Form):
    """A name and country for an organization to create on save, by the one name rule of ``partners.services``."""

    new_organization = forms.CharField(
        label=_("New organization"),
        max_length=200,
        required=False,
        help_text=_("Only if the search does not find it: its English name."),
    )
    new_organization_country = forms.ModelChoiceField(
        label=_("Its country"), queryset=Country.objects.all(), required=False
    )
    confirm_new_organization = forms.BooleanField(
        label=_("Create it: it is none of the similar organizations listed"), required=False
    )

    similar = ()
    # The field of existing organizations a likely duplicate's "use this one" fills.
    existing_field = ""

    @property
    def existing_field_id(self) -> str:
        return self[self.existing_field].id_for_label if self.existing_field else ""

    def clean(self):
        cleaned_data = super().clean()
        name = (cleaned_data.get("new_organization") or "").strip()
        cleaned_data["new_organization"] = name
        if not name:
            return cleaned_data
        if not cleaned_data.get("new_organization_country") and not self.has_error("new_organization_country"):
            self.add_error("new_organization_country", _("Say which country the new organization is in."))
        try:
            check_organization_name(name, confirm_similar=cleaned_data.get("confirm_new_organization", False))
        except ValidationError as refusal:
            self.similar = getattr(refusal, "similar", ())
            self.add_error("new_organization", refusal.error_dict["name"])
        return cleaned_data

    def new_organization_data(self) -> dict | None:
        """The organization this row asks to create, as ``crm.services.log_visit`` takes it; None when none."""
        name = self.cleaned_data.get("new_organization")
        if not name:
            return None
        return {
            "name": name,
            "country": self.cleaned_data["new_organization_country"],
            "confirm_similar": self.cleaned_data["confirm_new_organization"],
        }

    @property
    def names_new_organization(self) -> bool:
        """Whether a new organization's name was typed (even one refused for now)."""
        return bool((self.data.get(self.add_prefix("new_organization")) or "").strip())

    @property
    def asks_confirmation(self) -> bool:
        return bool(self.similar) or bool(self["confirm_new_organization"].value())


class VisitMeetingForm(StyledFormMixin, NewOrganizationFields, forms.ModelForm):
    existing_field = "organizations"

    class Meta:
        model = Meeting
        fields = ["title", "kind", "date", "place", "organizations", "contacts", "summary", "outcome"]
        widgets = {
            "date": DateInput(),
            "organizations": SearchSelectMultiple("organization"),
            "contacts": SearchSelectMultiple("contact"),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = Contact.objects.select_related("organization")
        self.fields["contacts"].label_from_instance = contact_label
        self.fields["organizations"].help_text = _(
            "May be left empty when the people met act for no organization (an independent expert)."
        )

    def clean(self):
        cleaned_data = super().clean()
        organizations, contacts = cleaned_data.get("organizations"), cleaned_data.get("contacts")
        # A person of no organization (an independent expert) is enough: they are who was met.
        if organizations is not None and not organizations and not contacts and not self.names_new_organization:
            self.add_error("organizations", _("Choose who was met: an organization, a person, or a new organization."))
        return cleaned_data

    def visit_data(self) -> dict:
        """This meeting as ``crm.services.log_visit`` takes it."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["organizations"], data["contacts"] = list(data["organizations"]), list(data["contacts"])
        return {**data, "new_organization": self.new_organization_data()}


class VisitAgreementForm(StyledFormMixin, NewOrganizationFields, forms.ModelForm):
    existing_field = "partner_parties"

    partner_parties = forms.ModelMultipleChoiceField(
        label=_("Partner side"),
        queryset=Organization.objects.all(),
        required=False,
        widget=SearchSelectMultiple("organization"),
    )
    qingdao_parties = forms.ModelMultipleChoiceField(
        label=_("Qingdao side"),
        queryset=Organization.objects.all(),
        required=False,
        widget=SearchSelectMultiple("organization", params={"country": "CN"}),
    )

    class Meta:
        model = Agreement
        fields = ["kind", "title", "is_binding", "signed_on", "status", "amount", "currency"]
        widgets = {"signed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_organization"].label = _("New partner-side organization")
        qingdao = Organization.objects.filter(country__code="CN")
        self.fields["qingdao_parties"].queryset = qingdao
        self.fields["qingdao_parties"].help_text = _("Chinese organizations.")
        self.fields["status"].required = False
        self.fields["status"].help_text = _("“%(planned)s” for a signing still ahead.") % {
            "planned": Agreement.Status.PLANNED.label
        }

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["status"] = cleaned_data.get("status") or Agreement.Status.SIGNED
        partners = set(cleaned_data.get("partner_parties") or ())
        qingdao = set(cleaned_data.get("qingdao_parties") or ())
        if partners & qingdao:
            self.add_error(
                "qingdao_parties",
                _("%(names)s cannot sign on both sides.") % {"names": ", ".join(str(o) for o in partners & qingdao)},
            )
        if not partners and not self.names_new_organization and not self.has_error("partner_parties"):
            self.add_error("partner_parties", _("Choose who signed on the partner side, or name a new organization."))
        return cleaned_data

    def visit_data(self) -> dict:
        """This agreement as ``crm.services.log_visit`` takes it."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return {
            **data,
            "partner_parties": list(self.cleaned_data["partner_parties"]),
            "qingdao_parties": list(self.cleaned_data["qingdao_parties"]),
            "new_organization": self.new_organization_data(),
        }


class VisitFollowUpForm(StyledFormMixin, forms.Form):
    """A promise made on the trip. It concerns the delegation, which exists only once the page is saved."""

    title = forms.CharField(label=_("Title"), max_length=FollowUp._meta.get_field("title").max_length)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=officers())
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    priority = forms.ChoiceField(
        label=_("Priority"), choices=FollowUp.Priority.choices, initial=FollowUp.Priority.NORMAL
    )

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = officers()
        self.fields["owner"].label_from_instance = person
        self.fields["owner"].initial = owner.pk if owner else None

    def visit_data(self) -> dict:
        """This follow-up as ``crm.services.log_visit`` takes it."""
        return {name: self.cleaned_data[name] for name in ("title", "owner", "due_on", "priority")}


def typed_values(form) -> dict:
    """What was typed in each field of the bound ``form``, as sent, to show again in an unbound form."""
    return {name: form[name].data for name in form.fields}


class VisitRows(CappedFormSetMixin, forms.BaseFormSet):
    """Rows of one kind on the visit page; a row can be taken out again before saving."""

    deletion_widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
    typed: list[dict] = []

    @classmethod
    def as_typed(cls, bound: "VisitRows", *, one_more: bool = False, **kwargs) -> "VisitRows":
        """Unbound rows showing what ``bound`` holds as typed (not checked, so without errors), and one more row."""
        rows = cls(prefix=bound.prefix, **kwargs)
        rows.typed = [typed_values(form) for form in bound.forms]
        rows.extra = len(rows.typed) + one_more
        return rows

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.typed):
            kwargs["initial"] = self.typed[index]
        return kwargs

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Leave this row out")


# Rows of each kind one visit page takes: more meetings than this are more than one trip.
MAX_ROWS = 30


def rows_of(form_class):
    return capped_formset(
        forms.formset_factory, form_class, formset=VisitRows, extra=1, max_num=MAX_ROWS, can_delete=True
    )


MeetingRows = rows_of(VisitMeetingForm)
AgreementRows = rows_of(VisitAgreementForm)
FollowUpRows = rows_of(VisitFollowUpForm)
