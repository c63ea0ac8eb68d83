"""Events: promotion weeks, conferences and fairs."""

from django.db.models import OuterRef
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.export import Computed, Field
from core.listing import RecordListView
from core.notes import for_timeline
from core.views import count_of
from crm.filters import EventFilterSet
from crm.forms import EventForm
from crm.models import Agreement, Delegation, Event
from crm.timeline import TIMELINE_ENTRIES, build_timeline
from crm.views.common import RecordCreateView, RecordDetailView, RecordUpdateView


class EventListView(RecordListView):
    model = Event
    filterset_class = EventFilterSet
    template_name = "crm/event_list.html"
    export_columns = (
        Field("name"),
        Field("name_zh"),
        Field("kind"),
        Field("start_date"),
        Field("end_date"),
        Field("place"),
        Field("country"),
        Computed(_("Delegations"), lambda event: event.delegation_count),
        Computed(_("Agreements"), lambda event: event.agreement_count),
    )

    def get_queryset(self):
        return (
            Event.objects.select_related("country")
            .annotate(
                # Counted per row by subquery: the first page, read in index order, counts its own rows only.
                delegation_count=count_of(Delegation.objects.active().filter(event=OuterRef("pk"))),
                agreement_count=count_of(Agreement.objects.active().filter(event=OuterRef("pk"))),
            )
            .order_by("-start_date", "name")
        )


class EventDetailView(RecordDetailView):
    model = Event
    template_name = "crm/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("country").prefetch_related("organizers")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["delegations"] = event.delegations.active().order_by("start_date")
        context["meetings"] = event.meetings.active().prefetch_related("organizations").order_by("date")
        context["agreements"] = event.agreements.active().order_by("signed_on")
        notes, files = for_timeline(self.object, TIMELINE_ENTRIES)
        context["timeline"] = build_timeline(
            meetings=context["meetings"], agreements=context["agreements"], notes=notes, attachments=files
        )
        return context


class EventCreateView(RecordCreateView):
    model = Event
    form_class = EventForm
    list_url = reverse_lazy("crm:event_list")


class EventUpdateView(RecordUpdateView):
    model = Event
    form_class = EventForm
    list_url = reverse_lazy("crm:event_list")
