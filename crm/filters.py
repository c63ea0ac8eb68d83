"""FilterSets of the engagement lists. Parameter names are the ones other pages link with."""

from datetime import date

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.dates import start_of_day
from core.listing import BootstrapFilterSet
from core.widgets import SearchSelect
from crm import activity
from crm.models import Agreement, Delegation, Event, FollowUp, Meeting
from partners.filters import CountryFilterSet, OrganizationFilterSet
from partners.models import Contact, Country, Organization
from projects.filters import PersonFilter, ProjectFilterSet
from projects.models import InvestmentProject, officers


def date_filter(field_name: str, lookup_expr: str, label) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def visible_projects(request):
    """The projects a "project" filter accepts: those the user may see."""
    return InvestmentProject.objects.visible_to(request.user) if request else InvestmentProject.objects.none()


def project_filter(field_name: str = "project") -> django_filters.ModelChoiceFilter:
    """Records of one project: where a detail page's "Show all" leads."""
    return django_filters.ModelChoiceFilter(
        field_name=field_name, queryset=visible_projects, label=_("Project"), widget=SearchSelect("project")
    )


def delegation_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        queryset=Delegation.objects.all(), label=_("Delegation"), widget=SearchSelect("delegation")
    )


class YesNoWidget(django_filters.widgets.BooleanWidget):
    """ "Any", "Yes" or "No", sent as ``true``/``false`` like the other lists' yes-no filters."""

    def __init__(self, attrs=None):
        forms.Select.__init__(self, attrs, choices=(("", _("Any")), ("true", _("Yes")), ("false", _("No"))))


def yes_no_filter(method: str, label) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(method=method, label=label, widget=YesNoWidget())


class DelegationFilterSet(BootstrapFilterSet):
    search_fields = ("title", "title_zh", "cities", "purpose", "leader__name", "members_note")
    primary_filters = ("q", "direction", "status", "country", "report_overdue")

    direction = django_filters.ChoiceFilter(choices=Delegation.Direction.choices, label=_("Direction"))
    status = django_filters.ChoiceFilter(choices=Delegation.Status.choices, label=_("Status"))
    country = django_filters.ModelChoiceFilter(
        field_name="countries", queryset=Country.objects.filter(is_archived=False), label=_("Country")
    )
    start_after = date_filter("start_date", "gte", _("Starts on or after"))
    start_before = date_filter("start_date", "lte", _("Starts on or before"))
    report_overdue = yes_no_filter("filter_report_overdue", _("Report overdue"))
    o = django_filters.OrderingFilter(
        fields=(("start_date", "start_date"), ("title", "title"), ("direction", "direction"), ("status", "status")),
        field_labels={"start_date": _("Start date"), "title": _("Title")},
        label=_("Sort by"),
    )

    class Meta:
        model = Delegation
        fields = []

    def filter_report_overdue(self, queryset, name, value):
        overdue = Delegation.objects.report_overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class MeetingFilterSet(BootstrapFilterSet):
    search_fields = ("title", "place", "summary", "outcome", "organizations__name", "contacts__name")
    primary_filters = ("q", "kind", "delegation", "organization")

    kind = django_filters.ChoiceFilter(choices=Meeting.Kind.choices, label=_("Kind"))
    delegation = django_filters.ModelChoiceFilter(
        queryset=Delegation.objects.active(), label=_("Delegation"), widget=SearchSelect("delegation")
    )
    organization = django_filters.ModelChoiceFilter(
        field_name="organizations",
        queryset=Organization.objects.all(),
        label=_("Organization"),
        widget=SearchSelect("organization"),
    )
    contact = django_filters.ModelChoiceFilter(
        field_name="contacts", queryset=Contact.objects.all(), label=_("Contact"), widget=SearchSelect("contact")
    )
    project = project_filter()
    date_after = date_filter("date", "gte", _("On or after"))
    date_before = date_filter("date", "lte", _("On or before"))
    o = django_filters.OrderingFilter(
        fields=(("date", "date"), ("title", "title"), ("kind", "kind")),
        field_labels={"date": _("Date"), "title": _("Title"), "kind": _("Kind")},
        label=_("Sort by"),
    )

    class Meta:
        model = Meeting
        fields = []


class AgreementFilterSet(BootstrapFilterSet):
    search_fields = ("title", "title_zh", "place", "description", "parties__name")
    primary_filters = ("q", "status", "has_project", "party", "kind")

    kind = django_filters.MultipleChoiceFilter(
        choices=Agreement.Kind.choices, widget=forms.CheckboxSelectMultiple, label=_("Kind"), distinct=False
    )
    status = django_filters.ChoiceFilter(choices=Agreement.Status.choices, label=_("Status"))
    signed_after = date_filter("signed_on", "gte", _("Signed on or after"))
    signed_before = date_filter("signed_on", "lte", _("Signed on or before"))
    has_project = yes_no_filter("filter_has_project", _("Has a project"))
    party = django_filters.ModelChoiceFilter(
        field_name="parties",
        queryset=Organization.objects.all(),
        label=_("Party"),
        widget=SearchSelect("organization"),
    )
    delegation = delegation_filter()
    project = project_filter("projects")
    o = django_filters.OrderingFilter(
        fields=(("signed_on", "signed_on"), ("title", "title"), ("kind", "kind"), ("amount_usd", "amount_usd")),
        field_labels={"signed_on": _("Signed on"), "title": _("Title"), "amount_usd": _("Amount (USD)")},
        label=_("Sort by"),
    )

    class Meta:
        model = Agreement
        fields = []

    def filter_has_project(self, queryset, name, value):
        # Any project counts, confidential or not: an agreement that produced one is not a forgotten MOU.
        produced = Exists(InvestmentProject.agreements.through.objects.filter(agreement=OuterRef("pk")))
        return queryset.filter(produced) if value else queryset.filter(~produced)


