"""Endpoints of parks and investment projects, and the project actions: move, record an inflow."""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework.decorators import action

from core.api.viewsets import RecordReadViewSet, RecordViewSet
from projects.api.serializers import InflowSerializer, MoveSerializer, ParkSerializer, ProjectSerializer
from projects.filters import ParkFilterSet, ProjectFilterSet
from projects.forms import ProjectCreateForm, ProjectForm
from projects.gates import with_gaps_flag
from projects.models import CapitalInflow, InvestmentProject, Park, StageChange
from projects.services import move_project, record_capital_inflow
from projects.views import PROJECT_RELATIONS, officer_name, stage_order


class ParkViewSet(RecordReadViewSet):
    """Industrial parks and zones projects settle in. Changed in the admin only."""

    queryset = Park.objects.all()
    serializer_class = ParkSerializer
    filterset_class = ParkFilterSet

    def get_queryset(self):
        projects = InvestmentProject.objects.visible_to(self.request.user).filter(is_archived=False)
        return (
            super()
            .get_queryset()
            .annotate(project_count=Count("projects", filter=Q(projects__in=projects), distinct=True))
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("List the projects you may see"),
        examples=[
            OpenApiExample(
                _("Projects at the negotiating stage, by name"),
                value={"count": 1, "next": None, "previous": None, "results": []},
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(summary=_("One project, with its stage changes and capital inflows")),
    create=extend_schema(
        summary=_("Open a project"),
        examples=[
            OpenApiExample(
                _("A lead from a German investor"),
                value={
                    "name": "Hydrogen fuel cell plant",
                    "stage": "lead",
                    "investor": 12,
                    "origin_country": 3,
                    "contracted_amount": "50000000.00",
                    "currency": "EUR",
                },
                request_only=True,
            )
        ],
    ),
    update=extend_schema(summary=_("Change a project's details (If-Match required)")),
    partial_update=extend_schema(summary=_("Change some of a project's details (If-Match required)")),
)
class ProjectViewSet(RecordViewSet):
    """Investment projects; confidential ones only for their officer and those who see all projects."""

    queryset = InvestmentProject.objects.all()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    service_actions = ("move", "inflows")
    extra_error_codes = {"move": ["409"]}

    def get_queryset(self):
        return with_gaps_flag(
            super()
            .get_queryset()
            .select_related(*PROJECT_RELATIONS, "parent")
            .prefetch_related(
                Prefetch("stage_changes", queryset=StageChange.objects.order_by("occurred_on", "changed_at", "id")),
                Prefetch("capital_inflows", queryset=CapitalInflow.objects.order_by("received_on", "id")),
            )
            .annotate(stage_order=stage_order(), officer_name=officer_name())
        )

    @property
    def form_class(self):
        return ProjectCreateForm if self.action == "create" else ProjectForm

    def save_form(self, form, *, created):
        return form.save_project()

    @extend_schema(
        summary=_("Move a project's stage or status"),
        request=MoveSerializer,
        responses={200: ProjectSerializer},
        examples=[
            OpenApiExample(
                _("Signed: move to contracted"),
                value={"stage": "contracted", "occurred_on": "2019-06-15", "note": "Investment contract signed."},
                request_only=True,
            ),
            OpenApiExample(
                _("Lost to another city"),
                value={"status": "lost", "lost_reason": "Chose another location.", "lost_to": "Tianjin"},
                request_only=True,
            ),
        ],
        description=_(
            "Through the same rules as the move page: a forward move through a gate with missing items answers "
            "409 with the gate's `missing` list; a move back needs a note; contracted and beyond need a manager."
        ),
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        project = self.get_object()
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with self.versioned(project, required=False):
            move_project(project, user=request.user, **serializer.validated_data)
        return self.record_response(project)

    @extend_schema(
        summary=_("Record a capital inflow"),
        request=InflowSerializer,
        responses={201: ProjectSerializer},
        examples=[
            OpenApiExample(
                _("First tranche"),
                value={"amount": "2000000.00", "currency": "USD", "received_on": "2020-03-01"},
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    def inflows(self, request, pk=None):
        project = self.get_object()
        serializer = InflowSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with self.versioned(project, required=False):
            record_capital_inflow(project, user=request.user, **serializer.validated_data)
        return self.record_response(project, status_code=201)
