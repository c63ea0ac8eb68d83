"""The leadership report's figures for a month, quarter or year, as plain data.

``figures`` gathers every section once, in a fixed number of queries whatever the number of rows,
as JSON-ready data: the page and the workbook draw from it, and an issued report freezes it
(``crm.models.Report.data``), so that the next report compares with it to say what moved.

Counted as elsewhere: signings through ``signed_counted_once()`` (each project once, at its first
signing), money through ``money_totals()`` (one sum per kind, inbound only), the KPIs and the MOU
funnel through ``crm.kpis``, stalled projects through ``crm.activity.stale``, overdue trip reports
through ``Delegation.objects.report_overdue``. Every row is what the user may see (``visible_to``).
"""

from datetime import datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.display import person
from core.parsing import Period
from crm import activity, kpis
from crm.models import Delegation, FollowUp, Report
from projects.models import District, InvestmentProject, Stage, StageChange

# "No progress for a month": a project with no move and no meeting for this many days is stalled.
STALLED_DAYS = 30

# The groupings of the signed projects: key, the project field, its display field.
BREAKDOWNS = (
    ("country", "origin_country", "origin_country__name"),
    ("sector", "sector", "sector__name"),
    ("district", "district", None),
    ("park", "park", "park__name"),
)


def breakdown_titles() -> dict:
    return {
        "country": _("By origin country"),
        "sector": _("By sector"),
        "district": _("By district"),
        "park": _("By park or zone"),
    }


def _usd(value) -> float | None:
    return None if value is None else float(Decimal(value).quantize(Decimal("0.01")))


def _stage(value: str) -> str:
    return str(Stage(value).label) if value in Stage.values else value or ""


def period_label(period: Period) -> str:
    if period.kind == "month":
        return date_format(period.start, "YEAR_MONTH_FORMAT")
    if period.kind == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (period.start.month - 1) // 3 + 1, "year": period.start.year}
    return str(period.start.year)


def previous_report() -> Report | None:
    """The report issued last, which a new one says what moved since."""
    return Report.objects.order_by("-issued_at", "-id").only("number", "issued_at", "data").first()


def _signed(user, period: Period) -> dict:
    signed = (
        InvestmentProject.objects.visible_to(user)
        .inbound()
        .signed_counted_once()
        .filter(signed_on__gte=period.start, signed_on__lte=period.end)
    )
    rows = [
        {
            "reference": project.reference or "",
            "name": str(project),
            "country": str(project.origin_country or ""),
            "sector": str(project.sector or ""),
            "district": project.get_district_display(),
            "park": str(project.park or ""),
            "stage": _stage(project.stage),
            "later_phase": project.parent_id is not None,
            "signed_on": project.signed_on.isoformat(),
            "contracted_usd": _usd(project.contracted_usd),
        }
        for project in signed.select_related("origin_country", "sector", "park").order_by("signed_on", "reference")
    ]
    by = {}
    for key, field, name in BREAKDOWNS:
        values = [field] + ([name] if name else [])
        grouped = (
            signed.order_by()
            .values(*values)
            .annotate(count=Count("pk"), contracted=Sum("contracted_usd"))
            .order_by("-count", field)
        )
        by[key] = [
            {
                "label": _group_label(key, row[field], row.get(name) if name else None),
                "count": row["count"],
                "contracted_usd": _usd(row["contracted"] or 0),
            }
            for row in grouped
        ]
    totals = signed.money_totals()
    money = {
        "signed": totals["signed"],
        "phases": totals["phases"],
        "contracted_usd": _usd(totals["contracted"]),
        "contracted_pending": totals["contracted_pending"],
        "utilized_usd": _usd(totals["utilized"]),
        "utilized_pending": totals["utilized_pending"],
        "capital_rate": _usd(kpis.ratio(totals["utilized"], totals["contracted"])),
    }
    return {"rows": rows, "by": by, "money": money}


def _group_label(key: str, value, name) -> str:
    if value is None or value == "":
        return _("not recorded")
    if key == "district":
        return str(District(value).label) if value in District.values else value
    return str(name if name is not None else value)


