"""Meetings: the list, the meeting page and its forms."""

from django.db.models import Prefetch, Q
from django.urls import reverse_lazy
from django.utils import timezone

from core.export import Field
from core.listing import RecordListView
from core.notes import for_timeline
from crm.filters import MeetingFilterSet
from crm.forms import MeetingForm
from crm.models import Agreement, FollowUp, Meeting
from crm.timeline import TIMELINE_ENTRIES, build_timeline
from crm.views.common import (
    RecordCreateView,
    RecordDetailView,
    RecordUpdateView,
    related_stage_changes,
)
from partners.models import Contact


class MeetingListView(RecordListView):
    model = Meeting
    filterset_class = MeetingFilterSet
    template_name = "crm/meeting_list.html"
    export_columns = (
        Field("date"),
        Field("title"),
        Field("kind"),
        Field("place"),
        Field("delegation"),
        Field("event"),
        Field("organizations"),
    )

    def get_queryset(self):
        return Meeting.objects.select_related("delegation", "event", "project").prefetch_related("organizations")


class MeetingDetailView(RecordDetailView):
    model = Meeting
    template_name = "crm/meeting_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("delegation", "event", "project")
            .prefetch_related(
                "organizations",
                "officers",
                Prefetch("contacts", queryset=Contact.objects.select_related("organization")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreements"] = Agreement.objects.active().filter(meeting=self.object)
        context["follow_ups"] = (
            FollowUp.objects.active().filter(meeting=self.object).select_related("owner").order_by("status", "due_on")
        )
        project_id = self.object.project_id
        notes, files = for_timeline(self.object, TIMELINE_ENTRIES)
        context["timeline"] = build_timeline(
            meetings=[self.object],
            agreements=context["agreements"],
            stage_changes=related_stage_changes(self.request.user, Q(pk=project_id)) if project_id else (),
            follow_ups=context["follow_ups"],
            notes=notes,
            attachments=files,
            name_projects=True,
        )
        context["today"] = timezone.localdate()
        return context


class MeetingCreateView(RecordCreateView):
    model = Meeting
    form_class = MeetingForm
    list_url = reverse_lazy("crm:meeting_list")

    prefill = {"delegation": "delegation", "event": "event", "project": "project", "organization": "organizations"}

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("officers", [self.request.user])
        return initial


class MeetingUpdateView(RecordUpdateView):
    model = Meeting
    form_class = MeetingForm
    list_url = reverse_lazy("crm:meeting_list")
