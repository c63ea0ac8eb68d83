"""Admin for parks, exchange rates, investment projects, their stage changes and capital inflows.

Stage, status and money that carries a USD value change only through ``projects.services``:
the project form shows stage and status read-only (moves go through the "Move to stage"
action), an edited amount of any kind is recorded with ``set_project_amount``, capital inflows are
added with the "Record a capital inflow" action, and a new exchange rate with ``add_exchange_rate``,
which fills the USD values pending in its currency.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import (
    RECORD_FIELDSET,
    RECORD_READONLY,
    HistoryAdmin,
    ReadOnlyAdminMixin,
    RecordAdmin,
    error_text,
    intermediate_page,
    usd_with_written,
    wrapping_column,
)
from core.display import money, plain_rate
from core.models import Currency, DatePrecision
from projects.models import (
    AMOUNT_FIELDS,
    CapitalInflow,
    ExchangeRate,
    Figure,
    InvestmentProject,
    Park,
    Stage,
    StageChange,
    Status,
)
from projects.services import (
    add_exchange_rate,
    fill_pending_usd,
    fix_project_amount,
    move_project,
    record_capital_inflow,
    set_project_amount,
)


@admin.register(Park)
class ParkAdmin(RecordAdmin):
    list_display = ["name", "name_zh", "district", "project_count", "is_archived"]
    list_filter = ["district", "is_archived"]
    search_fields = ["name", "name_zh", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj):
        return obj.project_count


@admin.register(Figure)
class FigureAdmin(RecordAdmin):
    list_display = ["label", "scope", "scope_name", "metric", "value_display", "as_of", "as_of_precision"]
    list_select_related = ["country", "country_group", "park"]
    list_filter = ["scope", "metric", "currency", ("country", admin.RelatedOnlyFieldListFilter), "is_archived"]
    search_fields = ["label", "country__name", "country__name_zh", "country_group__name", "park__name"]
    autocomplete_fields = ["country", "park"]
    date_hierarchy = "as_of"

    @admin.display(description=_("about"))
    def scope_name(self, obj):
        return obj.scope_name

    @admin.display(description=_("value"), ordering="value")
    def value_display(self, obj):
        # A figure without a currency is a count or a rank.
        return money(obj.value, obj.currency)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(RecordAdmin):
    list_display = ["currency", "valid_on", "usd_per_unit", "source"]
    list_filter = ["currency"]
    search_fields = ["currency", "source"]
    date_hierarchy = "valid_on"

    def save_model(self, request, obj, form, change):
        if change:
            # A corrected rate changes no amount already fixed at it; only pending ones get a value.
            super().save_model(request, obj, form, change)
            filled = fill_pending_usd(currency=obj.currency)
        else:
            rate, filled = add_exchange_rate(
                user=request.user,
                currency=obj.currency,
                valid_on=obj.valid_on,
                usd_per_unit=obj.usd_per_unit,
                source=obj.source,
                provenance=obj.provenance,
            )
            obj.pk, obj._state.adding = rate.pk, False
        if filled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d amount waiting for a %(currency)s rate now has its USD value.",
                    "%(count)d amounts waiting for a %(currency)s rate now have their USD value.",
                    filled,
                )
                % {"count": filled, "currency": obj.currency},
                messages.SUCCESS,
            )


class StageChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The project's moves, as ``move_project`` logged them: read-only."""

    model = StageChange
    fields = [
        "occurred_on",
        "occurred_on_precision",
        "changed_at",
        "from_stage",
        "to_stage",
        "from_status",
        "to_status",
        "changed_by",
        "note",
        "gaps_at_move",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("stage changes (made with the “Move to stage” action)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class CapitalInflowInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Money that arrived; new inflows are recorded with the "Record a capital inflow" action."""

    model = CapitalInflow
    fields = ["received_on", "amount", "currency", "usd_rate", "amount_usd", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("capital inflows (recorded with the “Record a capital inflow” action)")


class InvestmentProjectAdminForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        for fields in AMOUNT_FIELDS.values():
            if cleaned_data.get(fields.amount) is not None and not cleaned_data.get(fields.currency):
                self.add_error(fields.currency, _("Say which currency the amount is written in."))
        return cleaned_data

    def amounts_changed(self) -> list[str]:
        """The kinds whose amount or currency this edit changes."""
        changed = set(self.changed_data)
        return [kind for kind, fields in AMOUNT_FIELDS.items() if {fields.amount, fields.currency} & changed]


class MoveProjectForm(forms.Form):
    required_css_class = "required"

    stage = forms.ChoiceField(
        label=_("Move to stage"), choices=[("", _("Keep the current stage")), *Stage.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Set status"), choices=[("", _("Keep the current status")), *Status.choices], required=False
    )
    occurred_on = forms.DateField(
        label=_("Happened on"),
        widget=AdminDateWidget,
        required=False,
        help_text=_("When the move happened; today when left empty."),
    )
    occurred_on_precision = forms.ChoiceField(
        label=_("Precision"), choices=DatePrecision.choices, initial=DatePrecision.DAY, required=False
    )
    note = forms.CharField(
        label=_("Note or reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        help_text=_("Why the project moved; required for a move back or a stage recorded with data gaps."),
    )
    record_with_gaps = forms.BooleanField(
        label=_("Record the stage with data gaps"),
        required=False,
        help_text=_("Managers only: record the stage although its gate is not met, giving the reason in the note."),
    )
    lost_reason = forms.CharField(
        label=_("Reason lost or withdrawn"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        required=False,
        help_text=_("Needed when the status becomes lost or withdrawn."),
    )
    lost_to = forms.CharField(label=_("Competing location"), max_length=200, required=False)

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("stage") and not cleaned_data.get("status"):
            raise ValidationError(_("Choose a stage, a status, or both."))
        return cleaned_data


class CapitalInflowForm(forms.Form):
    required_css_class = "required"

    amount = forms.DecimalField(label=_("Amount"), max_digits=20, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    received_on = forms.DateField(label=_("Received on"), widget=AdminDateWidget)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2, "cols": 60}), required=False)
    provenance = forms.CharField(
        label=_("Provenance"),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        required=False,
        help_text=_("Where the figure comes from: a statement, a report, a person."),
    )


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(RecordAdmin):
    form = InvestmentProjectAdminForm
    list_display = [
        "name",
        "stage_display",
        wrapping_column(InvestmentProject, "investor"),
        "officer_display",
        "contracted_display",
        "utilized_usd_display",
    ]
    list_select_related = ["investor", "officer"]
    list_filter = [
        "stage",
        "status",
        "project_type",
        "is_confidential",
        ("sector", admin.RelatedOnlyFieldListFilter),
        ("park", admin.RelatedOnlyFieldListFilter),
        ("origin_country", admin.RelatedOnlyFieldListFilter),
        ("officer", admin.RelatedOnlyFieldListFilter),
        "district",
        "is_archived",
    ]
    search_fields = ["name", "name_zh", "investor__name", "investor__name_zh", "description"]
    autocomplete_fields = ["investor", "origin_country", "sector", "park", "officer", "parent"]
    date_hierarchy = "signed_on"
    readonly_fields = [
        "stage",
        "status",
        *(f"{kind}_usd_display" for kind in AMOUNT_FIELDS),
        "utilized_usd_display",
        *RECORD_READONLY,
    ]
    inlines = [StageChangeInline, CapitalInflowInline]
    actions = ["move_to_stage", "record_inflow", "archive_selected", "restore_selected"]
    fieldsets = [
        (None, {"fields": ["name", "name_zh", "project_type", "parent", "description", "is_confidential"]}),
        (
            _("Stage and status"),
            {
                "fields": ["stage", "status", "lost_reason", "lost_to", "data_gap_note"],
                "description": _("Stage and status change only with the “Move to stage” action on the project list."),
            },
        ),
        (_("Investor and location"), {"fields": ["investor", "origin_country", "sector", "park", "district"]}),
        (
            _("Money and jobs"),
            {
                "fields": [
                    "direction",
                    ("signed_on", "signed_on_precision"),
                    *(
                        (fields.amount, fields.currency, f"{kind}_usd_display")
                        for kind, fields in AMOUNT_FIELDS.items()
                    ),
                    "utilized_usd_display",
                    ("planned_jobs", "actual_jobs"),
                ],
                "description": _(
                    "Each kind of amount is kept apart. Its USD value is fixed from the recorded exchange rate "
                    "when the amount is saved, and stays empty (pending) until a rate for its currency is "
                    "recorded; the utilized amount is the sum of recorded capital inflows."
                ),
            },
        ),
        (_("Responsibility"), {"fields": ["officer"]}),
        RECORD_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).with_utilized()

    @admin.display(description=_("stage"), ordering="stage")
    def stage_display(self, obj):
        """The stage, and below it the status when the project is not being actively pursued."""
        if obj.status == Status.ACTIVE:
            return obj.get_stage_display()
        return format_html("{}<br><strong>{}</strong>", obj.get_stage_display(), obj.get_status_display())

    @admin.display(description=_("officer"), ordering="officer__username")
    def officer_display(self, obj):
        return obj.officer or ""

    @admin.display(description=_("contracted, USD"), ordering="contracted_usd")
    def contracted_display(self, obj):
        return usd_with_written(obj.contracted_amount, obj.currency, obj.contracted_usd)

    @admin.display(description=_("utilized, USD"), ordering="utilized_usd_total")
    def utilized_usd_display(self, obj):
        return money(obj.utilized_usd(), "USD", decimals=0) if obj.pk else ""

    def save_model(self, request, obj, form, change):
        if not change:
            typed = {}
            for kind in form.amounts_changed():
                fields = AMOUNT_FIELDS[kind]
                typed[kind] = (getattr(obj, fields.amount), getattr(obj, fields.currency))
                # A new project is saved first without its amounts (the service checks who may change a
                # saved one), then each is recorded with the USD value it was fixed at.
                setattr(obj, fields.amount, None)
                setattr(obj, fields.currency, "")
            super().save_model(request, obj, form, change)
            for kind, (amount, currency) in typed.items():
                set_project_amount(project=obj, kind=kind, amount=amount, currency=currency or "", user=request.user)
            return
        # An edit: each changed amount gets its USD value on the record before the one save, so that the
        # edit makes one history entry and no version shows an amount without the value it was fixed at.
        for kind in form.amounts_changed():
            fields = AMOUNT_FIELDS[kind]
            amount, currency = getattr(obj, fields.amount), getattr(obj, fields.currency)
            fix_project_amount(obj, kind=kind, amount=amount, currency=currency or "", user=request.user)
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Move to stage …"), permissions=["change"])
    def move_to_stage(self, request, queryset):
        form = MoveProjectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            moved, refusals = 0, []
            for project in queryset:
                try:
                    move_project(
                        project,
                        user=request.user,
                        stage=form.cleaned_data["stage"] or None,
                        status=form.cleaned_data["status"] or None,
                        note=form.cleaned_data["note"],
                        lost_reason=form.cleaned_data["lost_reason"],
                        lost_to=form.cleaned_data["lost_to"],
                        occurred_on=form.cleaned_data["occurred_on"],
                        occurred_on_precision=form.cleaned_data["occurred_on_precision"] or DatePrecision.DAY,
                        record_with_gaps=form.cleaned_data["record_with_gaps"],
                    )
                except (ValidationError, PermissionDenied) as error:
                    refusals.append((project, error))
                else:
                    moved += 1
            if moved:
                self.message_user(
                    request,
                    ngettext("Moved %(count)d project.", "Moved %(count)d projects.", moved) % {"count": moved},
                    messages.SUCCESS,
                )
            for project, error in refusals:
                self.message_user(
                    request,
                    _("“%(project)s” was not moved: %(reasons)s") % {"project": project, "reasons": error_text(error)},
                    messages.ERROR,
                )
            return None
        return intermediate_page(
            self,
            request,
            queryset,
            form,
            action="move_to_stage",
            title=_("Move projects to another stage or status"),
            intro=_(
                "Each project is moved through its stage gate: a move to contracted or beyond needs the investor, "
                "the amount and its currency, the sector and the park, and a manager's approval; a manager may "
                "record the stage with data gaps, giving the reason. A move back needs a reason too. "
                "Projects that do not pass are left unchanged and listed with the reason."
            ),
            submit_label=_("Move"),
        )

    @admin.action(description=_("Record a capital inflow …"), permissions=["change"])
    def record_inflow(self, request, queryset):
        projects = list(queryset[:2])
        if len(projects) != 1:
            self.message_user(
                request, _("Select exactly one project to record a capital inflow for."), messages.WARNING
            )
            return None
        project = projects[0]
        form = CapitalInflowForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                inflow = record_capital_inflow(project, user=request.user, **form.cleaned_data)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    _("Recorded %(amount)s (%(usd)s) received on %(date)s for “%(project)s”.")
                    % {
                        "amount": money(inflow.amount, inflow.currency),
                        "usd": money(inflow.amount_usd, "USD") if inflow.amount_usd is not None else _("USD pending"),
                        "date": date_format(inflow.received_on),
                        "project": project,
                    },
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:projects_investmentproject_change", args=[project.pk]))
        return intermediate_page(
            self,
            request,
            queryset,
            form,
            action="record_inflow",
            title=_("Record a capital inflow"),
            intro=_(
                "Money that actually arrived for the project. Its USD value is fixed at the exchange rate recorded "
                "for the day it was received; the project's utilized amount is the sum of these."
            ),
            submit_label=_("Record"),
        )


def _usd_value_column(fields):
    """The USD value an amount was fixed at, with the rate only when the amount is in another currency."""

    @admin.display(description=_("USD value"))
    def show(self, obj):
        amount, currency, usd = getattr(obj, fields.amount), getattr(obj, fields.currency), getattr(obj, fields.usd)
        if amount is None:
            return "—"
        if usd is None:
            return _("pending: no rate for %(currency)s recorded yet") % {"currency": currency}
        if currency == Currency.USD:
            return money(usd, "USD")
        return _("%(usd)s at 1 %(currency)s = %(rate)s USD") % {
            "usd": money(usd, "USD"),
            "currency": currency,
            "rate": plain_rate(getattr(obj, fields.rate)),
        }

    return show


for _kind, _fields in AMOUNT_FIELDS.items():
    setattr(InvestmentProjectAdmin, f"{_kind}_usd_display", _usd_value_column(_fields))


@admin.register(StageChange)
class StageChangeAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """The log ``move_project`` writes: browsable, never added, changed or deleted by hand."""

    list_display = [
        wrapping_column(StageChange, "project"),
        "occurred_on",
        "changed_at",
        "stage_move",
        "status_move",
        "changed_by",
    ]
    list_select_related = ["project", "changed_by"]
    list_filter = ["to_stage", "to_status", ("changed_by", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["project__name", "project__name_zh", "note"]
    date_hierarchy = "changed_at"

    @admin.display(description=_("stage"), ordering="to_stage")
    def stage_move(self, obj):
        return _move(obj.get_from_stage_display(), obj.get_to_stage_display())

    @admin.display(description=_("status"), ordering="to_status")
    def status_move(self, obj):
        return _move(obj.get_from_status_display(), obj.get_to_status_display())


def _move(before: str, after: str) -> str:
    return f"{before} → {after}" if before and before != after else after


@admin.register(CapitalInflow)
class CapitalInflowAdmin(RecordAdmin):
    """Inflows are added with the project action; here only the note and the source can be corrected."""

    list_display = [wrapping_column(CapitalInflow, "project"), "received_on", "amount_display", "usd_rate"]
    list_select_related = ["project"]
    list_filter = ["currency", "is_archived"]
    search_fields = ["project__name", "project__name_zh", "note"]
    date_hierarchy = "received_on"
    readonly_fields = ["project", "received_on", "amount", "currency", "usd_rate", "amount_usd", *RECORD_READONLY]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("amount, USD"), ordering="amount_usd")
    def amount_display(self, obj):
        return usd_with_written(obj.amount, obj.currency, obj.amount_usd)
