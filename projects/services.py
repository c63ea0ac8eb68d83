"""Rules about projects that span several records. Forms, admin and API all call these."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from core.access import can_change
from core.bulk import PlannedChange
from core.dates import period_end, period_start
from core.display import display_date, person
from core.models import Currency, DatePrecision, Notification
from core.notifications import notify
from projects.activity import refresh_last_activity
from projects.gates import GateNotMet, missing_items
from projects.models import (
    AMOUNT_FIELDS,
    AmountKind,
    CapitalInflow,
    ExchangeRate,
    InvestmentProject,
    Stage,
    StageChange,
    Status,
    officers,
)
from projects.money import fill_pending, pending_fillers, usd_value_or_pending


def log_opening(
    project: InvestmentProject,
    *,
    user,
    note: str = "",
    occurred_on: date | None = None,
    occurred_on_precision: str = DatePrecision.DAY,
) -> StageChange:
    """Write the first StageChange of a new project, so time in its opening stage is counted from it.

    ``occurred_on`` is when the project reached its opening stage (an MOU's signing day, say);
    today when not known or not yet come.
    """
    today = timezone.localdate()
    if occurred_on is None or occurred_on > today:
        occurred_on, occurred_on_precision = today, DatePrecision.DAY
    change = StageChange.objects.create(
        project=project,
        to_stage=project.stage,
        to_status=project.status,
        occurred_on=period_start(occurred_on, occurred_on_precision),
        occurred_on_precision=occurred_on_precision,
        changed_by=user,
        note=note or _("Project opened"),
        gaps_at_move=missing_items(project),
    )
    _note_activity(project)
    return change


def _note_activity(project: InvestmentProject) -> None:
    """A move was recorded: the project's last activity day anew, in the database and on ``project``."""
    refresh_last_activity([project.pk])
    project.refresh_from_db(fields=["last_activity_on"])


APPROVE_CONTRACTED = "projects.approve_contracted_stage"
RECORD_WITH_GAPS = "projects.record_stage_with_gaps"


@dataclass(frozen=True)
class StageOption:
    """A stage on the move form: whether ``user`` may move the project there now, and what it takes or why not.

    ``fixable``: refused only for what its gate asks, which recording the missing items mends.
    """

    stage: str
    label: str
    allowed: bool
    current: bool = False
    reason: str = ""
    gaps: tuple[str, ...] = ()
    fixable: bool = False


def stage_options(project: InvestmentProject, user) -> list[StageOption]:
    """Every stage as a move ``user`` may make on ``project`` now, or the reason they may not.

    The rules are ``move_project``'s: a move to contracted or beyond is a manager's; a move forward
    through a gate with missing items is refused unless the user may record a stage with data gaps
    (with a reason). A move back, open to whoever may change the project, needs a reason (the form says so).
    """
    options = []
    for stage, label in Stage.choices:
        if stage == project.stage:
            options.append(StageOption(stage, label, allowed=True, current=True))
            continue
        forward = Stage.position(stage) > Stage.position(project.stage)
        gaps = tuple(str(item) for item in missing_items(project, stage)) if forward else ()
        if forward and stage in Stage.at_or_beyond(Stage.CONTRACTED) and not user.has_perm(APPROVE_CONTRACTED):
            reason = _("Only a manager may move a project to contracted or beyond.")
            options.append(StageOption(stage, label, allowed=False, reason=reason, gaps=gaps))
        elif gaps and not user.has_perm(RECORD_WITH_GAPS):
            reason = _("Its gate is not met yet: record what is missing first.")
            options.append(StageOption(stage, label, allowed=False, reason=reason, gaps=gaps, fixable=True))
        elif gaps:
            reason = _("Its gate is not met: record it with data gaps, giving the reason.")
            options.append(StageOption(stage, label, allowed=True, reason=reason, gaps=gaps))
        else:
            options.append(StageOption(stage, label, allowed=True))
    return options


@transaction.atomic
def move_project(
    project: InvestmentProject,
    *,
    user,
    stage: str | None = None,
    status: str | None = None,
    note: str = "",
    lost_reason: str = "",
    lost_to: str = "",
    occurred_on: date | None = None,
    occurred_on_precision: str = DatePrecision.DAY,
    record_with_gaps: bool = False,
) -> StageChange:
    """Move a project's stage and/or status and log the move with the date it happened.

    ``occurred_on`` (today when not given) is stored as the first day of its period at
    ``occurred_on_precision``; it may lie neither in the future nor before the previous move.
    A forward move through a gate with missing items (``projects.gates``) is refused with the
    gate's list, unless ``record_with_gaps`` is asked by a user allowed to record a stage with
    gaps, with the reason in ``note``; the move then keeps the gaps it was recorded with. A move
    back needs a reason in ``note``. Refuses with ``PermissionDenied`` when ``user`` may not
    change the project or may not approve a move to ``contracted`` or beyond, and with
    ``ValidationError`` otherwise. A refusal changes nothing.
    """
    stage = stage or project.stage
    status = status or project.status
    note = note.strip()
    if stage not in Stage.values:
        raise ValidationError(_("Unknown stage: %(stage)s.") % {"stage": stage})
    if status not in Status.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    if occurred_on_precision not in DatePrecision.values:
        raise ValidationError(_("Unknown date precision: %(precision)s.") % {"precision": occurred_on_precision})
    if stage == project.stage and status == project.status:
        raise ValidationError(_("The project is already at this stage and status."))
    if not can_change(user, project):
        raise PermissionDenied(_("You may only move projects you are responsible for."))
    occurred_on = _check_occurred_on(project, occurred_on or timezone.localdate(), occurred_on_precision)

    forward = Stage.position(stage) > Stage.position(project.stage)
    backward = Stage.position(stage) < Stage.position(project.stage)
    gaps = missing_items(project, stage)
    if backward and not note:
        raise ValidationError(_("Say why the project moved back to an earlier stage."))
    if forward and gaps:
        if not record_with_gaps:
            raise GateNotMet(gaps)
        if not user.has_perm(RECORD_WITH_GAPS):
            raise PermissionDenied(_("Only a manager may record a stage whose gate is not met."))
        if not note:
            raise ValidationError(_("Give the reason for recording this stage with data gaps."))
    entering_contracted = forward and stage in Stage.at_or_beyond(Stage.CONTRACTED)
    if entering_contracted and not user.has_perm(APPROVE_CONTRACTED):
        raise PermissionDenied(_("Only a manager may move a project to contracted or beyond."))
    if status in (Status.LOST, Status.WITHDRAWN):
        lost_reason = lost_reason.strip() or project.lost_reason.strip()
        if not lost_reason:
            raise ValidationError(_("Say why the project was lost or withdrawn."))
        project.lost_reason = lost_reason
        project.lost_to = lost_to.strip() or project.lost_to

    locked = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    if locked.version != project.version:
        raise ValidationError(_("Someone else changed this project meanwhile; reload it and try again."))
    change = StageChange.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=stage,
        from_status=project.status,
        to_status=status,
        occurred_on=occurred_on,
        occurred_on_precision=occurred_on_precision,
        changed_by=user,
        note=note,
        gaps_at_move=gaps,
    )
    project.stage, project.status = stage, status
    project._change_reason = note or _("Stage or status moved")
    project.save(update_fields=["stage", "status", "lost_reason", "lost_to", "updated_at"])
    notify(
        recipient=project.officer,
        actor=user,
        kind=Notification.Kind.MOVED,
        target=project,
        text=_move_text(project, change),
    )
    _note_activity(project)
    return change


