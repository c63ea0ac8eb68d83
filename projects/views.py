"""Pages for investment projects and parks.

Every move of stage or status, every contracted amount and every capital inflow goes through
``projects.services``; the views only show what the services decide.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, CharField, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from core.access import RecordAccessMixin
from core.export import Computed, Field
from core.listing import RecordListView, Total
from core.parsing import parse_id, parse_ids
from core.versioning import StaleEdit
from core.views import SECTION_ROWS, ArchiveView, DetailPageMixin, Section, list_url, safe_next
from projects.figures import comparisons, figures_of
from projects.filters import ParkFilterSet, ProjectFilterSet
from projects.forms import CapitalInflowForm, ExchangeRateForm, MoveProjectForm, ProjectCreateForm, ProjectForm
from projects.gates import missing_items, with_gaps_flag
from projects.models import (
    CHANGE_ANY,
    AmountKind,
    ExchangeRate,
    Figure,
    InvestmentProject,
    Park,
    Stage,
    StageChange,
    Status,
    officers,
)
from projects.services import (
    add_exchange_rate,
    move_project,
    plan_officer_changes,
    reassign_projects,
    record_capital_inflow,
    usd_pending_message,
)

PROJECT_RELATIONS = ("investor", "origin_country", "sector", "park", "officer")


def stage_order():
    """The pipeline position of a project's stage, for sorting in the database."""
    return Case(
        *(When(stage=stage, then=Value(position)) for position, stage in enumerate(Stage.values)),
        output_field=IntegerField(),
    )


def officer_name():
    """The officer's full name (or username), by subquery: a list's total count then joins no user table."""
    full = Trim(Concat("first_name", Value(" "), "last_name", output_field=CharField()))
    named = get_user_model().objects.filter(pk=OuterRef("officer_id"))
    return Subquery(named.annotate(full_name=Coalesce(NullIf(full, Value("")), "username")).values("full_name")[:1])


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    duration: timedelta
    is_current: bool

    @property
    def days(self) -> int:
        return self.duration.days


def time_in_stages(project: InvestmentProject, changes: list[StageChange], today: date) -> list[StageTime]:
    """How long ``project`` stood at each stage, from its StageChange rows in the order they happened.

    Counted from the day each move happened (``occurred_on``), not the day it was recorded. Before
    its first recorded move a project stood at that move's starting stage since it was created. A
    project lost or withdrawn stops counting at the move that ended it.
    """
    spans = []
    created_on = timezone.localdate(project.created_at) if project.created_at else today
    if not changes:
        spans.append((project.stage, created_on, today))
    else:
        first = changes[0]
        if first.from_stage:
            spans.append((first.from_stage, min(created_on, first.occurred_on), first.occurred_on))
        ended = project.status in (Status.LOST, Status.WITHDRAWN)
        for change, following in zip(changes, [*changes[1:], None], strict=True):
            end = following.occurred_on if following else (change.occurred_on if ended else today)
            spans.append((change.to_stage, change.occurred_on, end))
    totals: dict[str, timedelta] = defaultdict(timedelta)
    for stage, start, end in spans:
        totals[stage] += max(end - start, timedelta(0))
    return [
        StageTime(stage=stage, label=Stage(stage).label, duration=totals[stage], is_current=stage == project.stage)
        for stage in Stage.values
        if stage in totals
    ]


def pipeline_steps(project: InvestmentProject) -> list[dict]:
    """The seven stages, each marked done, current or ahead, for the progress strip."""
    position = Stage.position(project.stage)
    return [
        {"stage": stage, "label": label, "state": "done" if i < position else "current" if i == position else "ahead"}
        for i, (stage, label) in enumerate(Stage.choices)
    ]


class ProjectAccessMixin(RecordAccessMixin):
    """Confidential projects are a 404 for those who may not see them; change is ``core.access.can_change``."""

    model = InvestmentProject


# Projects


