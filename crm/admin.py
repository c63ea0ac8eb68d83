"""Admin for events, delegations, meetings, agreements and follow-ups; the site's titles.

A follow-up's status moves only through ``crm.services`` (``complete_follow_up``,
``cancel_follow_up``, ``reopen_follow_up``: the actions on the follow-up list), so its status and
completion are read-only in the forms. An agreement's amount is recorded by ``set_agreement_amount``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
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
from core.display import display_date
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, ListExport, Meeting, Report
from crm.notifications import follow_up_assigned
from crm.services import (
    cancel_follow_up,
    complete_follow_up,
    fix_agreement_amount,
    meetings_changed,
    reopen_follow_up,
    set_agreement_amount,
    usd_pending_note,
)
from partners.models import Organization
from projects import admin as projects_admin
from projects.models import InvestmentProject

admin.site.site_header = _("Qingdao Investment CRM administration")
admin.site.site_title = _("Qingdao Investment CRM")
admin.site.index_title = _("Records and accounts")


def _names(objects) -> str:
    return ", ".join(str(obj) for obj in objects)


class FollowUpInline(admin.TabularInline):
    """Follow-ups of a record. Done through the follow-up list's action, so status is read-only here."""

    model = FollowUp
    fields = ["title", "owner", "due_on", "priority", "status", "completed_at"]
    readonly_fields = ["status", "completed_at"]
    autocomplete_fields = ["owner"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    def has_add_permission(self, request, obj=None):
        # A follow-up must concern a saved record; add them once the record exists.
        return obj is not None and super().has_add_permission(request, obj)


class ProjectFollowUpInline(FollowUpInline):
    fk_name = "project"


class DelegationFollowUpInline(FollowUpInline):
    fk_name = "delegation"


# The project admin lives in projects, which may not know crm; its follow-ups are added here.
admin.site.unregister(InvestmentProject)


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(projects_admin.InvestmentProjectAdmin):
    inlines = [*projects_admin.InvestmentProjectAdmin.inlines, ProjectFollowUpInline]
    # The import page serves the admin too; the list links to it.
    change_list_template = "crm/admin/import_change_list.html"


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ["name", "kind", "start_date", "place", "country", "organizer_names"]
    list_select_related = ["country"]
    list_filter = ["kind", ("country", admin.RelatedOnlyFieldListFilter), "is_archived"]
    search_fields = ["name", "name_zh", "place", "description"]
    autocomplete_fields = ["country", "organizers"]
    date_hierarchy = "start_date"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizers")

    @admin.display(description=_("organizers"))
    def organizer_names(self, obj):
        return _names(obj.organizers.all())


class ReportFilter(admin.SimpleListFilter):
    title = _("trip report")
    parameter_name = "report"

    def lookups(self, request, model_admin):
        return [("pending", _("Pending")), ("overdue", _("Overdue (15 days after return)"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.report_pending()
        if self.value() == "overdue":
            return queryset.report_overdue()
        return queryset


class MeetingInline(admin.TabularInline):
    model = Meeting
    fields = ["date", "title", "kind", "place", "project"]
    autocomplete_fields = ["project"]
    extra = 0
    show_change_link = True


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ["signed_on", "title", "kind", "is_binding", "status"]
    extra = 0
    show_change_link = True


@admin.register(Delegation)
class DelegationAdmin(RecordAdmin):
    list_display = ["title", "direction", "dates", "status", "country_names", "officer", "report_due_on"]
    list_select_related = ["officer"]
    list_filter = [
        "direction",
        "status",
        ReportFilter,
        ("countries", admin.RelatedOnlyFieldListFilter),
        ("officer", admin.RelatedOnlyFieldListFilter),
        "is_archived",
    ]
    search_fields = ["title", "title_zh", "cities", "purpose", "members_note"]
    autocomplete_fields = ["leader", "members", "officer", "organizations", "countries", "event"]
    date_hierarchy = "start_date"
    inlines = [MeetingInline, AgreementInline, DelegationFollowUpInline]
    fieldsets = [
        (None, {"fields": ["title", "title_zh", "direction", "status", "event", "officer"]}),
        (
            _("Dates and places"),
            {"fields": [("start_date", "end_date"), "date_precision", "countries", "cities"]},
        ),
        (_("People"), {"fields": ["leader", "members", "members_note", "organizations"]}),
        (_("Purpose and report"), {"fields": ["purpose", "report", "reported_on"]}),
        RECORD_FIELDSET,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Meeting:
            before = [inline.initial.get("project") for inline in formset.forms]
            meetings_changed([*before, *(inline.instance.project_id for inline in formset.forms)])

    @admin.display(description=_("countries"))
    def country_names(self, obj):
        return _names(obj.countries.all())

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, obj):
        first = display_date(obj.start_date, obj.date_precision)
        last = display_date(obj.end_date, obj.date_precision) if obj.end_date else first
        return first if last == first else f"{first} – {last}"

    @admin.display(description=_("report due"), ordering="end_date")
    def report_due_on(self, obj):
        return obj.report_due_on


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin):
    list_display = [
        "title",
        "kind",
        "date",
        "organization_names",
        wrapping_column(Meeting, "delegation"),
        wrapping_column(Meeting, "event"),
        wrapping_column(Meeting, "project"),
    ]
    list_select_related = ["delegation", "event", "project"]
    list_filter = ["kind", "is_archived"]
    search_fields = ["title", "place", "summary", "outcome", "organizations__name"]
    autocomplete_fields = ["delegation", "event", "organizations", "contacts", "officers", "project"]
    date_hierarchy = "date"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        meetings_changed([form.initial.get("project"), obj.project_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        meetings_changed([obj.project_id])

    def delete_queryset(self, request, queryset):
        projects = list(queryset.values_list("project", flat=True).distinct())
        super().delete_queryset(request, queryset)
        meetings_changed(projects)

    @admin.display(description=_("organizations met"))
    def organization_names(self, obj):
        return _names(obj.organizations.all())


class ProjectsProducedFilter(admin.SimpleListFilter):
    title = _("projects produced")
    parameter_name = "produced"

    def lookups(self, request, model_admin):
        return [("none", _("None yet")), ("some", _("At least one"))]

    def queryset(self, request, queryset):
        # On the annotation, not on a second join that would multiply the count.
        if self.value() == "none":
            return queryset.filter(project_count=0)
        if self.value() == "some":
            return queryset.filter(project_count__gt=0)
        return queryset


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    fields = ["organization", "side", "signatory"]
    autocomplete_fields = ["organization", "signatory"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(RecordAdmin):
    list_display = [
        "title",
        "kind",
        "signed_display",
        "party_names",
        "amount_display",
        "project_count",
    ]
    list_filter = ["kind", "status", "is_binding", ProjectsProducedFilter, "is_archived"]
    search_fields = ["title", "title_zh", "place", "description", "parties__name", "parties__name_zh"]
    autocomplete_fields = ["delegation", "event", "meeting", "projects"]
    date_hierarchy = "signed_on"
    readonly_fields = ["usd_rate", "amount_usd", *RECORD_READONLY]
    inlines = [AgreementPartyInline]
    fieldsets = [
        (None, {"fields": ["title", "title_zh", "kind", "is_binding", "status", "description"]}),
        (
            _("Signing"),
            {"fields": [("signed_on", "date_precision"), "place", "delegation", "event", "meeting", "expires_on"]},
        ),
        (
            _("Amount"),
            {
                "fields": [("amount", "currency"), ("usd_rate", "amount_usd"), "batch_size"],
                "description": _(
                    "The USD value is fixed from the exchange rate recorded for the signing day; "
                    "without a recorded rate it stays pending."
                ),
            },
        ),
        (_("Projects produced"), {"fields": ["projects"]}),
        RECORD_FIELDSET,
    ]

    def get_queryset(self, request):
        parties = Prefetch("party_links", queryset=AgreementParty.objects.select_related("organization"))
        return super().get_queryset(request).annotate(project_count=Count("projects")).prefetch_related(parties)

    def save_model(self, request, obj, form, change):
        typed = bool({"amount", "currency", "signed_on"} & set(form.changed_data))
        fixing = typed or (obj.amount is not None and obj.amount_usd is None)
        amount, currency = obj.amount, obj.currency
        if fixing and change:
            # The amount gets its USD value before the one save: one edit, one history entry, and no version
            # of the agreement shows an amount without the value it was fixed at.
            fix_agreement_amount(obj, user=request.user, amount=amount, currency=currency or "")
        elif fixing:
            # A new agreement is saved first without its amount (the service checks who may change a saved one).
            obj.amount, obj.currency = None, ""
        super().save_model(request, obj, form, change)
        if fixing and not change:
            set_agreement_amount(obj, user=request.user, amount=amount, currency=currency or "")
        if fixing and (note := usd_pending_note(obj)):
            self.message_user(request, note, messages.WARNING)

    @admin.display(description=_("signed on, status"), ordering="signed_on")
    def signed_display(self, obj):
        signed = display_date(obj.signed_on, obj.date_precision) if obj.signed_on else _("not dated")
        return format_html('{}<br><span class="quiet">{}</span>', signed, obj.get_status_display())

    @admin.display(description=_("parties"))
    def party_names(self, obj):
        return _names(link.organization for link in obj.party_links.all())

    @admin.display(description=_("amount, USD"), ordering="amount_usd")
    def amount_display(self, obj):
        return usd_with_written(obj.amount, obj.currency, obj.amount_usd)

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj):
        return obj.project_count


@admin.register(AgreementParty)
class AgreementPartyAdmin(HistoryAdmin):
    list_display = [
        wrapping_column(AgreementParty, "agreement"),
        wrapping_column(AgreementParty, "organization"),
        "side",
        wrapping_column(AgreementParty, "signatory"),
    ]
    list_select_related = ["agreement", "organization", "signatory"]
    list_filter = ["side"]
    search_fields = ["agreement__title", "organization__name", "organization__name_zh", "signatory__name"]
    autocomplete_fields = ["agreement", "organization", "signatory"]


class DueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("week", _("Due within 7 days"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "week":
            return queryset.due_within(7)
        return queryset


class CancelFollowUpForm(forms.Form):
    required_css_class = "required"

    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Why these follow-ups will not be done."),
    )


@admin.register(FollowUp)
class FollowUpAdmin(RecordAdmin):
    list_display = [
        "title",
        "owner",
        "due_display",
        "priority",
        "status",
        "concerns_display",
        "completed_by",
    ]
    list_select_related = ["owner", "completed_by", *FollowUp.CONCERNS]
    list_filter = ["status", DueFilter, "priority", ("owner", admin.RelatedOnlyFieldListFilter), "is_archived"]
    search_fields = ["title", "description", "owner__username", "owner__first_name", "owner__last_name"]
    autocomplete_fields = ["owner", *FollowUp.CONCERNS]
    date_hierarchy = "due_on"
    readonly_fields = ["status", "completed_at", "completed_by", *RECORD_READONLY]
    actions = ["mark_done", "cancel_selected", "reopen_selected", "archive_selected", "restore_selected"]
    fieldsets = [
        (None, {"fields": ["title", "description", "owner", "due_on", "priority"]}),
        (
            _("Status"),
            {
                "fields": ["status", "completed_at", "completed_by"],
                "description": _("Change the status with the actions on the follow-up list."),
            },
        ),
        (
            _("What it concerns"),
            {"fields": list(FollowUp.CONCERNS), "description": _("At least one record.")},
        ),
        RECORD_FIELDSET,
    ]

    def save_model(self, request, obj, form, change):
        given = not change or "owner" in form.changed_data
        super().save_model(request, obj, form, change)
        if given:
            follow_up_assigned(obj, actor=request.user)

    @admin.display(description=_("due on"), ordering="due_on")
    def due_display(self, obj):
        if obj.is_overdue:
            return format_html("{}<br><strong>{}</strong>", date_format(obj.due_on), _("overdue"))
        return date_format(obj.due_on)

    @admin.display(description=_("concerns"))
    def concerns_display(self, obj):
        return _names(obj.concerns)

    @admin.action(description=_("Mark selected follow-ups done"), permissions=["change"])
    def mark_done(self, request, queryset):
        self._move_each(
            request,
            queryset,
            lambda follow_up: complete_follow_up(follow_up, user=request.user),
            refused=_("“%(follow_up)s” was not marked done: %(reason)s"),
            moved=lambda count: ngettext(
                "Marked %(count)d follow-up done.", "Marked %(count)d follow-ups done.", count
            ),
        )

    @admin.action(description=_("Cancel selected follow-ups …"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        form = CancelFollowUpForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return intermediate_page(
                self,
                request,
                queryset,
                form,
                action="cancel_selected",
                title=_("Cancel follow-ups"),
                intro=_(
                    "Open follow-ups that will not be done are cancelled with the reason, which is kept in each "
                    "one's description and history. Those already done or cancelled are left as they are."
                ),
                submit_label=_("Cancel them"),
            )
        self._move_each(
            request,
            queryset,
            lambda follow_up: cancel_follow_up(follow_up, user=request.user, reason=form.cleaned_data["reason"]),
            refused=_("“%(follow_up)s” was not cancelled: %(reason)s"),
            moved=lambda count: ngettext("Cancelled %(count)d follow-up.", "Cancelled %(count)d follow-ups.", count),
        )
        return None

    @admin.action(description=_("Reopen selected follow-ups"), permissions=["change"])
    def reopen_selected(self, request, queryset):
        self._move_each(
            request,
            queryset,
            lambda follow_up: reopen_follow_up(follow_up, user=request.user),
            refused=_("“%(follow_up)s” was not reopened: %(reason)s"),
            moved=lambda count: ngettext("Reopened %(count)d follow-up.", "Reopened %(count)d follow-ups.", count),
        )

    def _move_each(self, request, queryset, move, *, refused, moved) -> None:
        """Apply ``move`` (a ``crm.services`` call) to each follow-up; say what it did and each refusal's reason."""
        count = 0
        for follow_up in queryset:
            try:
                move(follow_up)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, refused % {"follow_up": follow_up, "reason": error_text(error)}, messages.ERROR
                )
            else:
                count += 1
        self.message_user(request, moved(count) % {"count": count}, messages.SUCCESS if count else messages.WARNING)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Issued reports, to read only: a snapshot never changes and is never deleted; issue them on ``/reports/``."""

    list_display = ["number", "kind", "period_start", "period_end", "issued_by", "issued_at"]
    list_filter = ["kind"]
    search_fields = ["number"]
    fields = ["number", "kind", "period_start", "period_end", "issued_by", "issued_at"]
    readonly_fields = fields


@admin.register(ListExport)
class ListExportAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    """The record of list exports: read only, written by the export itself."""

    list_display = ("exported_at", "user", "list_name", "file_format", "row_count")
    list_filter = ("list_name", "file_format")
    list_select_related = ("user",)
    search_fields = ("user__username", "list_name")
    readonly_fields = ("user", "list_name", "filters", "row_count", "file_format", "exported_at")
    date_hierarchy = "exported_at"


# The organization admin lives in partners, which may not know crm; its list links to the import page here.
admin.site._registry[Organization].change_list_template = InvestmentProjectAdmin.change_list_template