def _move_text(project: InvestmentProject, change: StageChange):
    """ "Name: Lead → Negotiating", with the status too when it moved; lazy, for the reader's language."""
    moves = []
    if change.from_stage != change.to_stage:
        moves.append(format_lazy("{} → {}", Stage(change.from_stage).label, Stage(change.to_stage).label))
    if change.from_status != change.to_status:
        moves.append(format_lazy("{} → {}", Status(change.from_status).label, Status(change.to_status).label))
    return format_lazy("{}: {}", project.name, format_lazy("; ".join("{}" for _move in moves), *moves))


def amount_date(project: InvestmentProject) -> date:
    """The day a project's amounts are converted at: its first signing, else the day it was recorded."""
    if project.signed_on:
        return project.signed_on
    return timezone.localdate(project.created_at) if project.created_at else timezone.localdate()


def _check_occurred_on(project: InvestmentProject, occurred_on: date, precision: str) -> date:
    """The first day of ``occurred_on``'s period, refused if in the future or before the previous move."""
    start = period_start(occurred_on, precision)
    if start > timezone.localdate():
        raise ValidationError(_("The date a move happened cannot be in the future."))
    previous = project.stage_changes.order_by("-occurred_on", "-changed_at").first()
    # A date known only to its month, quarter or year is earlier only if its whole period is.
    if previous and period_end(start, precision) < previous.occurred_on:
        raise ValidationError(
            _("The move cannot have happened before the previous one (%(date)s).")
            % {"date": display_date(previous.occurred_on, previous.occurred_on_precision)}
        )
    return start