def _kpis(user) -> dict:
    rows, total = kpis.rates(user, by="year")

    def rate_row(row) -> dict:
        return {
            "label": row.label,
            "signed": row.signed.value,
            "steps": [row.steps[stage].value for stage in kpis.STEPS],
            "rates": [_usd(row.rate(stage)) for stage in kpis.STEPS],
            "contracted_usd": _usd(row.contracted_usd),
            "utilized_usd": _usd(row.utilized_usd),
            "capital_rate": _usd(row.capital_rate),
        }

    funnel = [
        {
            "label": row.label,
            "intents": row.intents.value,
            "with_project": row.with_project.value,
            "projects": row.projects.value,
            "contracted": row.contracted.value,
            "operating": row.operating.value,
            "days": [row.days_to_project, row.days_to_contracted, row.days_to_operating],
        }
        for row in kpis.funnel(user)
    ]
    return {
        "steps": [_stage(stage) for stage in kpis.STEPS],
        "rows": [rate_row(row) for row in rows],
        "total": rate_row(total),
        "funnel": funnel,
        "definitions": [[str(term), str(text)] for term, text in kpis.DEFINITIONS],
    }


def _forward_moves() -> Q:
    """Stage changes that took a project further along the pipeline."""
    q = Q(pk__in=[])
    for stage in Stage.values:
        later = Stage.values[Stage.position(stage) + 1 :]
        if later:
            q |= Q(from_stage=stage, to_stage__in=later)
    return q


def _movement(user, since: datetime, now: datetime) -> dict:
    projects = InvestmentProject.objects.visible_to(user).filter(is_archived=False)
    new = [
        {"reference": p.reference or "", "name": p.name, "stage": _stage(p.stage)}
        for p in projects.filter(created_at__gte=since).order_by("created_at", "pk").only("reference", "name", "stage")
    ]
    advanced = [
        {
            "reference": change.project.reference or "",
            "name": change.project.name,
            "from": _stage(change.from_stage),
            "to": _stage(change.to_stage),
            "on": change.occurred_on.isoformat(),
        }
        for change in StageChange.objects.visible_to(user)
        .filter(_forward_moves(), changed_at__gte=since, project__is_archived=False)
        .select_related("project")
        .order_by("occurred_on", "pk")
    ]
    latest_note = StageChange.objects.filter(project=OuterRef("pk")).exclude(note="").order_by("-occurred_on", "-pk")
    stalled = [
        {
            "reference": p.reference or "",
            "name": p.name,
            "stage": _stage(p.stage),
            "last_moved_on": p.last_moved_on.isoformat() if p.last_moved_on else "",
            "why": p.data_gap_note.strip() or (p.last_note or "").strip() or _("No reason recorded."),
        }
        for p in activity.stale(projects, STALLED_DAYS, now=now)
        .annotate(last_note=Subquery(latest_note.values("note")[:1]))
        .order_by("last_moved_on", "name")
    ]
    return {"new": new, "advanced": advanced, "stalled": stalled, "stalled_days": STALLED_DAYS}


def _pipeline(user) -> dict:
    """Every project's stage and signing state, by reference: what the next report compares with."""
    signed = InvestmentProject.objects.signed_counted_once().values("pk")
    return {
        reference: {"name": name, "stage": stage, "signed": is_signed}
        for reference, name, stage, is_signed in InvestmentProject.objects.visible_to(user)
        .filter(is_archived=False, reference__isnull=False)
        .annotate(is_signed=ExpressionWrapper(Q(pk__in=signed), output_field=BooleanField()))
        .values_list("reference", "name", "stage", "is_signed")
    }


def _moved_since(previous: dict | None, pipeline: dict, money: dict) -> dict | None:
    """What changed since the previous report's frozen figures: stages, new projects, signing totals."""
    if previous is None:
        return None
    before = previous["data"].get("pipeline", {})
    moved = [
        {
            "reference": reference,
            "name": now["name"],
            "from": _stage(before[reference]["stage"]),
            "to": _stage(now["stage"]),
        }
        for reference, now in sorted(pipeline.items())
        if reference in before and before[reference]["stage"] != now["stage"]
    ]
    added = [
        {"reference": reference, "name": now["name"], "stage": _stage(now["stage"])}
        for reference, now in sorted(pipeline.items())
        if reference not in before
    ]
    newly_signed = sorted(
        reference
        for reference, now in pipeline.items()
        if now["signed"] and not before.get(reference, {}).get("signed", False)
    )
    was = previous["data"].get("signed", {}).get("money", {})
    return {
        "number": previous["number"],
        "issued_at": previous["issued_at"],
        "moved": moved,
        "added": added,
        "newly_signed": [{"reference": ref, "name": pipeline[ref]["name"]} for ref in newly_signed],
        "totals": [
            {"label": label, "before": was.get(key), "now": money.get(key)}
            for key, label in (
                ("signed", _("Inbound projects signed in the period")),
                ("contracted_usd", _("Contracted foreign investment, USD")),
                ("utilized_usd", _("Utilized foreign investment, USD")),
            )
        ],
    }