class EventFilterSet(BootstrapFilterSet):
    search_fields = ("name", "name_zh", "place", "description", "outcome")
    primary_filters = ("q", "kind", "country")

    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    country = django_filters.ModelChoiceFilter(queryset=Country.objects.filter(is_archived=False), label=_("Country"))
    o = django_filters.OrderingFilter(
        fields=(("start_date", "start_date"), ("name", "name"), ("kind", "kind")),
        field_labels={"start_date": _("Start date"), "name": _("Name")},
        label=_("Sort by"),
    )

    class Meta:
        model = Event
        fields = []


class FollowUpFilterSet(BootstrapFilterSet):
    search_fields = ("title", "description", "organization__name", "delegation__title", "agreement__title")
    primary_filters = ("q", "owner", "status", "overdue", "priority")

    owner = PersonFilter(
        queryset=officers(),
        label=_("Owner"),
    )
    status = django_filters.ChoiceFilter(choices=FollowUp.Status.choices, label=_("Status"))
    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.all(), label=_("Organization"), widget=SearchSelect("organization")
    )
    delegation = delegation_filter()
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.all(), label=_("Meeting"), widget=SearchSelect("meeting")
    )
    agreement = django_filters.ModelChoiceFilter(
        queryset=Agreement.objects.all(), label=_("Agreement"), widget=SearchSelect("agreement")
    )
    project = project_filter()
    priority = django_filters.ChoiceFilter(choices=FollowUp.Priority.choices, label=_("Priority"))
    due_after = date_filter("due_on", "gte", _("Due on or after"))
    due_before = date_filter("due_on", "lte", _("Due on or before"))
    completed_after = django_filters.DateFilter(
        method="filter_completed_after",
        label=_("Completed on or after"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = yes_no_filter("filter_overdue", _("Overdue"))
    o = django_filters.OrderingFilter(
        fields=(("due_on", "due_on"), ("title", "title"), ("priority", "priority"), ("status", "status")),
        field_labels={"due_on": _("Due on"), "title": _("Title")},
        label=_("Sort by"),
    )

    class Meta:
        model = FollowUp
        fields = []

    def filter_completed_after(self, queryset, name, value):
        return queryset.filter(completed_at__gte=start_of_day(value))

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=FollowUp.Status.OPEN, due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


# The directory and project lists, with what crm adds to them: counts of projects and delegations,
# and "stale", which reads meetings.


class DirectoryOrganizationFilterSet(OrganizationFilterSet):
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("kind", "kind"),
            ("country__name", "country"),
            ("city", "city"),
            ("sector__name", "sector"),
            ("project_count", "projects"),
            ("contact_count", "contacts"),
        ),
        label=_("Sort by"),
    )


class DirectoryCountryFilterSet(CountryFilterSet):
    o = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("code", "code"),
            ("organization_count", "organizations"),
            ("project_count", "projects"),
            ("delegation_count", "delegations"),
        ),
        label=_("Sort by"),
    )


class PipelineFilterSet(ProjectFilterSet):
    stale = django_filters.BooleanFilter(
        method="filter_stale",
        label=format_lazy(_("Stale: no move or meeting for {days} days"), days=settings.STALE_PROJECT_DAYS),
        widget=django_filters.widgets.BooleanWidget(),
    )

    from_intent = yes_no_filter("filter_from_intent", _("Produced by a letter of intent or MOU"))
    intent_year = django_filters.NumberFilter(
        method="filter_intent_year", label=_("Produced by an intent signed in year"), min_value=1900, max_value=2100
    )

    class Meta(ProjectFilterSet.Meta):
        pass

    def filter_from_intent(self, queryset, name, value):
        produced = Agreement.objects.active().intents().values("projects")
        return queryset.filter(pk__in=produced) if value else queryset.exclude(pk__in=produced.exclude(projects=None))

    def filter_intent_year(self, queryset, name, value):
        if value != int(value):
            return queryset.none()
        year = int(value)
        intents = (
            Agreement.objects.active()
            .intents()
            .filter(signed_on__gte=date(year, 1, 1), signed_on__lt=date(year + 1, 1, 1))
        )
        return queryset.filter(pk__in=intents.values("projects"))

    def filter_stale(self, queryset, name, value):
        stale = activity.stale_q(settings.STALE_PROJECT_DAYS)
        if value:
            return queryset.filter(stale)
        return queryset.exclude(pk__in=InvestmentProject.objects.filter(stale).values("pk"))
