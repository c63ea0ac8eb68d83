"""Rules about projects that span several records. Forms, admin and API all call these."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can_change
from core.models import Currency
from projects.models import (
    AMOUNT_FIELDS,
    AmountKind,
    CapitalInflow,
    ExchangeRate,
    InvestmentProject,
    Stage,
    StageChange,
    Status,
)
from projects.money import fill_pending, pending_fillers, usd_value_or_pending


def stage_gate_problems(project: InvestmentProject, stage: str) -> list[str]:
    """What is missing before ``project`` may stand at ``stage``; empty when nothing is."""
    if stage not in Stage.at_or_beyond(Stage.CONTRACTED):
        return []
    problems = []
    if project.investor_id is None:
        problems.append(_("Record the investor."))
    if project.contracted_amount is None or not project.currency:
        problems.append(_("Record the contracted amount and its currency."))
    if project.sector_id is None:
        problems.append(_("Record the sector."))
    if project.park_id is None:
        problems.append(_("Record the park or zone."))
    return problems


def log_opening(project: InvestmentProject, *, user, note: str = "") -> StageChange:
    """Write the first StageChange of a new project, so time in its opening stage is counted from it."""
    return StageChange.objects.create(
        project=project,
        to_stage=project.stage,
        to_status=project.status,
        changed_by=user,
        note=note or _("Project opened"),
    )


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
) -> StageChange:
    """Move a project's stage and/or status and log the move.

    Refuses with ``PermissionDenied`` when ``user`` may not change the project or may not
    approve a move to ``contracted`` or beyond, and with ``ValidationError`` listing each
    missing field when the stage gate is not met. A refusal changes nothing.
    """
    stage = stage or project.stage
    status = status or project.status
    if stage not in Stage.values:
        raise ValidationError(_("Unknown stage: %(stage)s.") % {"stage": stage})
    if status not in Status.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    if stage == project.stage and status == project.status:
        raise ValidationError(_("The project is already at this stage and status."))
    if not can_change(user, project):
        raise PermissionDenied(_("You may only move projects you are responsible for."))
    entering_contracted = stage in Stage.at_or_beyond(Stage.CONTRACTED) and stage != project.stage
    if entering_contracted and not user.has_perm("projects.approve_contracted_stage"):
        raise PermissionDenied(_("Only a manager may move a project to contracted or beyond."))
    problems = stage_gate_problems(project, stage)
    if problems:
        raise ValidationError(problems)
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
        changed_by=user,
        note=note,
    )
    project.stage, project.status = stage, status
    project._change_reason = note or _("Stage or status moved")
    project.save(update_fields=["stage", "status", "lost_reason", "lost_to", "updated_at"])
    return change


def amount_date(project: InvestmentProject) -> date:
    """The day a project's amounts are converted at: its first signing, else the day it was recorded."""
    if project.signed_on:
        return project.signed_on
    return timezone.localdate(project.created_at) if project.created_at else timezone.localdate()


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
    project.save(update_fields=[*values, "updated_at"])
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
