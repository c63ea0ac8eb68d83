"""Directory pages that gather the whole CRM around an organization, a contact or a country.

They live here, not in ``partners``, because they show projects, meetings, agreements,
delegations and follow-ups; ``partners`` knows none of those.
"""

from django.contrib import messages
from django.db.models import F, OuterRef, Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from core.access import RecordAccessMixin
from core.export import Computed, Field
from core.listing import RecordListView
from core.notes import for_timeline
from core.views import DetailPageMixin, count_of, list_url, section
from crm.filters import DirectoryCountryFilterSet, DirectoryOrganizationFilterSet, PipelineFilterSet
from crm.models import Delegation
from crm.timeline import TIMELINE_READ, build_timeline, newest_entries, timeline_follow_ups
from crm.views.links import project_list_url
from partners.models import Contact, Country, CountryGroup, Organization
from projects.figures import comparisons
from projects.models import Direction, InvestmentProject, StageChange
from projects.views import ProjectListView


class OrganizationListView(RecordListView):
    model = Organization
    filterset_class = DirectoryOrganizationFilterSet
    template_name = "crm/organization_list.html"
    export_columns = (
        Field("name"),
        Field("name_zh"),
        Field("kind"),
        Field("country"),
        Field("city"),
        Field("sector"),
        Field("website"),
        Computed(_("Projects"), lambda organization: organization.project_count),
        Computed(_("Contacts"), lambda organization: organization.contact_count),
    )

    def get_queryset(self):
        user = self.request.user
        projects = InvestmentProject.objects.visible_to(user).filter(is_archived=False)
        return Organization.objects.select_related("country", "sector").annotate(
            project_count=count_of(projects.filter(investor=OuterRef("pk"))),
            contact_count=count_of(Contact.objects.active().filter(organization=OuterRef("pk"))),
        )


class OrganizationDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Organization
    queryset = Organization.objects.select_related("country", "sector", "parent")
    template_name = "crm/organization_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.merged_into_id:
            # A duplicate merged into another: its old address leads there; its history stays readable.
            history = reverse("record_history", args=["partners", "organization", self.object.pk])
            message = gettext('“{name}” was merged into this organization. <a href="{history}">Its history</a>.')
            messages.info(request, format_html(message, name=self.object.name, history=history))
            return redirect(self.object.merged_into)
        context = self.get_context_data(object=self.object)
        return self.render_to_response(context)

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
            StageChange.objects.filter(project__in=projects.values("pk"))
            .select_related("project", "changed_by")
            .order_by("-changed_at")
        )
        newest_agreements = agreement_links.order_by(F("agreement__signed_on").desc(nulls_last=True))
        notes, files = for_timeline(organization, TIMELINE_READ)
        timeline = build_timeline(
            meetings=meetings.order_by("-date")[:TIMELINE_READ],
            agreements=[link.agreement for link in newest_agreements[:TIMELINE_READ]],
            follow_ups=timeline_follow_ups(follow_ups.select_related("owner")),
            stage_changes=stage_changes[:TIMELINE_READ],
            notes=notes,
            attachments=files,
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
            **newest_entries(timeline),
            **kwargs,
        )


class ContactDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Contact
    queryset = Contact.objects.select_related("organization", "organization__country")
    template_name = "crm/contact_detail.html"

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


class CountryListView(RecordListView):
    model = Country
    filterset_class = DirectoryCountryFilterSet
    template_name = "crm/country_list.html"
    paginate_by = 100
    export_columns = (
        Field("code"),
        Field("name"),
        Field("name_zh"),
        Field("groups"),
        Computed(_("Organizations"), lambda country: country.organization_count),
        Computed(_("Projects"), lambda country: country.project_count),
        Computed(_("Delegations"), lambda country: country.delegation_count),
    )

    def get_queryset(self):
        user = self.request.user
        projects = InvestmentProject.objects.visible_to(user).filter(is_archived=False)
        delegations = Delegation.objects.filter(is_archived=False)
        return Country.objects.prefetch_related("groups").annotate(
            organization_count=count_of(Organization.objects.active().filter(country=OuterRef("pk"))),
            project_count=count_of(projects.filter(origin_country=OuterRef("pk"))),
            delegation_count=count_of(delegations.filter(countries=OuterRef("pk"))),
        )


class CountryDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Country
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "crm/country_detail.html"

    def get_object(self, queryset=None):
        # Codes are upper case; /partners/countries/de/ finds Germany too.
        self.kwargs[self.slug_url_kwarg] = self.kwargs[self.slug_url_kwarg].upper()
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        country, user = self.object, self.request.user
        projects = country.projects.visible_to(user).filter(is_archived=False)
        # Investment from this country into Qingdao, by kind, signed projects counted once (``money_totals``);
        # outbound and domestic projects naming the country are counted apart, never in these totals.
        totals = projects.inbound().money_totals()
        totals["not_inbound"] = projects.exclude(direction=Direction.INBOUND).count()
        figures = comparisons(country.figures.filter(is_archived=False).order_by("metric", "-as_of"), user)
        pk = country.pk
        return super().get_context_data(
            groups=country.groups.all(),
            figures=figures,
            organizations=section(
                country.organizations.active()
                .select_related("sector")
                .annotate(
                    project_count=count_of(
                        InvestmentProject.objects.visible_to(user).active().filter(investor=OuterRef("pk"))
                    )
                )
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


class CountryGroupDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    """A group of countries (the SCO, the EU): its members and its figures beside the CRM's projects from them."""

    model = CountryGroup
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "crm/country_group_detail.html"

    def get_context_data(self, **kwargs):
        group, user = self.object, self.request.user
        projects = InvestmentProject.objects.visible_to(user).filter(is_archived=False)
        return super().get_context_data(
            figures=comparisons(group.figures.filter(is_archived=False).order_by("metric", "-as_of"), user),
            members=group.countries.filter(is_archived=False)
            .annotate(project_count=count_of(projects.filter(origin_country=OuterRef("pk"))))
            .order_by("name"),
            projects_url=project_list_url(origin_group=group.code),
            inbound_url=project_list_url(origin_group=group.code, direction=Direction.INBOUND),
            **kwargs,
        )


class PipelineListView(ProjectListView):
    """The project list, with the filters that read engagement records ("stale")."""

    filterset_class = PipelineFilterSet
