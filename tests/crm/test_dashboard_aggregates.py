"""The dashboard's conditional aggregates give the figures the QuerySet methods they stand for give, in few queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crm import activity, dashboard
from projects.gates import has_gaps_q
from projects.models import CapitalInflow, Direction, InvestmentProject, Stage, StageChange
from tests.conftest import make_country, make_gated_project, make_park, make_project, make_sector
from tests.crm.test_dashboard import TODAY, make_pipeline

pytestmark = pytest.mark.django_db


def _sum(projects, field: str) -> Decimal:
    return projects.aggregate(total=Sum(field))["total"] or Decimal(0)


def make_more(owner, other_officer):
    """What the pipeline fixture lacks: other directions, pending amounts, a later phase, a project with no
    country, sector or park, a pending inflow."""
    japan, sector, park = (
        make_country("JP", "Japan"),
        make_sector("marine", "Marine"),
        make_park("oceantec", "Oceantec"),
    )
    make_project("Outbound lead", direction=Direction.OUTBOUND, total_amount=9, total_currency="USD", total_usd=9)
    make_gated_project(owner, name="Outbound plant", direction=Direction.OUTBOUND, stage="registered")
    make_gated_project(owner, name="Domestic plant", direction=Direction.DOMESTIC, stage="contracted")
    parent = make_gated_project(other_officer, name="Port", stage="contracted", origin_country=japan, sector=sector)
    make_gated_project(
        other_officer, name="Port phase 2", stage="contracted", origin_country=japan, park=park, parent=parent
    )
    make_project(
        "Pending",
        origin_country=japan,
        planned_amount=5,
        planned_currency="EUR",
        total_amount=7,
        total_currency="KRW",
        total_usd=Decimal("0.01"),
        registered_amount=3,
        registered_currency="EUR",
    )
    make_gated_project(owner, name="No rate", stage="contracted", contracted_usd=None, usd_rate=None, currency="EUR")
    slipped = make_project(
        "Slipped",
        stage="intent",
        planned_amount=11,
        planned_currency="USD",
        planned_usd=11,
        contracted_amount=20,
        currency="USD",
        usd_rate=1,
        contracted_usd=20,
        origin_country=japan,
    )
    StageChange.objects.create(project=slipped, from_stage="intent", to_stage="contracted", to_status="active")
    make_project("Nowhere", stage="negotiating", planned_amount=2, planned_currency="USD", planned_usd=2)
    CapitalInflow.objects.create(project=parent, received_on=TODAY, amount=5, currency="EUR")
    CapitalInflow.objects.create(project=slipped, received_on=TODAY, amount=3, currency="USD", usd_rate=1, amount_usd=3)


def test_figures_equal_the_queryset_methods_they_stand_for(owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager, rows=2)
    make_more(owner, other_officer)
    found = dashboard.figures()
    active, signed = dashboard.inbound_active(), dashboard.signed_inbound()

    for row, (stage, _label) in zip(found["funnel"], Stage.choices, strict=True):
        assert row.count == active.filter(stage=stage).count(), stage
        assert row.second == _sum(active.filter(stage=stage), "planned_usd"), stage
        assert row.usd == _sum(signed.filter(stage=stage), "contracted_usd"), stage
    money = {key: value for key, value in found["money"].items() if key != "signed_url"}
    assert money == active.money_totals()
    assert money["pending"] >= 4 and money["phases"] == 1  # the fixture reaches what it is meant to
    for row, direction in zip(found["other_directions"], [Direction.OUTBOUND, Direction.DOMESTIC], strict=True):
        mine = InvestmentProject.objects.active().filter(direction=direction)
        assert (row.count, row.second) == (mine.count(), _sum(mine, "total_usd"))
        assert row.usd == _sum(mine.signed_counted_once(), "contracted_usd")
    for key, field in (("by_country", "origin_country"), ("by_sector", "sector"), ("by_park", "park")):
        assert found[key]
        for row in found[key]:
            value = row.url.split(f"{field}=")[1].split("&")[0]
            assert row.count == active.filter(**{field: value}).count(), (key, row.label)
            assert row.usd == _sum(signed.filter(**{field: value}), "contracted_usd"), (key, row.label)
        assert found[f"no_{key[3:]}"] == active.filter(**{f"{field}__isnull": True}).count()
    assert {row.label for row in found["money_by_country"]} == {"South Korea", "Japan"}
    for row in found["money_by_country"]:
        value = row.url.split("origin_country=")[1].split("&")[0]
        mine = signed.filter(origin_country=value)
        inflows = CapitalInflow.objects.filter(project__in=mine.values("pk"))
        assert (row.count, row.usd, row.second) == (
            mine.count(),
            _sum(mine, "contracted_usd"),
            _sum(inflows, "amount_usd"),
        )
    rule = activity._quiet_as_of(settings.STALE_PROJECT_DAYS, timezone.now())
    assert found["stale"]["count"] == InvestmentProject.objects.active().filter(rule).count() > 0
    assert found["gaps"]["count"] == InvestmentProject.objects.filter(is_archived=False).filter(has_gaps_q()).count()
    since = timezone.now() - timedelta(days=dashboard.RECENT_DAYS)
    moved = StageChange.objects.filter(changed_at__gte=since).values("project")
    assert found["week"]["projects_moved"] == InvestmentProject.objects.filter(pk__in=moved).count() > 0


def test_the_figures_take_a_fixed_handful_of_queries(owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager, rows=3)
    make_more(owner, other_officer)
    with CaptureQueriesContext(connection) as captured:
        dashboard.figures()
    # One pass over the projects, three groupings, the inflows, and the panels' counts and first rows.
    assert len(captured) <= 15, [query["sql"][:120] for query in captured]
