"""Forms for projects: details, stage moves and capital inflows.

Stage, status and money go through ``projects.services``; these forms only collect what the
services need and show their refusals.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import secure
from core.forms import DateInput, StyledFormMixin, active_or_current, bootstrap
from core.models import Currency, DatePrecision
from core.versioning import VersionedModelForm
from core.widgets import SearchSelect
from partners.models import Organization
from projects.filters import PersonChoiceField
from projects.models import (
    AMOUNT_FIELDS,
    MONEY,
    AmountKind,
    Direction,
    InvestmentProject,
    Park,
    Stage,
    Status,
    officers,
)
from projects.services import fix_project_amount, log_opening, set_project_amount, stage_options

CURRENCY_CHOICES = [("", "---------"), *Currency.choices]
# A new project starts before any signature that binds; contracted and beyond are reached by a move.
OPENING_STAGES = [Stage.LEAD, Stage.NEGOTIATING, Stage.INTENT]
AMOUNT_HELP = {
    AmountKind.PLANNED: _("What the investor plans or intends to invest, as written (an MOU's figure)."),
    AmountKind.TOTAL: _("The whole investment of the project, whoever pays it, as written."),
    AmountKind.CONTRACTED: _("合同外资: the foreign capital a signed contract commits, as written."),
    AmountKind.REGISTERED: _("The registered capital of the company set up, as written."),
}


class ProjectForm(StyledFormMixin, VersionedModelForm):
    """A project's details. Each kind of amount is recorded, and fixed in USD, by ``set_project_amount``."""

    field_order = [
        "name",
        "name_zh",
        "stage",
        "direction",
        "investor",
        "origin_country",
        "sector",
        "park",
        "district",
        "project_type",
        "signed_on",
        "signed_on_precision",
        *(name for fields in AMOUNT_FIELDS.values() for name in (fields.amount, fields.currency)),
        "planned_jobs",
        "actual_jobs",
        "officer",
        "parent",
        "is_confidential",
        "description",
        "data_gap_note",
    ]

    class Meta:
        model = InvestmentProject
        fields = [
            "name",
            "name_zh",
            "direction",
            "investor",
            "origin_country",
            "sector",
            "park",
            "district",
            "project_type",
            "officer",
            "is_confidential",
            "signed_on",
            "signed_on_precision",
            "parent",
            "planned_jobs",
            "actual_jobs",
            "description",
            "data_gap_note",
        ]
        field_classes = {"officer": PersonChoiceField}
        widgets = {
            "signed_on": DateInput,
            # Thousands of organizations and projects: chosen by searching (core.widgets).
            "investor": SearchSelect("organization"),
            "parent": SearchSelect("project"),
            "description": forms.Textarea,
            "data_gap_note": forms.Textarea,
        }

    confirm_same_name = forms.BooleanField(
        label=_("Save anyway: this is another project with the same name"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.same_name = []
        project = self.instance
        if user.has_perm("projects.change_any_project"):
            self.fields["officer"].queryset = officers()
            self.fields["officer"].required = True
            self.fields["officer"].initial = project.officer_id or user.pk
        else:
            # An officer's new project is their own; only a manager hands a project to someone else.
            del self.fields["officer"]
        self.fields["investor"].queryset = active_or_current(Organization.objects.all(), project.investor_id)
        self.fields["park"].queryset = active_or_current(Park.objects.all(), project.park_id)
        for name in ("origin_country", "sector"):
            field = self.fields[name]
            field.queryset = active_or_current(field.queryset, getattr(project, f"{name}_id"))
        if project.pk and "parent" in self.fields:
            # Neither itself nor one of its own phases can be its parent.
            parent = self.fields["parent"]
            parent.queryset = parent.queryset.exclude(pk=project.pk).exclude(parent=project)
        # Left out, a project keeps its direction (inbound for a new one): most of the bureau's work is inbound.
        self.fields["direction"].required = False
        self.add_amount_fields()

    def add_amount_fields(self) -> None:
        """An amount and its currency for each kind typed on a project; not model fields of the form."""
        for kind, fields in AMOUNT_FIELDS.items():
            help_text = AMOUNT_HELP[kind]
            self.fields[fields.amount] = forms.DecimalField(
                label=AmountKind(kind).label, required=False, min_value=0, help_text=help_text, **MONEY
            )
            self.fields[fields.currency] = forms.ChoiceField(
                label=_("Currency"), choices=CURRENCY_CHOICES, required=False
            )
            self.initial.setdefault(fields.amount, getattr(self.instance, fields.amount))
            self.initial.setdefault(fields.currency, getattr(self.instance, fields.currency))
        self.order_fields(self.field_order)
        bootstrap(self)

    def clean_direction(self):
        return self.cleaned_data.get("direction") or self.instance.direction or Direction.INBOUND

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        renamed = self.instance.pk is None or name.lower() != self.instance.name.lower()
        if renamed and not self.data.get(self.add_prefix("confirm_same_name")):
            # Only projects this user may see are compared, so the warning tells nothing of the others.
            same = (
                InvestmentProject.objects.visible_to(self.user).filter(name__iexact=name).exclude(pk=self.instance.pk)
            )
            self.same_name = list(same.order_by("pk")[:5])
            if self.same_name:
                self.fields["confirm_same_name"].widget = forms.CheckboxInput(attrs={"class": "form-check-input"})
                raise forms.ValidationError(
                    _(
                        "A project with this name already exists: %(projects)s. If this is another project "
                        "(a later phase, say), tick “Save anyway”; otherwise open the existing one."
                    ),
                    code="same_name",
                    params={"projects": ", ".join(f"{p.name} ({p.reference})" for p in self.same_name)},
                )
        return name

    def amounts_to_fix(self) -> list[str]:
        """The kinds whose amount is to be recorded again: typed anew, or still waiting for its USD value."""
        data, kinds = self.cleaned_data, []
        for kind, fields in AMOUNT_FIELDS.items():
            typed = (data.get(fields.amount), data.get(fields.currency) or "")
            stored = (getattr(self.instance, fields.amount), getattr(self.instance, fields.currency))
            pending = typed[0] is not None and getattr(self.instance, fields.usd) is None
            if typed != stored or pending or (typed[0] is not None and "signed_on" in self.changed_data):
                kinds.append(kind)
        return kinds

    def save_project(self) -> InvestmentProject:
        """Save the details, open a new project's stage log, and record each amount with its USD value.

        What the project pages and the API both call, inside a transaction, once the form is valid.
        A changed project's amounts go into its one save (``fix_project_amount``), so that one edit
        makes one history entry; a new project's are recorded after its opening (``set_project_amount``).
        """
        user = self.user
        if self.instance.officer_id is None:
            self.instance.officer = user
        opening = self.instance._state.adding
        if opening:
            self.instance.created_by = user
        kinds = self.amounts_to_fix()
        if not opening:
            for kind in kinds:
                fields = AMOUNT_FIELDS[kind]
                fix_project_amount(
                    self.instance,
                    kind=kind,
                    amount=self.cleaned_data[fields.amount],
                    currency=self.cleaned_data[fields.currency],
                    user=user,
                )
        project = self.save()
        if opening:
            log_opening(project, user=user)
            for kind in kinds:
                fields = AMOUNT_FIELDS[kind]
                set_project_amount(
                    project=project,
                    kind=kind,
                    amount=self.cleaned_data[fields.amount],
                    currency=self.cleaned_data[fields.currency],
                    user=user,
                )
        return project

    def clean(self):
        cleaned_data = super().clean()
        # A currency without a rate is fine: the USD value stays pending until a rate is recorded.
        for fields in AMOUNT_FIELDS.values():
            if cleaned_data.get(fields.amount) is not None and not cleaned_data.get(fields.currency):
                self.add_error(fields.currency, _("Say which currency the amount is written in."))
        return cleaned_data


class ProjectCreateForm(ProjectForm):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[(stage, Stage(stage).label) for stage in OPENING_STAGES],
        initial=Stage.LEAD,
        help_text=_("Contracted and later stages are reached by moving the project once it is saved."),
    )

    class Meta(ProjectForm.Meta):
        fields = ["name", "name_zh", "stage", *ProjectForm.Meta.fields[2:]]


class MoveProjectForm(forms.Form):
    """Where to move a project and when that happened. ``projects.services.move_project`` decides whether it may."""

    stage = forms.ChoiceField(label=_("Stage"))
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    occurred_on = forms.DateField(
        label=_("Happened on"),
        widget=DateInput,
        help_text=_("When it happened, not when it is recorded; the first day of the month, quarter or year will do."),
    )
    occurred_on_precision = forms.ChoiceField(
        label=_("Date precision"), choices=DatePrecision.choices, initial=DatePrecision.DAY
    )
    note = forms.CharField(
        label=_("Note or reason"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "Why it moved: what was signed or decided. Required for a move back or a stage recorded with data gaps."
        ),
    )
    record_with_gaps = forms.BooleanField(
        label=_("Record this stage with data gaps"),
        required=False,
        help_text=_("The source states the stage although its gate is not met: record it, giving the reason above."),
    )
    lost_reason = forms.CharField(
        label=_("Reason lost or withdrawn"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Required when the status becomes lost or withdrawn."),
    )
    lost_to = forms.CharField(label=_("Competing location"), required=False, max_length=200)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, project: InvestmentProject, user, **kwargs):
        kwargs["initial"] = {
            "stage": project.stage,
            "status": project.status,
            "occurred_on": timezone.localdate(),
            "lost_reason": project.lost_reason,
            "lost_to": project.lost_to,
            "version": project.version,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        # Every stage: forward through the gate, or back (a deal that slipped) with a reason; those
        # ``user`` may not choose are shown disabled with the reason (``projects.services.stage_options``).
        self.stage_options = stage_options(project, user)
        self.fields["stage"].choices = Stage.choices
        for name in ("stage", "status"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices)
        if not user.has_perm("projects.record_stage_with_gaps"):
            del self.fields["record_with_gaps"]
        secure(self)
        bootstrap(self)

    def clean(self):
        cleaned_data = super().clean()
        stage = cleaned_data.get("stage")
        for option in self.stage_options:
            if option.stage == stage and not option.allowed:
                self.add_error(None, option.reason)
                self.refused_by_gate = option.fixable
        return cleaned_data


class CapitalInflowForm(StyledFormMixin, forms.Form):
    """Money that arrived. ``projects.services.record_capital_inflow`` checks and converts it."""

    amount = forms.DecimalField(label=_("Amount"), **MONEY)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.USD)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
    provenance = forms.CharField(
        label=_("Source"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Where the figure comes from: a statement, a report, a person."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class ExchangeRateForm(StyledFormMixin, forms.Form):
    """A new rate. ``projects.services.add_exchange_rate`` checks it and fills what was pending."""

    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    valid_on = forms.DateField(
        label=_("Valid from"),
        widget=DateInput,
        help_text=_("Amounts dated on or after this day (until a later rate) are converted at it."),
    )
    usd_per_unit = forms.DecimalField(
        label=_("USD per unit"),
        max_digits=18,
        decimal_places=8,
        help_text=_("US dollars for one unit of the currency: for USD 1 = JPY 109.01, enter 1/109.01 = 0.00917347."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Who published the rate and which series, so a reader can check it."),
    )

    def clean_usd_per_unit(self):
        rate = self.cleaned_data["usd_per_unit"]
        if rate <= 0:
            raise forms.ValidationError(_("A rate must be more than zero."))
        return rate
