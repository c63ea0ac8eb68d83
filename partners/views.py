"""Pages for organizations, contacts and countries, and the pieces every detail page shares.

Projects, meetings and delegations belong to apps further right; this app reaches them only
through the reverse relations they declare (``country.projects``, ``country.delegations``) and
never imports them.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Count, F, Func, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from partners.access import RecordAccessMixin
from partners.filters import ContactFilterSet, CountryFilterSet, OrganizationFilterSet
from partners.forms import ContactForm, OrganizationForm
from partners.listing import RecordListView
from partners.models import Contact, Country, Organization
from partners.timeline import build_timeline, display_date
from partners.versioning import StaleEditViewMixin

HISTORY_LINK_TEMPLATE = "history/_link.html"

# Rows a detail page shows per section, and timeline entries; the rest is one "Show all" away.
SECTION_ROWS = 10
TIMELINE_ENTRIES = 25


def history_link_template() -> str:
    """The "History" link include, or "" where the history pages are not installed."""
    try:
        get_template(HISTORY_LINK_TEMPLATE)
    except (TemplateDoesNotExist, TemplateSyntaxError):
        return ""
    return HISTORY_LINK_TEMPLATE


def related_model(model, accessor: str):
    """The model behind a reverse relation, without importing the app it lives in."""
    return model._meta.get_field(accessor).related_model


def sees_all_projects(user) -> bool:
    return user.has_perm("projects.view_confidential_projects")


def visible_projects_q(user, prefix: str = "projects") -> Q:
    """Rows whose project (through ``prefix``) is not archived and may be seen by ``user``."""
    q = Q(**{f"{prefix}__is_archived": False})
    if not sees_all_projects(user):
        q &= Q(**{f"{prefix}__is_confidential": False}) | Q(**{f"{prefix}__officer": user})
    return q


def count_of(queryset):
    """A subquery counting ``queryset`` (filtered on an ``OuterRef``), 0 when empty."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def list_url(name: str, **params) -> str:
    """URL of the list ``name`` filtered by ``params``, or "" where that list is not installed."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{path}?{urlencode(params)}" if params else path


@dataclass
class Section:
    """The first rows of a detail page's section, with the true total and the list that has them all."""

    rows: list
    total: int
    url: str = ""

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    def __iter__(self):
        return iter(self.rows)


def section(queryset, url: str = "", rows: int = SECTION_ROWS) -> Section:
    """Two queries whatever the size: the first ``rows`` of ``queryset`` (in its order) and its count."""
    return Section(rows=list(queryset[:rows]), total=queryset.order_by().count(), url=url)


def timeline_follow_ups(follow_ups) -> list:
    """The follow-ups that can be among the newest timeline entries: each stands at its completion or due date."""
    done = follow_ups.filter(status="done", completed_at__isnull=False)
    return [
        *done.order_by("-completed_at")[:TIMELINE_ENTRIES],
        *follow_ups.exclude(status="done", completed_at__isnull=False).order_by("-due_on")[:TIMELINE_ENTRIES],
    ]


