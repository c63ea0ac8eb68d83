"""Delegations: the list, the trip page (also a printable one-page brief), and its forms."""

from django.db.models import Count, F, OuterRef, Prefetch, Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.export import Computed, Field
from core.listing import RecordListView
from core.notes import for_timeline
from core.views import count_of, list_url, section
from crm.filters import DelegationFilterSet
from crm.forms import DelegationForm
from crm.models import Agreement, AgreementParty, Delegation, FollowUp, Meeting
from crm.timeline import TIMELINE_READ, build_timeline, newest_entries, timeline_follow_ups
from crm.views.common import (
    RecordCreateView,
    RecordDetailView,
    RecordUpdateView,
    related_stage_changes,
)
from partners.models import Contact


class DelegationListView(RecordListView):
    model = Delegation
    filterset_class = DelegationFilterSet
    template_name = "crm/delegation_list.html"
    export_columns = (
        Field("title"),
        Field("title_zh"),
        Field("direction"),
        Field("leader"),
        Field("officer"),
        Field("countries"),
        Field("cities"),
        Field("start_date"),
        Field("end_date"),
        Field("event"),
        Field("status"),
        Field("reported_on"),
        Computed(_("Meetings"), lambda delegation: delegation.meeting_count),
        Computed(_("Agreements"), lambda delegation: delegation.agreement_count),
    )

    def get_queryset(self):
        delegations = (
            Delegation.objects.select_related("leader", "event", "officer")
            .prefetch_related("countries")
            .order_by("-start_date", "title")
        )
        if self.export_format() is None:
            # The page counts meetings and agreements for its own rows only (get_context_data).
            return delegations
        return delegations.annotate(
            meeting_count=count_of(Meeting.objects.active().filter(delegation=OuterRef("pk"))),
            agreement_count=count_of(Agreement.objects.active().filter(delegation=OuterRef("pk"))),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        rows = list(context["object_list"])
        ids = [delegation.pk for delegation in rows]
        meetings = counts_by_delegation(Meeting.objects.active(), ids)
        agreements = counts_by_delegation(Agreement.objects.active(), ids)
        for delegation in rows:
            delegation.meeting_count = meetings.get(delegation.pk, 0)
            delegation.agreement_count = agreements.get(delegation.pk, 0)
        context["object_list"] = rows
        if context.get("page_obj") is not None:
            context["page_obj"].object_list = rows
        return context


def counts_by_delegation(records, ids: list[int]) -> dict[int, int]:
    """How many of ``records`` each delegation of ``ids`` has: one grouped query for a page of rows."""
    if not ids:
        return {}
    grouped = records.filter(delegation__in=ids).order_by().values("delegation").annotate(n=Count("pk"))
    return dict(grouped.values_list("delegation", "n"))


class DelegationDetailView(RecordDetailView):
    model = Delegation
    template_name = "crm/delegation_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("leader__organization", "event", "officer")
            .prefetch_related(
                "countries",
                "organizations",
                Prefetch("members", queryset=Contact.objects.select_related("organization")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        delegation = self.object
        pk = delegation.pk
        meetings = (
            delegation.meetings.active()
            .select_related("project")
            .prefetch_related("organizations", "contacts")
            .order_by("date", "title")
        )
        agreements = delegation.agreements.active().prefetch_related(
            Prefetch("party_links", queryset=AgreementParty.objects.select_related("organization")),
        )
        follow_ups = FollowUp.objects.active().filter(delegation=delegation).select_related("owner")
        # Each section shows its first rows and links to the list that has them all.
        context["meetings"] = section(meetings, list_url("crm:meeting_list", delegation=pk))
        context["agreements"] = section(
            agreements.order_by("signed_on", "title"), list_url("crm:agreement_list", delegation=pk)
        )
        context["follow_ups"] = section(
            follow_ups.order_by("status", "due_on", "title"), list_url("crm:followup_list", delegation=pk)
        )
        # The projects its meetings and agreements were about, as two id sets: no join over every project.
        about = Q(pk__in=Meeting.objects.filter(delegation=delegation, project__isnull=False).values("project")) | Q(
            pk__in=Agreement.projects.through.objects.filter(agreement__delegation=delegation).values(
                "investmentproject"
            )
        )
        notes, files = for_timeline(self.object, TIMELINE_READ)
        context.update(
            newest_entries(
                build_timeline(
                    meetings=meetings.order_by("-date", "-pk")[:TIMELINE_READ],
                    agreements=agreements.order_by(F("signed_on").desc(nulls_last=True), "-pk")[:TIMELINE_READ],
                    stage_changes=related_stage_changes(self.request.user, about).order_by("-changed_at")[
                        :TIMELINE_READ
                    ],
                    follow_ups=timeline_follow_ups(follow_ups),
                    notes=notes,
                    attachments=files,
                    name_projects=True,
                    newest_first=True,
                )
            )
        )
        return context


class DelegationCreateView(RecordCreateView):
    model = Delegation
    form_class = DelegationForm
    list_url = reverse_lazy("crm:delegation_list")

    def get_initial(self):
        return {"officer": self.request.user, **super().get_initial()}


class DelegationUpdateView(RecordUpdateView):
    model = Delegation
    form_class = DelegationForm
    list_url = reverse_lazy("crm:delegation_list")