class ProjectListView(RecordListView):
    model = InvestmentProject
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    export_columns = (
        Field("reference"),
        Field("name"),
        Field("name_zh"),
        Field("investor"),
        Field("origin_country"),
        Field("sector"),
        Field("park"),
        Field("district"),
        Field("project_type"),
        Field("direction"),
        Field("stage"),
        Field("status"),
        Field("officer"),
        Field("contracted_amount"),
        Field("currency"),
        Field("contracted_usd"),
        Field("signed_on"),
        Field("planned_jobs"),
        Field("is_confidential"),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm(CHANGE_ANY):
            # Managers choose rows and give them to another officer (ProjectBulkView), after a confirmation page.
            context["bulk_officers"] = list(officers())
        return context

    def list_totals(self, queryset):
        """Each kind of money of the listed projects, never mixed (``money_totals``); kinds none has are left out."""
        totals = InvestmentProject.objects.filter(pk__in=queryset.values("pk")).money_totals()
        signed = ngettext(
            "%(count)d signed project, counted once", "%(count)d signed projects, each counted once", totals["signed"]
        ) % {"count": totals["signed"]}
        rows = [
            Total(
                kind.label, totals[kind.value], signed if kind in (AmountKind.CONTRACTED, AmountKind.UTILIZED) else ""
            )
            for kind in AmountKind
            if totals[kind.value] or totals[f"{kind.value}_pending"]
        ]
        return {"rows": rows, "pending": totals["pending"]}

    def get_queryset(self):
        return with_gaps_flag(
            InvestmentProject.objects.visible_to(self.request.user)
            .select_related(*PROJECT_RELATIONS)
            .annotate(stage_order=stage_order(), officer_name=officer_name())
        )


class ProjectFormMixin:
    """Save a project's details with each kind of amount fixed in USD by the services (``fix_project_amount``)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save_project(self, form) -> InvestmentProject:
        return form.save_project()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save_project(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("You may not change this project."))
            return self.form_invalid(form)
        except StaleEdit as error:
            form.refused_as_stale(error)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"name": self.object})
        if note := usd_pending_message(self.object):
            messages.info(self.request, note)
        # Back where the edit was asked from (the move form, when its gate asked for something), else the project.
        return redirect(safe_next(self.request, self.object.get_absolute_url()))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request, ""), **kwargs)


class ProjectCreateView(LoginRequiredMixin, PermissionRequiredMixin, ProjectFormMixin, CreateView):
    model = InvestmentProject
    form_class = ProjectCreateForm
    permission_required = "projects.add_investmentproject"
    template_name = "projects/project_form.html"
    success_message = _("Project “%(name)s” created.")

    def form_invalid(self, form):
        # A failed save may have given the unsaved instance a primary key; the form stays a create form.
        form.instance.pk = None
        form.instance._state.adding = True
        return super().form_invalid(form)


class ProjectUpdateView(ProjectFormMixin, ProjectAccessMixin, UpdateView):
    form_class = ProjectForm
    for_change = True
    queryset = InvestmentProject.objects.select_related(*PROJECT_RELATIONS)
    template_name = "projects/project_form.html"
    success_message = _("Project “%(name)s” saved.")


class ProjectActionMixin(ProjectAccessMixin, SingleObjectMixin):
    """A form about one project that only those who may change it can open."""

    for_change = True
    queryset = InvestmentProject.objects.select_related(*PROJECT_RELATIONS)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(project=self.object, **kwargs)


class ProjectMoveView(ProjectActionMixin, FormView):
    """Move the stage and/or status; the service's refusal is shown and nothing changes."""

    form_class = MoveProjectForm
    template_name = "projects/project_move.html"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "project": self.object, "user": self.request.user}
        if self.request.method == "GET":
            # Back from fixing what the gate asked: the stage chosen and the note typed before.
            kept = {name: self.request.GET[name] for name in ("stage", "note") if self.request.GET.get(name)}
            kwargs["initial"] = {**kwargs.get("initial", {}), **kept}
        return kwargs

    def fix_url(self, form) -> str:
        """The project's edit page, returning here with the stage and note typed kept."""
        typed = {name: form.data.get(name, "") for name in ("stage", "note")}
        back = f"{self.request.path}?{urlencode(typed)}"
        return f"{reverse('projects:project_update', args=[self.object.pk])}?{urlencode({'next': back})}"

    def get_context_data(self, **kwargs):
        project, user = self.object, self.request.user
        gated = [
            {
                "stage": stage,
                "label": Stage(stage).label,
                "problems": missing_items(project, stage),
                "needs_manager": stage != project.stage and not user.has_perm("projects.approve_contracted_stage"),
            }
            for stage in Stage.at_or_beyond(project.stage)
            if stage in Stage.at_or_beyond(Stage.CONTRACTED)
        ]
        context = super().get_context_data(steps=pipeline_steps(project), gated=gated[:1], **kwargs)
        if context["form"].is_bound:
            context["form"].fix_url = self.fix_url(context["form"])
        return context

    def form_valid(self, form):
        project = self.object
        # The version the form was opened at: a move over someone else's newer change is refused.
        project.version = form.cleaned_data["version"]
        data = form.cleaned_data
        try:
            move_project(
                project,
                user=self.request.user,
                stage=data["stage"],
                status=data["status"],
                note=data["note"],
                lost_reason=data["lost_reason"],
                lost_to=data["lost_to"],
                occurred_on=data["occurred_on"],
                occurred_on_precision=data["occurred_on_precision"],
                record_with_gaps=data.get("record_with_gaps", False),
            )
        except (PermissionDenied, ValidationError) as error:
            messages_ = [str(error)] if isinstance(error, PermissionDenied) else error.messages
            for message in messages_:
                form.add_error(None, message)
            moving_forward = Stage.position(data["stage"]) > Stage.position(project.stage)
            form.refused_by_gate = moving_forward and bool(missing_items(project, data["stage"]))
            # The service may have touched the object in memory before refusing; show what is stored.
            self.object = self.get_object()
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(name)s” is now at %(stage)s, %(status)s.")
            % {"name": project, "stage": project.get_stage_display(), "status": project.get_status_display()},
        )
        return redirect(project)


