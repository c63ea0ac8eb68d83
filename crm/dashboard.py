"""The pipeline dashboard's figures.

Each figure is aggregated in the database (``values``/``annotate``/``Count``/``Sum``), so the
dashboard runs the same handful of queries whatever the number of records: one pass over the
projects by direction and stage with conditional aggregates (``Count(..., filter=...)``) for the
funnel, the money, the other directions, the data gaps, the stale and the moved; one per grouping
(country, sector, park); one over the capital inflows. Every number carries
the link to the list it counts, built from the filter names that list accepts, so that following
the link shows the same number.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language

from core.dates import start_of_day
from core.display import localized
from crm import activity
from crm.models import Agreement, FollowUp
from crm.views.links import list_url, project_list_url
from projects.gates import has_gaps_q
from projects.models import (
    AMOUNT_FIELDS,
    AmountKind,
    CapitalInflow,
    Direction,
    InvestmentProject,
    Stage,
    StageChange,
    Status,
    reached,
)

INTENT_GRACE_MONTHS = 6
RECENT_DAYS = 7
SHOWN_ROWS = 10


@dataclass
class Row:
    """One line of a figure: a label, its numbers and the list each number links to."""

    label: str
    count: int = 0
    usd: Decimal = Decimal(0)
    url: str = ""
    second: Decimal = Decimal(0)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or that month's last day when it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


INBOUND = Direction.INBOUND
SIGNED = Stage.CONTRACTED
# ``InvestmentProject.money_totals``'s amount kinds summed over every active project (not only the signed).
KINDS = (AmountKind.PLANNED, AmountKind.TOTAL, AmountKind.REGISTERED)


def inbound_active():
    """The projects inbound figures count: foreign investment into Qingdao, being pursued."""
    return InvestmentProject.objects.active().inbound()


def signed_inbound():
    """Inbound signing figures: each signed project once, a later phase by its increment."""
    return InvestmentProject.objects.active().inbound().signed_counted_once()


def _pending(fields) -> Q:
    """An amount recorded whose USD value waits for a rate."""
    return Q(**{f"{fields.amount}__isnull": False, f"{fields.usd}__isnull": True})


def _by_direction_and_stage(today: date) -> list[dict]:
    """One pass over the projects not archived, by direction and stage, with every count and sum of them the
    dashboard shows. Conditional aggregates: each figure counts the rows its condition names, as the
    QuerySet methods it stands for (``active()``, ``signed_counted_once()``, ``money_totals()``) select them."""
    active = Q(status=Status.ACTIVE)
    signed = active & reached(SIGNED)
    moved = StageChange.objects.filter(changed_at__gte=start_of_day(week_start(today))).values("project")
    return list(
        InvestmentProject.objects.filter(is_archived=False)
        .order_by()
        .values("direction", "stage")
        .annotate(
            count=Count("pk", filter=active),
            **{str(kind): Sum(AMOUNT_FIELDS[kind].usd, filter=active) for kind in KINDS},
            **{f"{kind}_pending": Count("pk", filter=active & _pending(AMOUNT_FIELDS[kind])) for kind in KINDS},
            signed=Count("pk", filter=signed),
            phases=Count("pk", filter=signed & Q(parent__isnull=False)),
            contracted=Sum("contracted_usd", filter=signed),
            contracted_pending=Count("pk", filter=signed & _pending(AMOUNT_FIELDS[AmountKind.CONTRACTED])),
            gaps=Count("pk", filter=has_gaps_q()),
            stale=Count("pk", filter=activity.stale_q(settings.STALE_PROJECT_DAYS)),
            moved=Count("pk", filter=Q(pk__in=moved)),
        )
    )


def _total(rows, key: str):
    return sum((row[key] or 0 for row in rows), Decimal(0) if key in MONEY_KEYS else 0)


MONEY_KEYS = {*(str(kind) for kind in KINDS), "contracted", "utilized"}


def funnel(rows: list[dict]) -> list[Row]:
    """Active inbound projects per stage, in pipeline order: their planned investment and, once signed, their
    contracted foreign investment (合同外资), each summed apart (``usd`` contracted, ``second`` planned)."""
    found = {row["stage"]: row for row in rows if row["direction"] == INBOUND}
    return [
        Row(
            label=str(label),
            count=found.get(value, {}).get("count", 0),
            usd=found.get(value, {}).get("contracted") or Decimal(0),
            second=found.get(value, {}).get(str(AmountKind.PLANNED)) or Decimal(0),
            url=project_list_url(stage=value, status=Status.ACTIVE, direction=INBOUND),
        )
        for value, label in Stage.choices
    ]


def _grouped(by: str, name: str) -> list[dict]:
    """Active inbound projects grouped by a foreign key (``by``, null for those without), one query: how many,
    how many signed, and the contracted foreign investment of the signed ones, counted once."""
    return list(
        inbound_active()
        .order_by()
        .values(by, name, f"{name}_zh")
        .annotate(
            count=Count("pk"),
            signed=Count("pk", filter=reached(SIGNED)),
            contracted=Sum("contracted_usd", filter=reached(SIGNED)),
        )
    )


def _grouped_rows(grouped: list[dict], by: str, name: str) -> tuple[list[Row], int]:
    """The groups as rows, largest first; and how many have none."""
    rows, unassigned = [], 0
    for row in grouped:
        if row[by] is None:
            unassigned = row["count"]
            continue
        rows.append(
            Row(
                label=localized(row[name], row[f"{name}_zh"]),
                count=row["count"],
                usd=row["contracted"] or Decimal(0),
                url=project_list_url(**{by: row[by], "status": Status.ACTIVE, "direction": INBOUND}),
            )
        )
    rows.sort(key=lambda row: (-row.count, -row.usd, row.label))
    return rows, unassigned


def _utilized_by_country() -> list[dict]:
    """Recorded capital inflows of active, signed inbound projects by origin country: USD, and how many pending."""
    return list(
        CapitalInflow.objects.filter(project__in=signed_inbound().values("pk"))
        .order_by()
        .values("project__origin_country")
        .annotate(usd=Sum("amount_usd"), pending=Count("pk", filter=Q(amount_usd__isnull=True)))
    )


def contracted_vs_utilized(by_country: list[dict], utilized_rows: list[dict]) -> list[Row]:
    """Per origin country: contracted foreign investment and utilized USD (recorded capital inflows) of active,
    signed inbound projects, each counted once. Amounts whose USD value is pending are in neither sum."""
    utilized = {row["project__origin_country"]: row["usd"] for row in utilized_rows}
    rows = [
        Row(
            label=localized(row["origin_country__name"], row["origin_country__name_zh"]),
            count=row["signed"],
            usd=row["contracted"] or Decimal(0),
            second=utilized.get(row["origin_country"]) or Decimal(0),
            url=project_list_url(
                origin_country=row["origin_country"],
                status=Status.ACTIVE,
                direction=INBOUND,
                reached=Stage.CONTRACTED,
            ),
        )
        for row in by_country
        if row["origin_country"] is not None and row["signed"]
    ]
    rows.sort(key=lambda row: (-row.usd, row.label))
    return rows


def other_directions(rows: list[dict]) -> list[Row]:
    """Active outbound and domestic projects, kept out of every inbound figure: count, contracted (counted once)
    and total project investment USD."""
    result = []
    for value, label in Direction.choices:
        if value == INBOUND:
            continue
        mine = [row for row in rows if row["direction"] == value]
        result.append(
            Row(
                label=str(label),
                count=_total(mine, "count"),
                usd=_total(mine, "contracted"),
                second=_total(mine, str(AmountKind.TOTAL)),
                url=project_list_url(direction=value, status=Status.ACTIVE),
            )
        )
    return result


def signed_inbound_totals(rows: list[dict], utilized_rows: list[dict]) -> dict:
    """The headline's money: what ``inbound_active().money_totals()`` gives, added up from the grouped rows,
    with its list link."""
    inbound = [row for row in rows if row["direction"] == INBOUND]
    keys = ["count", "signed", "phases", "contracted", "contracted_pending"]
    keys += [str(kind) for kind in KINDS] + [f"{kind}_pending" for kind in KINDS]
    totals = {key: _total(inbound, key) for key in keys}
    totals["utilized"] = _total(utilized_rows, "usd")
    totals["utilized_pending"] = _total(utilized_rows, "pending")
    totals["pending"] = sum(value for key, value in totals.items() if key.endswith("_pending"))
    totals["signed_url"] = project_list_url(status=Status.ACTIVE, direction=INBOUND, reached=Stage.CONTRACTED)
    return totals


def forgotten_intents(today: date) -> dict:
    """Letters of intent and MOUs signed more than six months ago that produced no project, oldest first.

    The link opens the agreement list sorted the same way as the panel.
    """
    last_day = months_before(today, INTENT_GRACE_MONTHS) - timedelta(days=1)
    agreements = (
        Agreement.objects.active()
        .intents()
        .without_projects()
        .filter(signed_on__lte=last_day)
        .order_by("signed_on", "title")
    )
    return {
        "count": agreements.count(),
        "oldest": list(agreements.prefetch_related("party_links__organization")[:SHOWN_ROWS]),
        "signed_before": last_day,
        "url": list_url(
            "crm:agreement_list",
            "/agreements/",
            kind=[Agreement.Kind.LETTER_OF_INTENT, Agreement.Kind.MOU],
            has_project="false",
            signed_before=last_day.isoformat(),
            o="signed_on",
        ),
    }


def overdue_by_owner(today: date) -> list[Row]:
    rows = (
        FollowUp.objects.active()
        .overdue(today)
        .order_by()
        .values("owner", "owner__username", "owner__first_name", "owner__last_name")
        .annotate(count=Count("pk"))
    )
    result = [
        Row(
            label=f"{row['owner__first_name']} {row['owner__last_name']}".strip() or row["owner__username"],
            count=row["count"],
            url=list_url("crm:followup_list", "/follow-ups/", owner=row["owner"], overdue="true"),
        )
        for row in rows
    ]
    result.sort(key=lambda row: (-row.count, row.label))
    return result


def stale_projects(count: int) -> dict:
    """The ``count`` stale projects (``crm.activity.stale_q``), the quiet longest first; their latest move and
    meeting are read for the rows shown only."""
    days = settings.STALE_PROJECT_DAYS
    quiet = InvestmentProject.objects.filter(activity.stale_q(days))
    order = (F("last_activity_on").asc(nulls_first=True), "name", "pk")
    shown = quiet.order_by(*order).values("pk")[:SHOWN_ROWS]
    projects = activity.with_last_activity(InvestmentProject.objects.filter(pk__in=shown))
    return {
        "days": days,
        "count": count,
        "oldest": list(projects.select_related("officer", "origin_country").order_by(*order)),
        "url": project_list_url(stale="true"),
    }


def projects_with_gaps(count: int) -> dict:
    """Projects standing at a stage whose gate is not met: what to fill in (``projects.gates``)."""
    return {"count": count, "url": project_list_url(gaps="1")}


def week_start(today: date) -> date:
    return today - timedelta(days=RECENT_DAYS - 1)


def this_week(today: date, projects_moved: int | None = None) -> dict:
    """What changed in the last seven days: stage moves, agreements signed, follow-ups completed.

    ``projects_moved``: how many projects moved, when already counted (``_by_direction_and_stage``).
    """
    since = week_start(today)
    start = start_of_day(since)
    changes = StageChange.objects.filter(changed_at__gte=start, project__is_archived=False)
    if projects_moved is None:
        projects_moved = InvestmentProject.objects.filter(is_archived=False, pk__in=changes.values("project")).count()
    signed = Agreement.objects.active().exclude(status__in=Agreement.UNSIGNED)
    agreements = signed.filter(signed_on__gte=since, signed_on__lte=today)
    completed = FollowUp.objects.active().filter(status=FollowUp.Status.DONE, completed_at__gte=start)
    return {
        "since": since,
        "projects_moved": projects_moved,
        "projects_url": project_list_url(changed_since=since.isoformat()),
        "changes": list(changes.select_related("project", "changed_by").order_by("-changed_at")[:SHOWN_ROWS]),
        "agreements_count": agreements.count(),
        "agreements": list(agreements.order_by("-signed_on", "title")[:SHOWN_ROWS]),
        "agreements_url": list_url("crm:agreement_list", "/agreements/", signed_after=since.isoformat()),
        "completed_count": completed.count(),
        "completed": list(completed.select_related("owner", "completed_by").order_by("-completed_at")[:SHOWN_ROWS]),
        "completed_url": list_url(
            "crm:followup_list", "/follow-ups/", status=FollowUp.Status.DONE, completed_after=since.isoformat()
        ),
    }


GENERATION_KEY = "crm:dashboard:generation"
# The apps whose records the figures count: a save or delete in one of them computes the figures anew.
COUNTED_APPS = frozenset({"partners", "projects", "crm"})


def forget_figures(sender=None, **kwargs) -> None:
    """Signal receiver: records the figures count were written, so the cached figures are out of date.

    Writes through ``QuerySet.update()`` send no signal; those reach the page within
    ``DASHBOARD_CACHE_SECONDS``, as the page says.
    """
    if sender is not None and sender._meta.app_label not in COUNTED_APPS:
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def cached_figures(refresh: bool = False) -> dict:
    """``figures()``, computed at most every ``DASHBOARD_CACHE_SECONDS`` (per language and day) and
    again after any save, with ``computed_at``: whole-table aggregates run once, not per visit."""
    generation = cache.get_or_set(GENERATION_KEY, 0, None)
    key = f"crm:dashboard:{generation}:{get_language()}:{timezone.localdate().isoformat()}"
    found = None if refresh else cache.get(key)
    if found is None:
        found = {**figures(), "computed_at": timezone.now()}
        cache.set(key, found, settings.DASHBOARD_CACHE_SECONDS)
    return found


def figures(today: date | None = None) -> dict:
    """Everything the dashboard shows."""
    today = today or timezone.localdate()
    projects = _by_direction_and_stage(today)
    countries = _grouped("origin_country", "origin_country__name")
    utilized = _utilized_by_country()
    by_country, no_country = _grouped_rows(countries, "origin_country", "origin_country__name")
    by_sector, no_sector = _grouped_rows(_grouped("sector", "sector__name"), "sector", "sector__name")
    by_park, no_park = _grouped_rows(_grouped("park", "park__name"), "park", "park__name")
    stages = funnel(projects)
    overdue = overdue_by_owner(today)
    return {
        "today": today,
        "funnel": stages,
        "active_total": sum(row.count for row in stages),
        "active_url": project_list_url(status=Status.ACTIVE, direction=INBOUND),
        "money": signed_inbound_totals(projects, utilized),
        "other_directions": other_directions(projects),
        "by_country": by_country,
        "no_country": no_country,
        "by_sector": by_sector,
        "no_sector": no_sector,
        "by_park": by_park,
        "no_park": no_park,
        "money_by_country": contracted_vs_utilized(countries, utilized),
        "intents": forgotten_intents(today),
        "overdue": overdue,
        "overdue_total": sum(row.count for row in overdue),
        "overdue_url": list_url("crm:followup_list", "/follow-ups/", overdue="true"),
        "stale": stale_projects(_total(projects, "stale")),
        "gaps": projects_with_gaps(_total(projects, "gaps")),
        "week": this_week(today, projects_moved=_total(projects, "moved")),
        "grace_months": INTENT_GRACE_MONTHS,
    }
