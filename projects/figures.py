"""Official figures beside what the CRM's own records add up to.

A figure states what its source states for its scope (the city, a district, a park, a country,
a group of countries) and period. Beside it stands the same measure counted from the CRM's
inbound projects in that scope and period, so a manager sees the gap between the official
statistic and the projects the bureau actually tracks:

- contracted foreign investment: contracted USD of inbound projects that reached ``contracted``
  and were first signed in the period;
- new foreign-invested projects: how many of those projects there are, phases and capital
  increases left out (they count only their increment, never as a new project);
- utilized foreign investment: capital inflows of inbound projects received in the period.

A figure without a period start (a stock "by the end of March") is compared with everything
recorded up to its end. Trade, ranks and other figures have no counterpart in the CRM.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.display import date_span, display_date
from core.views import list_url
from projects.models import CapitalInflow, Direction, Figure, InvestmentProject, Stage

Metric = Figure.Metric
TRACKED_METRICS = (Metric.INVESTMENT_PROJECTS, Metric.CONTRACTED_INVESTMENT, Metric.UTILIZED_INVESTMENT)

DEFINITIONS = {
    Metric.INVESTMENT_PROJECTS: _(
        "Inbound projects first signed in the period that reached contracted; phases and capital increases "
        "are left out."
    ),
    Metric.CONTRACTED_INVESTMENT: _(
        "Contracted foreign investment (USD) of inbound projects first signed in the period that reached contracted."
    ),
    Metric.UTILIZED_INVESTMENT: _("Capital inflows (USD) of inbound projects received in the period."),
}


@dataclass
class Comparison:
    """One official figure and, where the CRM keeps the same measure, what its records add up to."""

    figure: Figure
    period: str
    tracked: Decimal | int | None = None
    tracked_currency: str = ""
    url: str = ""
    definition: str = ""

    @property
    def is_tracked(self) -> bool:
        return self.tracked is not None


def project_list_url(**params) -> str:
    """The project list filtered by ``params``, those without a value left out."""
    return list_url("projects:project_list", **{key: value for key, value in params.items() if value is not None})


def period_end(day: date, precision: str) -> date:
    """The last day of the month, quarter or year that begins on ``day`` (``day`` itself when exact)."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision in ("month", "quarter"):
        months = 3 if precision == "quarter" else 1
        year, month = divmod(day.month - 1 + months - 1, 12)
        year, month = day.year + year, month + 1
        return date(year, month, calendar.monthrange(year, month)[1])
    return day


def scope_condition(figure: Figure) -> tuple[Q, dict]:
    """Which projects belong to the figure's scope, and the project-list filters that say the same."""
    Scope = Figure.Scope
    if figure.scope == Scope.DISTRICT:
        return Q(district=figure.district), {"district": figure.district}
    if figure.scope == Scope.PARK:
        return Q(park=figure.park_id), {"park": figure.park_id}
    if figure.scope == Scope.COUNTRY:
        return Q(origin_country=figure.country_id), {"origin_country": figure.country_id}
    if figure.scope == Scope.COUNTRY_GROUP:
        return Q(origin_country__groups=figure.country_group_id), {"origin_group": figure.country_group.code}
    return Q(), {}


def compare(figure: Figure, user) -> Comparison:
    """``figure`` beside what the inbound projects ``user`` may see add up to for its scope and period."""
    start, end = figure.period_start, period_end(figure.as_of, figure.as_of_precision)
    if start:
        period = date_span(start, figure.as_of, figure.as_of_precision)
    else:
        period = gettext("as of %(day)s") % {"day": display_date(figure.as_of, figure.as_of_precision)}
    comparison = Comparison(figure=figure, period=period)
    if figure.metric not in TRACKED_METRICS:
        return comparison
    condition, params = scope_condition(figure)
    projects = (
        InvestmentProject.objects.visible_to(user)
        .filter(condition)
        .filter(is_archived=False, direction=Direction.INBOUND)
    )
    comparison.definition = str(DEFINITIONS[figure.metric])
    if figure.metric == Metric.UTILIZED_INVESTMENT:
        inflows = CapitalInflow.objects.filter(project__in=projects.values("pk"), received_on__lte=end)
        if start:
            inflows = inflows.filter(received_on__gte=start)
        comparison.tracked = inflows.total_usd()
        comparison.tracked_currency = "USD"
        return comparison
    signed = projects.signed_counted_once().filter(signed_on__lte=end)
    if start:
        signed = signed.filter(signed_on__gte=start)
    link = {"direction": Direction.INBOUND, "reached": Stage.CONTRACTED, **params}
    link.update(signed_after=start.isoformat() if start else None, signed_before=end.isoformat())
    if figure.metric == Metric.INVESTMENT_PROJECTS:
        comparison.tracked = signed.filter(parent__isnull=True).aggregate(n=Count("pk", distinct=True))["n"]
        comparison.url = project_list_url(**link, phase="false")
    else:
        # Distinct rows first: a group scope joins countries to groups, which must not repeat a project.
        comparison.tracked = InvestmentProject.objects.filter(pk__in=signed.values("pk")).aggregate(
            usd=Sum("contracted_usd")
        )["usd"] or Decimal(0)
        comparison.tracked_currency = "USD"
        comparison.url = project_list_url(**link)
    return comparison


def comparisons(figures, user) -> list[Comparison]:
    """Each figure beside the CRM's count; one query per tracked figure, however many projects there are."""
    return [compare(figure, user) for figure in figures]


def city_figures():
    """The city-wide figures the CRM can count too, newest period first."""
    return (
        Figure.objects.filter(is_archived=False, scope=Figure.Scope.CITY, metric__in=TRACKED_METRICS)
        .select_related("country", "country_group", "park")
        .order_by("-as_of", "metric", "label")
    )


def figures_of(scope: str, **link):
    """Every figure of one scope (``park=...``, ``district=...``, nothing for the city), by metric, newest first."""
    return Figure.objects.filter(is_archived=False, scope=scope, **link).order_by("metric", "-as_of", "label")