def fix_project_amount(
    project: InvestmentProject,
    *,
    kind: str,
    amount: Decimal | None,
    currency: str,
    user,
    on_date: date | None = None,
) -> list[str]:
    """Put one kind of a project's amounts, as written, and its USD value at the recorded rate on ``project``.

    Nothing is saved: the caller saves the project once with the rest of its edit, so that one edit
    makes one history entry. Returns the names of the fields set. The rules are those of
    ``set_project_amount``.
    """
    if kind not in AMOUNT_FIELDS:
        raise ValidationError(_("Unknown kind of amount: %(kind)s.") % {"kind": kind})
    if not can_change(user, project):
        raise PermissionDenied(_("You may only change projects you are responsible for."))
    fields = AMOUNT_FIELDS[kind]
    if amount is None:
        values = {fields.amount: None, fields.currency: "", fields.rate: None, fields.usd: None}
    else:
        if amount < 0:
            raise ValidationError({fields.amount: _("An amount cannot be negative.")})
        if not currency:
            raise ValidationError({fields.currency: _("Say which currency the amount is written in.")})
        if currency not in Currency.values:
            raise ValidationError({fields.currency: _("Unknown currency: %(currency)s.") % {"currency": currency}})
        rate, usd = usd_value_or_pending(amount, currency, on_date or amount_date(project))
        values = {fields.amount: amount, fields.currency: currency, fields.rate: rate, fields.usd: usd}
    for name, value in values.items():
        setattr(project, name, value)
    project._change_reason = _("%(kind)s recorded") % {"kind": AmountKind(kind).label}
    return list(values)


@transaction.atomic
def set_project_amount(
    *,
    project: InvestmentProject,
    kind: str,
    amount: Decimal | None,
    currency: str,
    user,
    on_date: date | None = None,
) -> InvestmentProject:
    """Record one kind of a project's amounts as written and fix its USD value at the recorded rate.

    The rate is the one in force on ``on_date`` (the signing day, else the day recorded); without a
    recorded rate for the currency the USD value stays pending (empty) and ``fill_pending_usd`` fills
    it when a rate arrives. ``amount=None`` clears the amount. Refuses with ``PermissionDenied`` when
    ``user`` may not change the project and with ``ValidationError`` on an unknown kind, a negative
    amount or a missing currency; a refusal changes nothing.
    """
    names = fix_project_amount(project, kind=kind, amount=amount, currency=currency, user=user, on_date=on_date)
    project.save(update_fields=[*names, "updated_at"])
    return project


def usd_pending_message(project: InvestmentProject) -> str:
    """What to tell whoever recorded the project's amounts when a USD value is pending; empty when none is."""
    pending = sorted(
        {
            getattr(project, fields.currency)
            for fields in AMOUNT_FIELDS.values()
            if getattr(project, fields.amount) is not None and getattr(project, fields.usd) is None
        }
    )
    if not pending:
        return ""
    return _("No exchange rate for %(currencies)s is recorded yet: the USD value stays pending until one is added.") % {
        "currencies": ", ".join(pending)
    }


@transaction.atomic
def fill_pending_usd(*, currency: str | None = None) -> int:
    """Give every amount whose USD value is pending its value at the recorded rate; return how many got one.

    Project amounts of every kind and capital inflows here, then each filler other apps registered
    (``projects.money.register_pending_filler``: crm's agreements). ``currency`` limits it to one currency,
    as when a rate for it has just been added. Amounts still without a rate stay pending.
    """
    currencies = [currency] if currency else Currency.values
    filled = 0
    for code in currencies:
        for fields in AMOUNT_FIELDS.values():
            pending = InvestmentProject.objects.filter(
                **{fields.currency: code, f"{fields.amount}__isnull": False, f"{fields.usd}__isnull": True}
            )
            filled += fill_pending(pending, **fields._asdict(), on_date=amount_date)
        inflows = CapitalInflow.objects.usd_pending().filter(currency=code)
        filled += fill_pending(
            inflows, amount="amount", currency="currency", rate="usd_rate", usd="amount_usd", on_date=_received_on
        )
        for filler in pending_fillers():
            filled += filler(code)
    return filled


