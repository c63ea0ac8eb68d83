"""Pipeline KPIs a bureau reports, by signing year, district, park or origin country.

Every rate is counted in the database, grouped, in a fixed number of queries whatever the number
of projects; every count carries the link to the project list that shows the same rows. A project
"reached" a stage when it stands there or beyond, or a recorded move took it there once
(``projects.models.reached``): a deal that slipped back still counts as signed.

- Signed (签约): projects of the chosen direction that reached ``contracted``; archived ones left out.
- Fulfilment rate (履约率): signed projects that reached ``registered``, over signed projects.
- Construction-start rate (开工率): signed projects that reached ``construction``, over signed projects.
- Production rate (投产率): signed projects that reached ``operating``, over signed projects.
- Capital-in-place rate (资金到位率): utilized USD (recorded capital inflows) over contracted USD, of
  signed projects whose contracted USD is known.
- MOU realization funnel: letters of intent and MOUs, by the year signed → the projects they
  produced → those that reached contracted → those that reached operating, with the median days
  between steps, from the dates stage changes happened (``StageChange.occurred_on``).
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from crm.models import Agreement
from crm.views.links import list_url, project_list_url
from projects.models import (
    CapitalInflow,
    Direction,
    District,
    InvestmentProject,
    Stage,
    StageChange,
    reached,
)

# The dimension a table is grouped by: label, the project field, its display field, the list filter.
DIMENSIONS = {
    "year": (_("Signing year"), "year", None, "signed_year"),
    "district": (_("District"), "district", None, "district"),
    "park": (_("Park or zone"), "park", "park__name", "park"),
    "country": (_("Origin country"), "origin_country", "origin_country__name", "origin_country"),
}
# The project-list filter value that opens a row whose grouping value is not recorded.
UNRECORDED = {"year": "signed_on", "district": "district", "park": "park", "country": "origin_country"}
STEPS = (Stage.REGISTERED, Stage.CONSTRUCTION, Stage.OPERATING)

DEFINITIONS = [
    (
        _("Signed (签约)"),
        _("Projects that reached contracted (a binding investment contract), archived ones left out."),
    ),
    (
        _("Fulfilment rate (履约率)"),
        _("Signed projects that reached registered (company registered), over signed projects."),
    ),
    (_("Construction-start rate (开工率)"), _("Signed projects that reached construction, over signed projects.")),
    (_("Production rate (投产率)"), _("Signed projects that reached operating, over signed projects.")),
    (
        _("Capital-in-place rate (资金到位率)"),
        _(
            "Utilized foreign investment (the sum of recorded capital inflows, USD) over contracted foreign "
            "investment (USD), of signed projects whose contracted USD is known."
        ),
    ),
    (
        _("Reached"),
        _(
            "A project reached a stage when it stands there or beyond, or a recorded stage change took it there "
            "once: a deal that slipped back still counts."
        ),
    ),
]


@dataclass
class Linked:
    """A number and the list that shows the rows it counts."""

    value: int
    url: str = ""


@dataclass
class RateRow:
    label: str
    signed: Linked
    steps: dict = field(default_factory=dict)  # stage -> Linked
    contracted_usd: Decimal = Decimal(0)
    utilized_usd: Decimal = Decimal(0)
    missing: bool = False

    def rate(self, stage: str) -> Decimal | None:
        return ratio(self.steps[stage].value, self.signed.value)

    @property
    def rates(self) -> list[tuple[Linked, Decimal | None]]:
        return [(self.steps[stage], self.rate(stage)) for stage in STEPS]

    @property
    def capital_rate(self) -> Decimal | None:
        return ratio(self.utilized_usd, self.contracted_usd)


def ratio(part, whole) -> Decimal | None:
    """``part`` over ``whole`` in percent, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def signed_projects(user, direction: str):
    return (
        InvestmentProject.objects.visible_to(user).filter(is_archived=False, direction=direction).signed_counted_once()
    )


def _label(by: str, key, name) -> str:
    if key is None or key == "":
        return str(_("not recorded"))
    if by == "district":
        return str(District(key).label) if key in District.values else key
    return str(name if name is not None else key)


def rates(user, by: str = "year", direction: str = Direction.INBOUND) -> tuple[list[RateRow], RateRow]:
    """Rows grouped ``by`` one of ``DIMENSIONS``, and the total row. Two queries."""
    _label_text, key, name, param = DIMENSIONS[by]
    signed = signed_projects(user, direction)
    base = {"direction": direction, "reached": Stage.CONTRACTED}
    counts = {f"n_{stage}": Count("pk", filter=reached(stage)) for stage in STEPS}
    money_known = Q(contracted_usd__isnull=False)
    grouped = signed.order_by()
    if by == "year":
        grouped = grouped.annotate(year=ExtractYear("signed_on"))
    fields = [key] + ([name] if name else [])
    grouped = grouped.values(*fields).annotate(
        n_signed=Count("pk"), contracted=Sum("contracted_usd", filter=money_known), **counts
    )
    inflow_key = "year" if by == "year" else f"project__{key}"
    inflows = CapitalInflow.objects.filter(project__in=signed.filter(money_known).values("pk")).order_by()
    if by == "year":
        inflows = inflows.annotate(year=ExtractYear("project__signed_on"))
    utilized = dict(inflows.values(inflow_key).annotate(usd=Sum("amount_usd")).values_list(inflow_key, "usd"))

    def row(label, filters, values, utilized_usd, missing=False) -> RateRow:
        def url(**extra):
            return project_list_url(**{**base, **filters, **extra})

        return RateRow(
            label=label,
            signed=Linked(values["n_signed"], url()),
            steps={stage: Linked(values[f"n_{stage}"], url(reached=stage)) for stage in STEPS},
            contracted_usd=values["contracted"] or Decimal(0),
            utilized_usd=utilized_usd or Decimal(0),
            missing=missing,
        )

    rows = []
    for values in grouped:
        value = values[key]
        missing = value is None or value == ""
        rows.append(
            row(
                _label(by, value, values.get(name) if name else None),
                {"unrecorded": UNRECORDED[by]} if missing else {param: value},
                values,
                utilized.get(value),
                missing=missing,
            )
        )
    rows.sort(key=lambda r: (r.missing, -int(r.label) if by == "year" and not r.missing else -r.signed.value, r.label))
    totals = {"n_signed": sum(r.signed.value for r in rows), "contracted": sum(r.contracted_usd for r in rows)}
    totals.update({f"n_{stage}": sum(r.steps[stage].value for r in rows) for stage in STEPS})
    total = row(str(_("All")), {}, totals, sum(r.utilized_usd for r in rows))
    total.missing = False
    return rows, total