class ProjectInflowView(ProjectActionMixin, FormView):
    """Record money that actually arrived; the utilized amount is the sum of these."""

    form_class = CapitalInflowForm
    template_name = "projects/project_inflow.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            inflow = record_capital_inflow(
                self.object,
                user=self.request.user,
                amount=data["amount"],
                currency=data["currency"],
                received_on=data["received_on"],
                note=data["note"],
                provenance=data["provenance"],
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "currency", error)
            return self.form_invalid(form)
        if inflow.amount_usd is None:
            message = _(
                "Capital inflow of %(amount)s %(currency)s recorded; "
                "its USD value is pending until a rate for %(currency)s is recorded."
            )
        else:
            message = _("Capital inflow of %(amount)s %(currency)s recorded (%(usd)s USD).")
        messages.success(
            self.request, message % {"amount": inflow.amount, "currency": inflow.currency, "usd": inflow.amount_usd}
        )
        return HttpResponseRedirect(self.object.get_absolute_url() + "#inflows")


class ProjectArchiveView(ProjectAccessMixin, ArchiveView):
    pass


# Exchange rates


class ExchangeRateListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    """Every recorded rate; a manager adds one here, which fills the USD values pending in its currency.

    Those who may view rates (officers) see the list; adding needs ``projects.add_exchangerate`` (managers).
    """

    model = ExchangeRate
    permission_required = "projects.view_exchangerate"
    template_name = "projects/rate_list.html"
    paginate_by = 100

    def get_queryset(self):
        return ExchangeRate.objects.select_related("created_by").order_by("currency", "-valid_on")

    def can_add(self) -> bool:
        return self.request.user.has_perm("projects.add_exchangerate")

    def get_context_data(self, **kwargs):
        if self.can_add():
            kwargs.setdefault("form", ExchangeRateForm())
        return super().get_context_data(can_add=self.can_add(), **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.can_add():
            raise PermissionDenied(_("Only a manager may add exchange rates."))
        form = ExchangeRateForm(request.POST)
        if form.is_valid():
            try:
                rate, filled = add_exchange_rate(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Rate for %(currency)s recorded; %(count)d amount waiting for it now has its USD value.",
                        "Rate for %(currency)s recorded; %(count)d amounts waiting for it now have their USD value.",
                        filled,
                    )
                    % {"currency": rate.currency, "count": filled},
                )
                return redirect("projects:rate_list")
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=200)


# Parks


class ParkListView(RecordListView):
    model = Park
    filterset_class = ParkFilterSet
    template_name = "projects/park_list.html"
    paginate_by = 50
    export_columns = (
        Field("code"),
        Field("name"),
        Field("name_zh"),
        Field("district"),
        Computed(gettext_lazy("Projects"), lambda park: park.project_count),
        Computed(
            gettext_lazy("Contracted foreign investment (USD), inbound, signed"), lambda park: park.contracted_usd
        ),
    )

    def get_queryset(self):
        projects = InvestmentProject.objects.visible_to(self.request.user)
        visible = Q(projects__in=projects.filter(is_archived=False))
        # Contracted foreign investment: inbound signed projects, each counted once.
        signed = Q(projects__in=projects.inbound().signed_counted_once())
        return Park.objects.annotate(
            project_count=Count("projects", filter=visible, distinct=True),
            contracted_usd=Sum("projects__contracted_usd", filter=signed),
        ).order_by("name")


