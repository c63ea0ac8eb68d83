"""Endpoints of events, delegations, meetings, agreements and follow-ups, and their actions."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.decorators import action

from core.api.viewsets import RecordViewSet
from crm.api.serializers import (
    AgreementSerializer,
    DelegationSerializer,
    EventSerializer,
    FollowUpSerializer,
    MakeProjectSerializer,
    MeetingSerializer,
    NoteSerializer,
    ReasonSerializer,
)
from crm.filters import AgreementFilterSet, DelegationFilterSet, EventFilterSet, FollowUpFilterSet, MeetingFilterSet
from crm.forms import AgreementForm, DelegationForm, EventForm, FollowUpForm, MeetingForm
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting
from crm.services import (
    cancel_follow_up,
    complete_follow_up,
    create_project_from_agreement,
    reopen_follow_up,
    set_agreement_amount,
)
from projects.api.serializers import ProjectSerializer
from projects.api.views import ProjectViewSet
from projects.models import InvestmentProject


class EventViewSet(RecordViewSet):
    """Promotion events: Qingdao Weeks, conferences, fairs, forums."""

    queryset = Event.objects.prefetch_related("organizers")
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    form_class = EventForm


class DelegationViewSet(RecordViewSet):
    """Trips out of Qingdao and visits to it."""

    queryset = Delegation.objects.prefetch_related("members", "organizations", "countries")
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    form_class = DelegationForm


class MeetingViewSet(RecordViewSet):
    """Meetings, forums, site visits, signings and calls."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    form_class = MeetingForm

    def get_queryset(self):
        return Meeting.objects.select_related("project").prefetch_related("organizations", "contacts", "officers")


class AgreementViewSet(RecordViewSet):
    """The register of what was signed: letters of intent, MOUs, contracts."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    form_class = AgreementForm
    service_actions = ("make_project",)
    extra_error_codes = {"make_project": ["409"]}

    def get_queryset(self):
        return Agreement.objects.prefetch_related(
            Prefetch("party_links", queryset=AgreementParty.objects.order_by("side", "organization__name", "pk")),
            Prefetch("projects", queryset=InvestmentProject.objects.visible_to(self.request.user)),
        )

    def save_form(self, form, *, created):
        agreement = super().save_form(form, created=created)
        if form.amount_to_fix():
            data = form.cleaned_data
            set_agreement_amount(agreement, user=self.request.user, amount=data["amount"], currency=data["currency"])
        return agreement

    @extend_schema(
        summary=_("Open a project for what an agreement promises"),
        request=MakeProjectSerializer,
        responses={201: ProjectSerializer},
        examples=[OpenApiExample(_("From an MOU"), value={"name": "Hydrogen fuel cell plant"}, request_only=True)],
        description=_(
            "The investor is the agreement's first partner-side party, the stage intent (contracted for a binding "
            "agreement, managers only), the amount the agreement's. A gate not met answers 409 with `missing`."
        ),
    )
    @action(detail=True, methods=["post"], url_path="make-project")
    def make_project(self, request, pk=None):
        agreement = self.get_object()
        serializer = MakeProjectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with self.versioned(agreement, required=False):
            project = create_project_from_agreement(agreement, user=request.user, **serializer.validated_data)
        projects = ProjectViewSet(request=request, format_kwarg=None, action="retrieve")
        return projects.record_response(project, status_code=201)


FOLLOW_UP_ACTION = _("Only its owner, whoever created it or a manager may; a move its status does not allow is a 400.")


class FollowUpViewSet(RecordViewSet):
    """Promised next steps, with an owner and a due date; their status moves only through the actions."""

    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilterSet
    form_class = FollowUpForm
    service_actions = ("complete", "cancel", "reopen")

    def get_queryset(self):
        return FollowUp.objects.select_related("project")

    def _move(self, serializer_class, service):
        follow_up = self.get_object()
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        with self.versioned(follow_up, required=False):
            service(follow_up, user=self.request.user, **serializer.validated_data)
        return self.record_response(follow_up)

    @extend_schema(summary=_("Mark a follow-up done"), request=NoteSerializer, description=FOLLOW_UP_ACTION)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        return self._move(NoteSerializer, complete_follow_up)

    @extend_schema(summary=_("Cancel a follow-up, saying why"), request=ReasonSerializer, description=FOLLOW_UP_ACTION)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._move(ReasonSerializer, cancel_follow_up)

    @extend_schema(summary=_("Open a follow-up again"), request=NoteSerializer, description=FOLLOW_UP_ACTION)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._move(NoteSerializer, reopen_follow_up)