class DetailPageMixin:
    """Context every detail page shares: whether the user may change it, and the History link."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.can_change(self.object)
        context["history_template"] = history_link_template()
        return context


class ArchiveView(RecordAccessMixin, SingleObjectMixin, View):
    """POST ``action=archive`` or ``action=restore``: archived records leave lists, nothing is deleted."""

    for_change = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        archive = request.POST.get("action") == "archive"
        if record.is_archived != archive:
            record.is_archived = archive
            record._change_reason = _("Archived") if archive else _("Restored")
            record.save(update_fields=["is_archived"])
        if archive:
            message = _("“%(record)s” is archived: it leaves lists but stays reachable here.")
            messages.success(request, message % {"record": record})
        else:
            messages.success(request, _("“%(record)s” is restored.") % {"record": record})
        return HttpResponseRedirect(record.get_absolute_url())


# Organizations


class OrganizationListView(RecordListView):
    model = Organization
    filterset_class = OrganizationFilterSet
    template_name = "partners/organization_list.html"

    def get_queryset(self):
        user = self.request.user
        projects = related_model(Organization, "projects").objects.visible_to(user).filter(is_archived=False)
        return Organization.objects.select_related("country", "sector").annotate(
            project_count=count_of(projects.filter(investor=OuterRef("pk"))),
            contact_count=count_of(Contact.objects.active().filter(organization=OuterRef("pk"))),
        )


class OrganizationDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Organization
    queryset = Organization.objects.select_related("country", "sector", "parent")
    template_name = "partners/organization_detail.html"

    def get_context_data(self, **kwargs):
        organization, user = self.object, self.request.user
        pk = organization.pk
        projects = organization.projects.visible_to(user).filter(is_archived=False)
        # Meetings and follow-ups are counted as their lists count them; neither names a project here.
        meetings = organization.meetings.active()
        agreement_links = organization.agreement_links.filter(agreement__is_archived=False).select_related(
            "agreement", "agreement__delegation", "agreement__event"
        )
        follow_ups = organization.follow_ups.active()
        stage_changes = (
            related_model(related_model(Organization, "projects"), "stage_changes")
            .objects.filter(project__in=projects.values("pk"))
            .select_related("project", "changed_by")
            .order_by("-changed_at")
        )
        newest_agreements = agreement_links.order_by(F("agreement__signed_on").desc(nulls_last=True))
        timeline = build_timeline(
            meetings=meetings.order_by("-date")[:TIMELINE_ENTRIES],
            agreements=[link.agreement for link in newest_agreements[:TIMELINE_ENTRIES]],
            follow_ups=timeline_follow_ups(follow_ups.select_related("owner")),
            stage_changes=stage_changes[:TIMELINE_ENTRIES],
            name_projects=True,
            newest_first=True,
        )
        return super().get_context_data(
            subsidiaries=organization.subsidiaries.select_related("country").order_by("is_archived", "name"),
            contacts=section(
                organization.contacts.active().order_by("name"),
                list_url("partners:contact_list", organization=pk),
            ),
            projects=section(
                projects.select_related("origin_country", "sector", "park", "officer")
                .with_utilized()
                .order_by(F("contracted_usd").desc(nulls_last=True), "name"),
                list_url("projects:project_list", investor=pk),
            ),
            meetings=section(
                meetings.select_related("delegation", "event").order_by("-date", "-pk"),
                list_url("crm:meeting_list", organization=pk),
            ),
            agreement_links=section(
                newest_agreements.order_by(F("agreement__signed_on").desc(nulls_last=True), "-agreement__pk"),
                list_url("crm:agreement_list", party=pk),
            ),
            follow_ups=section(
                follow_ups.select_related("owner").order_by("status", "due_on", "pk"),
                list_url("crm:followup_list", organization=pk),
            ),
            timeline=timeline[:TIMELINE_ENTRIES],
            timeline_limit=TIMELINE_ENTRIES,
            **kwargs,
        )


class OrganizationCreateView(LoginRequiredMixin, PermissionRequiredMixin, CreateView):
    model = Organization
    form_class = OrganizationForm
    permission_required = "partners.add_organization"
    template_name = "partners/organization_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Organization “%(name)s” created.") % {"name": self.object})
        return response


class OrganizationUpdateView(RecordAccessMixin, StaleEditViewMixin, UpdateView):
    model = Organization
    form_class = OrganizationForm
    for_change = True
    template_name = "partners/organization_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Organization “%(name)s” saved.") % {"name": self.object})
        return response


class OrganizationArchiveView(ArchiveView):
    model = Organization


# Contacts


class ContactListView(RecordListView):
    model = Contact
    filterset_class = ContactFilterSet
    template_name = "partners/contact_list.html"

    def get_queryset(self):
        return Contact.objects.select_related("organization", "organization__country")


class ContactDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Contact
    queryset = Contact.objects.select_related("organization", "organization__country")
    template_name = "partners/contact_detail.html"

    def get_context_data(self, **kwargs):
        contact = self.object
        # Counted as the meeting list counts them; the timeline names no project.
        meetings = section(
            contact.meetings.active().order_by("-date", "-pk"),
            list_url("crm:meeting_list", contact=contact.pk),
        )
        return super().get_context_data(
            meetings=meetings,
            led_delegations=section(contact.led_delegations.order_by("-start_date", "title")),
            delegations=section(contact.delegations.order_by("-start_date", "title")),
            signed=section(
                contact.signed_agreements.select_related("agreement", "organization").order_by(
                    F("agreement__signed_on").desc(nulls_last=True), "-pk"
                )
            ),
            timeline=build_timeline(meetings=meetings.rows, newest_first=True),
            **kwargs,
        )


class ContactCreateView(LoginRequiredMixin, PermissionRequiredMixin, CreateView):
    model = Contact
    form_class = ContactForm
    permission_required = "partners.add_contact"
    template_name = "partners/contact_form.html"

    def get_initial(self):
        initial = super().get_initial()
        organization = self.request.GET.get("organization", "")
        if organization.isdigit():
            initial["organization"] = int(organization)
        return initial

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Contact “%(name)s” created.") % {"name": self.object.name})
        return response


class ContactUpdateView(RecordAccessMixin, StaleEditViewMixin, UpdateView):
    model = Contact
    form_class = ContactForm
    for_change = True
    template_name = "partners/contact_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Contact “%(name)s” saved.") % {"name": self.object.name})
        return response


class ContactArchiveView(ArchiveView):
    model = Contact


# Countries


class CountryListView(RecordListView):
    model = Country
    filterset_class = CountryFilterSet
    template_name = "partners/country_list.html"
    paginate_by = 100

    def get_queryset(self):
        user = self.request.user
        projects = related_model(Country, "projects").objects.visible_to(user).filter(is_archived=False)
        delegations = related_model(Country, "delegations").objects.filter(is_archived=False)
        return Country.objects.prefetch_related("groups").annotate(
            organization_count=count_of(Organization.objects.active().filter(country=OuterRef("pk"))),
            project_count=count_of(projects.filter(origin_country=OuterRef("pk"))),
            delegation_count=count_of(delegations.filter(countries=OuterRef("pk"))),
        )


class CountryDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Country
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "partners/country_detail.html"

    def get_object(self, queryset=None):
        # Codes are upper case; /partners/countries/de/ finds Germany too.
        self.kwargs[self.slug_url_kwarg] = self.kwargs[self.slug_url_kwarg].upper()
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        country, user = self.object, self.request.user
        projects = country.projects.visible_to(user).filter(is_archived=False)
        totals = projects.aggregate(contracted_usd=Sum("contracted_usd"), count=Count("pk"))
        totals["utilized_usd"] = projects.aggregate(utilized=Sum("capital_inflows__amount_usd"))["utilized"]
        figures = list(country.figures.filter(is_archived=False).order_by("metric", "-as_of"))
        for figure in figures:
            figure.as_of_display = display_date(figure.as_of, figure.as_of_precision)
            start = display_date(figure.period_start, figure.as_of_precision) if figure.period_start else ""
            figure.period_display = start if start != figure.as_of_display else ""
        pk = country.pk
        return super().get_context_data(
            groups=country.groups.all(),
            figures=figures,
            organizations=section(
                country.organizations.active()
                .select_related("sector")
                .annotate(project_count=Count("projects", filter=visible_projects_q(user), distinct=True))
                .order_by("-project_count", "name"),
                list_url("partners:organization_list", country=pk),
            ),
            projects=section(
                projects.select_related("investor", "sector", "park", "officer")
                .with_utilized()
                .order_by(F("contracted_usd").desc(nulls_last=True), "name"),
                list_url("projects:project_list", origin_country=pk),
            ),
            totals=totals,
            delegations=section(
                country.delegations.filter(is_archived=False)
                .prefetch_related(Prefetch("countries", queryset=Country.objects.only("code", "name")))
                .order_by("-start_date", "title"),
                list_url("crm:delegation_list", country=pk),
            ),
            **kwargs,
        )
