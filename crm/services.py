"""Rules of the engagement side that span several records."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_change
from core.bulk import PlannedChange
from core.dates import period_end, period_start
from core.display import date_span, display_date, person
from core.parsing import Period
from crm import report_workbook, reporting
from crm.models import Agreement, AgreementParty, Delegation, FollowUp, Meeting, Report
from crm.notifications import follow_up_assigned
from partners.models import Organization
from partners.services import create_organization
from projects.activity import refresh_last_activity
from projects.gates import GateNotMet, missing_items
from projects.models import AmountKind, InvestmentProject, Park, Stage, officers
from projects.money import fill_pending, usd_value_or_pending
from projects.services import log_opening, set_project_amount


def _check_follow_up_move(follow_up: FollowUp, *, user, allowed_from: set[str], refusal: str) -> None:
    """Refuse a status move ``user`` may not make, or one from the status the follow-up now stands at.

    The status is read again under a lock, so two people closing the same follow-up do not both succeed.
    """
    if not can_change(user, follow_up):
        raise PermissionDenied(refusal)
    follow_up.status = FollowUp.objects.select_for_update().values_list("status", flat=True).get(pk=follow_up.pk)
    if follow_up.status not in allowed_from:
        raise ValidationError(
            _("This follow-up is already %(status)s.") % {"status": follow_up.get_status_display().lower()}
        )


def _add_note(follow_up: FollowUp, note: str) -> None:
    follow_up.description = f"{follow_up.description}\n\n{note}".strip()


@transaction.atomic
def complete_follow_up(follow_up: FollowUp, *, user, note: str = "", outcome: str = "") -> FollowUp:
    """Mark an open follow-up (or one whose outcome was not recorded) done, recording when and by whom.

    An ``outcome`` (what came of it), when given, is kept in its description and its history's change reason.
    """
    _check_follow_up_move(
        follow_up,
        user=user,
        allowed_from={FollowUp.Status.OPEN, FollowUp.Status.NOT_RECORDED},
        refusal=_("Only its owner, whoever created it or a manager may complete this follow-up."),
    )
    follow_up.status = FollowUp.Status.DONE
    follow_up.completed_at = timezone.now()
    follow_up.completed_by = user
    if note:
        _add_note(follow_up, note)
    outcome = " ".join((outcome or "").split())
    if outcome:
        _add_note(follow_up, _("Outcome: %(outcome)s") % {"outcome": outcome})
    follow_up._change_reason = _("Completed: %(outcome)s") % {"outcome": outcome} if outcome else _("Completed")
    follow_up.save(update_fields=["status", "completed_at", "completed_by", "description", "updated_at"])
    return follow_up


@transaction.atomic
def cancel_follow_up(follow_up: FollowUp, *, user, reason: str) -> FollowUp:
    """Cancel an open follow-up that will not be done, saying why; the reason is kept in its description."""
    _check_follow_up_move(
        follow_up,
        user=user,
        allowed_from={FollowUp.Status.OPEN, FollowUp.Status.NOT_RECORDED},
        refusal=_("Only its owner, whoever created it or a manager may cancel this follow-up."),
    )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why the follow-up is cancelled.")})
    follow_up.status = FollowUp.Status.CANCELLED
    _add_note(follow_up, _("Cancelled: %(reason)s") % {"reason": reason})
    follow_up._change_reason = _("Cancelled: %(reason)s") % {"reason": reason}
    follow_up.save(update_fields=["status", "description", "updated_at"])
    return follow_up


@transaction.atomic
def reopen_follow_up(follow_up: FollowUp, *, user, note: str = "") -> FollowUp:
    """Open again a follow-up that was done, cancelled or of unrecorded outcome; completion is cleared."""
    _check_follow_up_move(
        follow_up,
        user=user,
        allowed_from={FollowUp.Status.DONE, FollowUp.Status.CANCELLED, FollowUp.Status.NOT_RECORDED},
        refusal=_("Only its owner, whoever created it or a manager may reopen this follow-up."),
    )
    note = " ".join((note or "").split())
    follow_up.status = FollowUp.Status.OPEN
    follow_up.completed_at = follow_up.completed_by = None
    if note:
        _add_note(follow_up, _("Reopened: %(note)s") % {"note": note})
    follow_up._change_reason = _("Reopened: %(note)s") % {"note": note} if note else _("Reopened")
    follow_up.save(update_fields=["status", "completed_at", "completed_by", "description", "updated_at"])
    return follow_up


def date_warnings(record) -> list[str]:
    """What looks wrong about a saved meeting's or follow-up's dates, though it may be true; [] when nothing does.

    A trip still ahead marked under way or returned, a meeting dated outside its trip's dates, an open
    follow-up due on a day already past. Said to
    whoever saved it, who may correct it; nothing is refused.
    """
    warnings = []
    if isinstance(record, Delegation) and record.status != Delegation.Status.PLANNED:
        if trip_status(record.start_date, record.end_date) == Delegation.Status.PLANNED:
            warnings.append(
                _("“%(title)s” starts %(day)s, still ahead, but is marked “%(status)s”. Check the status.")
                % {
                    "title": record.title,
                    "day": display_date(record.start_date, record.date_precision),
                    "status": record.get_status_display(),
                }
            )
    if isinstance(record, Meeting) and record.delegation_id and record.date:
        trip = record.delegation
        first = period_start(trip.start_date, trip.date_precision)
        last = period_end(trip.end_date or trip.start_date, trip.date_precision)
        day_first = period_start(record.date, record.date_precision)
        day_last = period_end(record.date, record.date_precision)
        if day_last < first or day_first > last:
            warnings.append(
                _("“%(title)s” is dated %(day)s, outside its trip's dates (%(span)s). Check the date.")
                % {
                    "title": record.title,
                    "day": display_date(record.date, record.date_precision),
                    "span": date_span(trip.start_date, trip.end_date, trip.date_precision),
                }
            )
    if isinstance(record, FollowUp) and record.status == FollowUp.Status.OPEN and record.due_on < timezone.localdate():
        warnings.append(
            _("“%(title)s” is due %(day)s, a day already past: it shows as overdue. Check the due date.")
            % {"title": record.title, "day": display_date(record.due_on)}
        )
    return warnings


def trip_status(start: date | None, end: date | None, *, today: date | None = None) -> str:
    """A trip's status as its dates say: planned before it starts, under way until its last day, returned after.

    A trip without an end date is taken to last its first day. The report, once written, is the
    officer's to mark; a date alone never says a trip was reported.
    """
    today = today or timezone.localdate()
    if start is None or start > today:
        return Delegation.Status.PLANNED
    if (end or start) >= today:
        return Delegation.Status.UNDERWAY
    return Delegation.Status.RETURNED


def _create(model, data: dict, *, user):
    """A new ``model`` row from ``data`` (many-to-many lists included), validated, saved, created by ``user``."""
    data = dict(data)
    many = {name: data.pop(name) for name in list(data) if model._meta.get_field(name).many_to_many}
    record = model(created_by=user, **data)
    record.full_clean()
    record.save()
    for name, values in many.items():
        getattr(record, name).set(values)
    return record


def _refused_at(place: str, error: ValidationError) -> ValidationError:
    """``error`` raised while saving one part of a visit, keyed by that part ("meetings-0", "delegation").

    Similar organizations that refused a new one (``SimilarOrganizations.similar``) stay with it.
    """
    refusal = ValidationError({place: error.messages})
    refusal.similar = getattr(error, "similar", [])
    return refusal


def latest_meeting_on():
    """The day of the latest meeting about the project ``OuterRef("pk")``: activity (``projects.activity``)."""
    latest = Meeting.objects.filter(project=models.OuterRef("pk")).order_by("-date").values("date")
    return models.Subquery(latest[:1])


def meetings_changed(project_ids: Iterable[int | None]) -> None:
    """Meetings about these projects were recorded, changed or deleted: their last activity day anew.

    Every write of a meeting calls it with the project it concerned before and the one it concerns now.
    """
    refresh_last_activity(project_ids)


@transaction.atomic
def log_visit(
    *,
    user,
    delegation: dict,
    meetings: Iterable[dict] = (),
    agreements: Iterable[dict] = (),
    follow_ups: Iterable[dict] = (),
) -> Delegation:
    """Record a trip with its meetings, the agreements signed and the follow-ups promised: all of it or nothing.

    Every argument is plain data, as a form's or a serializer's cleaned data:

    - ``delegation``: the trip's fields (``countries`` a list among them); ``user`` is its responsible officer;
      without a ``status`` it gets the one its dates say (``trip_status``);
    - each meeting: its fields, with ``organizations`` and ``contacts`` lists; ``user`` was present;
    - each agreement: its fields (``amount`` and ``currency`` fixed in USD by ``set_agreement_amount``),
      with ``partner_parties`` and ``qingdao_parties`` lists of organizations;
    - each follow-up: its fields (``title``, ``owner``, ``due_on``, ``priority`` ...); it concerns the trip.

    A meeting or an agreement may carry ``new_organization``, ``{"name", "country", "confirm_similar"}``: an
    organization met or signing that is not recorded yet, created once per name by ``create_organization``
    (on the partner side of an agreement). ``user`` created every record. A refusal saves nothing: a
    ``ValidationError`` keyed by the part refused ("delegation", "meetings-0", "agreements-1" ...), or
    ``PermissionDenied`` for someone who may not log visits.
    """
    if not user.has_perms(["crm.add_delegation", "crm.add_meeting", "crm.add_agreement", "crm.add_followup"]):
        raise PermissionDenied(_("You may not log visits."))
    created: dict[str, Organization] = {}

    def organization_for(new: dict) -> Organization:
        key = " ".join(new["name"].split()).casefold()
        if key not in created:
            created[key] = create_organization(
                user=user, confirm_similar=new.get("confirm_similar", False), name=new["name"], country=new["country"]
            )
        return created[key]

    delegation = dict(delegation)
    if not delegation.get("status"):
        delegation["status"] = trip_status(delegation.get("start_date"), delegation.get("end_date"))
    try:
        trip = _create(Delegation, {**delegation, "officer": user}, user=user)
    except ValidationError as error:
        raise _refused_at("delegation", error) from error
    met_about = set()
    for index, row in enumerate(meetings):
        row = dict(row)
        new = row.pop("new_organization", None)
        try:
            meeting = _create(Meeting, {**row, "delegation": trip}, user=user)
            meeting.officers.add(user)
            if new:
                meeting.organizations.add(organization_for(new))
        except ValidationError as error:
            raise _refused_at(f"meetings-{index}", error) from error
        met_about.add(meeting.project_id)
    meetings_changed(met_about)
    for index, row in enumerate(agreements):
        row = dict(row)
        new = row.pop("new_organization", None)
        sides = {
            AgreementParty.Side.PARTNER: list(row.pop("partner_parties", ())),
            AgreementParty.Side.QINGDAO: list(row.pop("qingdao_parties", ())),
        }
        amount, currency = row.pop("amount", None), row.pop("currency", "")
        try:
            both = set(sides[AgreementParty.Side.PARTNER]) & set(sides[AgreementParty.Side.QINGDAO])
            if both:
                names = ", ".join(sorted(str(organization) for organization in both))
                raise ValidationError(_("%(names)s cannot sign on both sides.") % {"names": names})
            agreement = _create(Agreement, {**row, "delegation": trip}, user=user)
            if new:
                sides[AgreementParty.Side.PARTNER].append(organization_for(new))
            for side, organizations in sides.items():
                for organization in organizations:
                    AgreementParty.objects.create(agreement=agreement, organization=organization, side=side)
            if amount is not None:
                set_agreement_amount(agreement, user=user, amount=amount, currency=currency)
        except ValidationError as error:
            raise _refused_at(f"agreements-{index}", error) from error
    for index, row in enumerate(follow_ups):
        try:
            follow_up = _create(FollowUp, {**row, "delegation": trip}, user=user)
        except ValidationError as error:
            raise _refused_at(f"follow_ups-{index}", error) from error
        follow_up_assigned(follow_up, actor=user)
    return trip


@transaction.atomic
@transaction.atomic
def record_meeting(
    *,
    user,
    fields: dict,
    meeting: Meeting | None = None,
    organizations: Iterable = (),
    contacts: Iterable = (),
    officers: Iterable = (),
    reason: str = "",
) -> Meeting:
    """Record a new meeting, or change ``meeting``, and add the organizations, people and officers given.

    Nobody is taken off a meeting's lists here. Refuses with ``PermissionDenied`` a user who may not
    add meetings or change this one, with ``ValidationError`` fields that do not hold; nothing is saved then.
    """
    if meeting is None:
        if not user.has_perm("crm.add_meeting"):
            raise PermissionDenied(_("You may not add meetings."))
        meeting = Meeting(created_by=user)
    elif not can_change(user, meeting):
        raise PermissionDenied(_("You may not change this meeting."))
    previous_project = meeting.project_id
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    if reason:
        meeting._change_reason = reason
    meeting.save()
    meetings_changed([previous_project, meeting.project_id])
    for name, records in (("organizations", organizations), ("contacts", contacts), ("officers", officers)):
        if records:
            getattr(meeting, name).add(*records)
    return meeting


def set_agreement_amount(
    agreement: Agreement, *, user, amount: Decimal | None, currency: str, on_date: date | None = None
) -> Agreement:
    """Record an agreement's stated amount and fix its USD value at the rate of ``on_date`` (signing day, today).

    When no rate for the currency is recorded the USD value stays pending (empty) rather than the
    amount being refused; ``amount=None`` clears the amount. Refuses with ``PermissionDenied`` when
    ``user`` may not change the agreement and with ``ValidationError`` on a negative amount or a
    missing currency; a refusal changes nothing.
    """
    fix_agreement_amount(agreement, user=user, amount=amount, currency=currency, on_date=on_date)
    agreement._change_reason = _("Stated amount recorded")
    agreement.save(update_fields=["amount", "currency", "usd_rate", "amount_usd", "updated_at"])
    return agreement


def fix_agreement_amount(
    agreement: Agreement, *, user, amount: Decimal | None, currency: str, on_date: date | None = None
) -> None:
    """Put an agreement's stated amount and its USD value on ``agreement`` without saving it.

    For an edit that saves the agreement once with the rest of its changes (one edit, one history
    entry); the rules are those of ``set_agreement_amount``.
    """
    if not can_change(user, agreement):
        raise PermissionDenied(_("You may only change agreements you are responsible for."))
    agreement._change_reason = _("Stated amount recorded")
    if amount is None:
        agreement.amount = agreement.usd_rate = agreement.amount_usd = None
        agreement.currency = ""
        return
    if amount < 0:
        raise ValidationError({"amount": _("An amount cannot be negative.")})
    if not currency:
        raise ValidationError({"currency": _("Say which currency the amount is written in.")})
    rate, usd = usd_value_or_pending(amount, currency, on_date or agreement.signed_on or timezone.localdate())
    agreement.amount, agreement.currency, agreement.usd_rate, agreement.amount_usd = amount, currency, rate, usd


def _agreement_date(agreement: Agreement) -> date:
    if agreement.signed_on:
        return agreement.signed_on
    return timezone.localdate(agreement.created_at) if agreement.created_at else timezone.localdate()


def fill_pending_agreement_usd(currency: str) -> int:
    """Give every agreement in ``currency`` whose USD value is pending its value at the recorded rate.

    Registered in ``crm.apps`` with ``projects.money.register_pending_filler``, so that
    ``projects.services.fill_pending_usd`` (a new rate, the seed loader) reaches agreements too.
    """
    pending = Agreement.objects.filter(currency=currency, amount__isnull=False, amount_usd__isnull=True)
    return fill_pending(
        pending, amount="amount", currency="currency", rate="usd_rate", usd="amount_usd", on_date=_agreement_date
    )


def usd_pending_note(agreement: Agreement) -> str:
    """What to tell the person who recorded an amount whose USD value is pending; empty when it is not."""
    if agreement.amount is None or agreement.amount_usd is not None:
        return ""
    return _("No exchange rate for %(currency)s is recorded yet: the USD value of “%(title)s” stays pending.") % {
        "currency": agreement.currency,
        "title": agreement.title,
    }


def agreement_officer(agreement: Agreement):
    """The officer a project opened from ``agreement`` is given: who logged the trip it was signed on, else who
    recorded the agreement, as long as they may still take charge of projects; None when neither may."""
    trip = agreement.delegation or (agreement.meeting.delegation if agreement.meeting_id else None)
    candidates = [trip.officer if trip else None, agreement.created_by]
    eligible = set(officers().filter(pk__in=[c.pk for c in candidates if c]).values_list("pk", flat=True))
    return next((candidate for candidate in candidates if candidate and candidate.pk in eligible), None)


def agreement_sector(agreement: Agreement, investor: Organization | None):
    """The sector of a project opened from ``agreement``: its investor's, else the first partner party's recorded."""
    if investor is not None and investor.sector_id:
        return investor.sector
    links = agreement.party_links.filter(side=AgreementParty.Side.PARTNER, organization__sector__isnull=False)
    link = links.select_related("organization__sector").first()
    return link.organization.sector if link else None


def agreement_park(agreement: Agreement):
    """The park of a project opened from ``agreement``: the one its other projects share, else the one park a
    Qingdao-side party is named after ("Sino-German Eco-Park Management Committee"); None when unclear."""
    parks = {project.park for project in agreement.projects.select_related("park") if project.park_id}
    if len(parks) == 1:
        return parks.pop()
    names = [
        link.organization.name.casefold()
        for link in agreement.party_links.filter(side=AgreementParty.Side.QINGDAO).select_related("organization")
    ]
    named = [park for park in Park.objects.all() if any(park.name.casefold() in name for name in names)]
    return named[0] if len(named) == 1 else None


@transaction.atomic
def create_project_from_agreement(
    agreement: Agreement, *, user, name: str, officer=None, **fields
) -> InvestmentProject:
    """Open a project for what an agreement promises, linked to it both ways.

    The responsible officer defaults to ``agreement_officer`` (who logged the trip), not the person clicking;
    sector and park to ``agreement_sector`` and ``agreement_park``. The investor defaults to the
    agreement's first partner-side party, the stage to
    ``intent`` for a non-binding agreement and ``contracted`` for a binding one (which
    only a manager may open), and the amount to the agreement's stated amount.
    """
    if not user.has_perm("projects.add_investmentproject"):
        raise PermissionDenied(_("You may not create projects."))
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the project a name.")})
    # Names may repeat; only a project this user can see is pointed out, so nothing leaks of the others.
    if InvestmentProject.objects.visible_to(user).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("A project with this name already exists; link the agreement to it instead.")})
    stage = fields.pop("stage", Stage.CONTRACTED if agreement.is_binding else Stage.INTENT)
    if stage in Stage.at_or_beyond(Stage.CONTRACTED) and not user.has_perm("projects.approve_contracted_stage"):
        raise PermissionDenied(_("Only a manager may open a project at contracted or beyond."))
    partner = agreement.party_links.filter(side=AgreementParty.Side.PARTNER).select_related("organization").first()
    investor = fields.pop("investor", partner.organization if partner else None)
    fields.setdefault("sector", agreement_sector(agreement, investor))
    fields.setdefault("park", agreement_park(agreement))
    project = InvestmentProject(
        name=name,
        investor=investor,
        origin_country=fields.pop("origin_country", investor.country if investor else None),
        officer=officer or agreement_officer(agreement) or user,
        created_by=user,
        stage=stage,
        signed_on=agreement.signed_on,
        signed_on_precision=agreement.date_precision,
        **fields,
    )
    project.full_clean(exclude=["contracted_amount", "currency"])
    project.save()
    if agreement.amount is not None:
        set_project_amount(
            project=project,
            kind=AmountKind.CONTRACTED if agreement.is_binding else AmountKind.PLANNED,
            amount=agreement.amount,
            currency=agreement.currency,
            user=user,
            on_date=agreement.signed_on,
        )
    problems = missing_items(project, stage)
    if problems:
        raise GateNotMet(problems)
    log_opening(
        project,
        user=user,
        note=_("Opened from agreement: %(title)s") % {"title": agreement.title},
        occurred_on=agreement.signed_on,
        occurred_on_precision=agreement.date_precision,
    )
    agreement.projects.add(project)
    return project


ISSUE_REPORTS = "projects.view_confidential_projects"


@transaction.atomic
def issue_report(*, user, period: Period) -> Report:
    """Freeze the leadership report for ``period`` as it stands now, numbered, with its workbook.

    The figures are compared with the report issued last; the snapshot never changes afterwards.
    """
    if not user.has_perm(ISSUE_REPORTS):
        raise PermissionDenied(_("Only managers issue reports."))
    now = timezone.now()
    previous = reporting.previous_report()
    data = reporting.figures(user, period, now=now, previous=previous)
    issued = Report.objects.filter(number__startswith=f"{period.key}-", kind=period.kind).count()
    number = f"{period.key}-{issued + 1}"
    return Report.objects.create(
        number=number,
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        issued_by=user,
        issued_at=now,
        data=data,
        workbook=report_workbook.workbook(data, number=number),
    )


# Bulk changes of follow-ups, for managers on the follow-up list: each planned first, for the confirmation
# page, then made all at once through the same rules as one by one.


class BulkAction(models.TextChoices):
    REASSIGN = "reassign", gettext_lazy("Give to another owner")
    COMPLETE = "complete", gettext_lazy("Mark done")
    ARCHIVE = "archive", gettext_lazy("Archive")


def plan_follow_up_changes(follow_ups: Iterable[FollowUp], *, user, action: str, owner=None) -> list[PlannedChange]:
    """Say, follow-up by follow-up, what ``action`` would change and what it leaves as is, and why."""
    plan = []
    for follow_up in follow_ups:
        if not can_change(user, follow_up):
            plan.append(PlannedChange(follow_up, refusal=_("You may not change this follow-up.")))
        elif action == BulkAction.REASSIGN:
            if follow_up.owner_id == owner.pk:
                plan.append(PlannedChange(follow_up, refusal=_("Already theirs.")))
            else:
                change = _("Owner: %(before)s → %(after)s") % {
                    "before": person(follow_up.owner),
                    "after": person(owner),
                }
                plan.append(PlannedChange(follow_up, change=change))
        elif action == BulkAction.COMPLETE:
            if follow_up.status not in (FollowUp.Status.OPEN, FollowUp.Status.NOT_RECORDED):
                refusal = _("Already %(status)s.") % {"status": follow_up.get_status_display().lower()}
                plan.append(PlannedChange(follow_up, refusal=refusal))
            else:
                change = _("Status: %(before)s → %(after)s") % {
                    "before": follow_up.get_status_display(),
                    "after": FollowUp.Status.DONE.label,
                }
                plan.append(PlannedChange(follow_up, change=change))
        elif follow_up.is_archived:
            plan.append(PlannedChange(follow_up, refusal=_("Already archived.")))
        else:
            plan.append(PlannedChange(follow_up, change=_("Archived: leaves the lists, stays reachable.")))
    return plan


@transaction.atomic
def change_follow_ups(follow_ups: Iterable[FollowUp], *, user, action: str, owner=None) -> list[PlannedChange]:
    """Make ``action`` on every follow-up the plan lets change, all or none; return the plan that was carried out.

    Each change goes through the rule it has one by one (``complete_follow_up``, ``can_change``) and leaves
    a history row with its reason. ``owner`` is required to reassign and must be someone work is given to.
    """
    if action not in BulkAction.values:
        raise ValidationError(_("Choose what to do with the chosen follow-ups."))
    if action == BulkAction.REASSIGN and (owner is None or not officers().filter(pk=owner.pk).exists()):
        raise ValidationError(_("Choose the person who takes the follow-ups over."))
    locked = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("owner")
        .filter(pk__in=[f.pk for f in follow_ups])
    )
    plan = plan_follow_up_changes(locked.order_by("due_on", "pk"), user=user, action=action, owner=owner)
    for planned in plan:
        if planned.refusal:
            continue
        follow_up = planned.record
        if action == BulkAction.COMPLETE:
            complete_follow_up(follow_up, user=user)
        elif action == BulkAction.REASSIGN:
            follow_up.owner = owner
            follow_up._change_reason = planned.change
            follow_up.save(update_fields=["owner", "updated_at"])
            follow_up_assigned(follow_up, actor=user)
        else:
            follow_up.is_archived = True
            follow_up._change_reason = _("Archived")
            follow_up.save(update_fields=["is_archived", "updated_at"])
    return plan