class ParkDetailView(DetailPageMixin, RecordAccessMixin, DetailView):
    model = Park
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "projects/park_detail.html"

    def get_context_data(self, **kwargs):
        park = self.object
        visible = park.projects.visible_to(self.request.user).filter(is_archived=False)
        totals = {row["stage"]: row for row in visible.order_by().values("stage").annotate(count=Count("pk"))}
        # Contracted foreign investment per stage: inbound signed projects, each counted once.
        contracted = dict(
            visible.inbound()
            .signed_counted_once()
            .order_by()
            .values("stage")
            .annotate(usd=Sum("contracted_usd"))
            .values_list("stage", "usd")
        )
        # Within a stage in name order, as the park's page has always listed them.
        by_name = visible.select_related("investor", "origin_country").order_by("name")
        stages = []
        for stage, label in Stage.choices:
            count = totals.get(stage, {}).get("count", 0)
            # One query per stage that has projects: the number of stages is fixed, not the number of projects.
            rows = list(by_name.filter(stage=stage)[:SECTION_ROWS]) if count else []
            stages.append(
                {
                    "stage": stage,
                    "label": label,
                    "projects": Section(rows, count, list_url("projects:project_list", park=park.pk, stage=stage)),
                    "usd": contracted.get(stage),
                }
            )
        project_count = sum(row["count"] for row in totals.values())
        # The park's official figures beside what its tracked projects add up to (``projects.figures``).
        user = self.request.user
        figures = (
            comparisons(figures_of(Figure.Scope.PARK, park=park), user) if user.has_perm("projects.view_figure") else []
        )
        return super().get_context_data(stages=stages, project_count=project_count, figures=figures, **kwargs)


class CityFiguresView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Qingdao in figures: the city's and its districts' official statistics, beside the CRM's own count."""

    permission_required = "projects.view_figure"
    template_name = "projects/city_figures.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        districts = Figure.objects.filter(is_archived=False, scope=Figure.Scope.DISTRICT).order_by(
            "district", "metric", "-as_of", "label"
        )
        return super().get_context_data(
            city=comparisons(figures_of(Figure.Scope.CITY), user),
            districts=comparisons(districts, user),
            parks_url=reverse("projects:park_list"),
            **kwargs,
        )


# More than a long page of rows at once is more than anyone reviews on one confirmation page.
MAX_CHOSEN = 200


class ProjectBulkView(LoginRequiredMixin, View):
    """Managers give the chosen projects to another officer: first the page listing what changes, then the change."""

    http_method_names = ["post"]

    def back(self) -> str:
        url = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure()):
            return url
        return reverse("projects:project_list")

    def post(self, request):
        if not request.user.has_perm(CHANGE_ANY):
            raise PermissionDenied(_("Only a manager may change several projects at once."))
        ids = parse_ids(request.POST.getlist("pk"))[:MAX_CHOSEN]
        officer_id = parse_id(request.POST.get("officer"))
        officer = officers().filter(pk=officer_id).first() if officer_id is not None else None
        if not ids or officer is None:
            messages.error(request, _("Choose projects and the officer to give them to; nothing was changed."))
            return HttpResponseRedirect(self.back())
        chosen = InvestmentProject.objects.visible_to(request.user).filter(pk__in=ids).select_related("officer")
        if request.POST.get("confirm") == "yes":
            try:
                plan = reassign_projects(list(chosen), user=request.user, officer=officer)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
                return HttpResponseRedirect(self.back())
            changed = sum(1 for planned in plan if not planned.refusal)
            messages.success(
                request,
                ngettext("%(count)d project changed.", "%(count)d projects changed.", changed) % {"count": changed},
            )
            return HttpResponseRedirect(self.back())
        plan = plan_officer_changes(chosen.order_by("name", "pk"), user=request.user, officer=officer)
        return render(
            request,
            "projects/project_bulk_confirm.html",
            {
                "plan": plan,
                "officer": officer,
                "ids": [planned.record.pk for planned in plan],
                "changing": sum(1 for planned in plan if not planned.refusal),
                "next": self.back(),
            },
        )