def _received_on(inflow: CapitalInflow) -> date:
    return inflow.received_on


@transaction.atomic
def add_exchange_rate(
    *, user, currency: str, valid_on: date, usd_per_unit: Decimal, source: str, provenance: str = ""
) -> tuple[ExchangeRate, int]:
    """Record a rate and fill every amount in its currency whose USD value was pending; return both.

    Refuses with ``PermissionDenied`` when ``user`` may not add rates and with ``ValidationError`` on
    an unknown currency, a rate that is not positive, a missing source or a second rate for the same
    currency and day; a refusal changes nothing. Amounts already fixed keep their rate.
    """
    if not user.has_perm("projects.add_exchangerate"):
        raise PermissionDenied(_("Only a manager may add exchange rates."))
    rate = ExchangeRate(
        currency=currency,
        valid_on=valid_on,
        usd_per_unit=usd_per_unit,
        source=" ".join((source or "").split()),
        provenance=provenance,
        created_by=user,
    )
    if usd_per_unit is not None and usd_per_unit <= 0:
        raise ValidationError({"usd_per_unit": _("A rate must be more than zero.")})
    rate.full_clean()
    rate.save()
    return rate, fill_pending_usd(currency=currency)


@transaction.atomic
def record_capital_inflow(
    project: InvestmentProject,
    *,
    user,
    amount: Decimal,
    currency: str,
    received_on: date,
    note: str = "",
    provenance: str = "",
) -> CapitalInflow:
    """Record money that actually arrived; the project's utilized amount is the sum of these."""
    if not can_change(user, project):
        raise PermissionDenied(_("You may only change projects you are responsible for."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("A capital inflow must be a positive amount.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("A capital inflow cannot be dated in the future.")})
    # Without a rate for the currency the USD value stays pending; ``fill_pending_usd`` fills it later.
    rate, usd = usd_value_or_pending(amount, currency, received_on)
    return CapitalInflow.objects.create(
        project=project,
        amount=amount,
        currency=currency,
        received_on=received_on,
        usd_rate=rate,
        amount_usd=usd,
        note=note,
        provenance=provenance,
        created_by=user,
    )


def plan_officer_changes(projects, *, user, officer) -> list[PlannedChange]:
    """Say, project by project, whether giving it to ``officer`` changes it, and why not when it does not."""
    plan = []
    for project in projects:
        if not can_change(user, project):
            plan.append(PlannedChange(project, refusal=_("You may not change this project.")))
        elif project.officer_id == officer.pk:
            plan.append(PlannedChange(project, refusal=_("Already theirs.")))
        else:
            change = _("Officer: %(before)s → %(after)s") % {
                "before": person(project.officer, missing=_("nobody")),
                "after": person(officer),
            }
            plan.append(PlannedChange(project, change=change))
    return plan


@transaction.atomic
def reassign_projects(projects, *, user, officer) -> list[PlannedChange]:
    """Give every project the plan lets change to ``officer``, all or none, each with a history reason.

    ``officer`` must be someone projects are given to (``officers()``); returns the plan carried out.
    """
    if officer is None or not officers().filter(pk=officer.pk).exists():
        raise ValidationError(_("Choose the officer who takes the projects over."))
    locked = (
        InvestmentProject.objects.select_for_update(of=("self",))
        .select_related("officer")
        .filter(pk__in=[project.pk for project in projects])
        .order_by("name", "pk")
    )
    plan = plan_officer_changes(locked, user=user, officer=officer)
    for planned in plan:
        if not planned.refusal:
            project = planned.record
            project.officer = officer
            project._change_reason = planned.change
            project.save(update_fields=["officer", "updated_at"])
            notify(recipient=officer, actor=user, kind=Notification.Kind.ASSIGNED, target=project, text=project.name)
    return plan