@dataclass
class FunnelRow:
    """One year's letters of intent and MOUs and what became of them."""

    label: str
    intents: Linked
    with_project: Linked
    projects: Linked
    contracted: Linked
    operating: Linked
    days_to_project: float | None = None
    days_to_contracted: float | None = None
    days_to_operating: float | None = None


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _funnel_links(year: int | str | None):
    """A funnel row's label and its two link builders: intents to the agreement list, projects to the project list."""
    if year is None:
        return str(_("date not recorded")), lambda **extra: "", lambda **extra: ""
    if year == "all":
        label, agreement_filters, project_filters = str(_("All years")), {}, {"from_intent": "true"}
    else:
        label = str(year)
        agreement_filters = {
            "signed_after": date(year, 1, 1).isoformat(),
            "signed_before": date(year, 12, 31).isoformat(),
        }
        project_filters = {"intent_year": year}
    kinds = [Agreement.Kind.LETTER_OF_INTENT, Agreement.Kind.MOU]

    def agreement_url(**extra) -> str:
        return list_url("crm:agreement_list", "/agreements/", kind=kinds, **agreement_filters, **extra)

    def project_url(**extra) -> str:
        return project_list_url(**project_filters, **extra)

    return label, agreement_url, project_url


def funnel(user) -> list[FunnelRow]:
    """The MOU realization funnel by the year the intent was signed, and a total row. Four queries."""
    intents = list(Agreement.objects.active().intents().order_by().values_list("pk", "signed_on"))
    signed_on = dict(intents)
    projects = InvestmentProject.objects.visible_to(user).filter(is_archived=False)
    links = list(
        Agreement.projects.through.objects.filter(agreement__in=signed_on.keys(), investmentproject__in=projects)
        .order_by()
        .values_list("agreement_id", "investmentproject_id")
    )
    linked = {project for _agreement, project in links}
    # When each project first appears, reached contracted and reached operating, as the stage changes date them.
    dates = {
        row["project"]: row
        for row in StageChange.objects.filter(project__in=linked)
        .order_by()
        .values("project")
        .annotate(
            first=Min("occurred_on"),
            contracted=Min("occurred_on", filter=Q(to_stage__in=Stage.at_or_beyond(Stage.CONTRACTED))),
            operating=Min("occurred_on", filter=Q(to_stage=Stage.OPERATING)),
        )
    }
    stages = dict(InvestmentProject.objects.filter(pk__in=linked).values_list("pk", "stage"))

    def reached_at(project: int, stage: str) -> bool:
        moved = (dates.get(project) or {}).get("contracted" if stage == Stage.CONTRACTED else "operating")
        return stages.get(project) in Stage.at_or_beyond(stage) or moved is not None

    groups: dict = defaultdict(lambda: {"intents": set(), "with_project": set(), "projects": set(), "pairs": set()})
    for agreement, day in intents:
        for year in (day.year if day else None, "all"):
            groups[year]["intents"].add(agreement)
    for agreement, project in links:
        day = signed_on[agreement]
        for year in (day.year if day else None, "all"):
            group = groups[year]
            group["with_project"].add(agreement)
            group["projects"].add(project)
            group["pairs"].add((agreement, project))

    def days(later: date | None, earlier: date | None) -> int | None:
        return (later - earlier).days if later and earlier else None

    rows = []
    for year in sorted((y for y in groups if y not in ("all", None)), reverse=True) + [None, "all"]:
        if year not in groups:
            continue
        group = groups[year]
        contracted = {p for p in group["projects"] if reached_at(p, Stage.CONTRACTED)}
        operating = {p for p in group["projects"] if reached_at(p, Stage.OPERATING)}
        to_project = [days((dates.get(p) or {}).get("first"), signed_on[a]) for a, p in group["pairs"]]
        to_contracted = [
            days((dates.get(p) or {}).get("contracted"), (dates.get(p) or {}).get("first")) for p in contracted
        ]
        to_operating = [
            days((dates.get(p) or {}).get("operating"), (dates.get(p) or {}).get("contracted")) for p in operating
        ]
        label, agreement_url, project_url = _funnel_links(year)
        rows.append(
            FunnelRow(
                label=label,
                intents=Linked(len(group["intents"]), agreement_url()),
                with_project=Linked(len(group["with_project"]), agreement_url(has_project="true")),
                projects=Linked(len(group["projects"]), project_url()),
                contracted=Linked(len(contracted), project_url(reached=Stage.CONTRACTED)),
                operating=Linked(len(operating), project_url(reached=Stage.OPERATING)),
                days_to_project=_median([d for d in to_project if d is not None]),
                days_to_contracted=_median([d for d in to_contracted if d is not None]),
                days_to_operating=_median([d for d in to_operating if d is not None]),
            )
        )
    return rows
