"""Rules about projects that span several records. Forms, admin and API all call these."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can_change
from projects.models import CapitalInflow, InvestmentProject, Stage, StageChange, Status
from projects.money import usd_value


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


@transaction.atomic
def set_contracted_amount(
    project: InvestmentProject, *, user, amount: Decimal | None, currency: str, on_date: date | None = None
) -> InvestmentProject:
    """Record the contracted amount and fix its USD value at today's (or ``on_date``'s) recorded rate."""
    if not can_change(user, project):
        raise PermissionDenied(_("You may only change projects you are responsible for."))
    if amount is None:
        project.contracted_amount = project.usd_rate = project.contracted_usd = None
        project.currency = ""
    else:
        if amount < 0:
            raise ValidationError({"contracted_amount": _("An amount cannot be negative.")})
        if not currency:
            raise ValidationError({"currency": _("Say which currency the amount is written in.")})
        rate, usd = usd_value(amount, currency, on_date or project.signed_on or timezone.localdate())
        project.contracted_amount, project.currency = amount, currency
        project.usd_rate, project.contracted_usd = rate, usd
    project.save(update_fields=["contracted_amount", "currency", "usd_rate", "contracted_usd", "updated_at"])
    return project


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
    rate, usd = usd_value(amount, currency, received_on)
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