def _follow_ups(user, period: Period) -> list[dict]:
    done = Q(status=FollowUp.Status.DONE)
    grouped = (
        FollowUp.objects.visible_to(user)
        .filter(is_archived=False, due_on__gte=period.start, due_on__lte=period.end)
        .order_by()
        .values("owner")
        .annotate(
            due=Count("pk"),
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & Q(completed_at__date__lte=F("due_on"))),
            open=Count("pk", filter=Q(status=FollowUp.Status.OPEN)),
            cancelled=Count("pk", filter=Q(status=FollowUp.Status.CANCELLED)),
            not_recorded=Count("pk", filter=Q(status=FollowUp.Status.NOT_RECORDED)),
        )
    )
    rows = list(grouped)
    owners = get_user_model().objects.in_bulk([row["owner"] for row in rows])
    result = [
        {
            "owner": person(owners.get(row["owner"])),
            "due": row["due"],
            "done": row["done"],
            "on_time": row["on_time"],
            "open": row["open"],
            "cancelled": row["cancelled"],
            "not_recorded": row["not_recorded"],
            "rate": _usd(kpis.ratio(row["done"], row["due"] - row["cancelled"])),
        }
        for row in rows
    ]
    result.sort(key=lambda row: (-row["due"], row["owner"]))
    return result


def _report_state(delegation: Delegation, overdue: set[int]) -> tuple[str, str]:
    """Whether the trip report came on time: a key (for styling) and its words."""
    due = delegation.report_due_on
    if delegation.reported_on and due:
        if delegation.reported_on <= due:
            return "on_time", _("Reported on time")
        return "late", _("Reported late")
    if delegation.status == Delegation.Status.REPORTED:
        return "on_time" if delegation.reported_on else "unknown", _("Reported, date not recorded")
    if delegation.pk in overdue:
        return "overdue", _("Report overdue")
    if delegation.report_is_pending:
        return "pending", _("Report not yet due")
    return "not_returned", _("Not yet returned")


def _delegations(user, period: Period, today) -> list[dict]:
    in_period = (
        Delegation.objects.visible_to(user)
        .filter(is_archived=False, start_date__lte=period.end)
        .filter(Q(end_date__gte=period.start) | Q(end_date__isnull=True, start_date__gte=period.start))
    )
    overdue = set(in_period.report_overdue(today).values_list("pk", flat=True))
    rows = []
    for delegation in in_period.select_related("officer").order_by("start_date", "title"):
        state, words = _report_state(delegation, overdue)
        rows.append(
            {
                "title": str(delegation),
                "direction": delegation.get_direction_display(),
                "start": delegation.start_date.isoformat(),
                "end": delegation.end_date.isoformat() if delegation.end_date else "",
                "officer": person(delegation.officer),
                "due_on": delegation.report_due_on.isoformat() if delegation.report_due_on else "",
                "reported_on": delegation.reported_on.isoformat() if delegation.reported_on else "",
                "state": state,
                "report": words,
            }
        )
    return rows


def figures(user, period: Period, *, now: datetime | None = None, previous: Report | None = None) -> dict:
    """Every section of the report for ``period``, as ``user`` may see it, compared with ``previous``."""
    now = now or timezone.now()
    since = (
        previous.issued_at if previous is not None else timezone.make_aware(datetime.combine(period.start, time.min))
    )
    signed = _signed(user, period)
    pipeline = _pipeline(user)
    earlier = (
        None
        if previous is None
        else {"number": previous.number, "issued_at": previous.issued_at.isoformat(), "data": previous.data}
    )
    return {
        "period": {
            "kind": period.kind,
            "key": period.key,
            "value": period.value,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "label": period_label(period),
        },
        "as_of": now.isoformat(),
        "language": get_language(),
        "since": since.isoformat(),
        "signed": signed,
        "kpis": _kpis(user),
        "movement": _movement(user, since, now),
        "moved_since": _moved_since(earlier, pipeline, signed["money"]),
        "pipeline": pipeline,
        "follow_ups": _follow_ups(user, period),
        "delegations": _delegations(user, period, timezone.localdate(now)),
    }
