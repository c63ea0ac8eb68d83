"""Pipeline KPIs: each rate on a small hand-computed data set, links equal to what they count, managers only."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from crm import kpis
from projects.models import CapitalInflow, StageChange
from tests.conftest import make_agreement, make_country, make_park, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:kpis")


def inflow(project, usd, on=date(2019, 6, 1)):
    CapitalInflow.objects.create(
        project=project, received_on=on, amount=usd, currency="USD", usd_rate=1, amount_usd=usd
    )


def signed(name, stage, on, usd=None, **extra):
    money = {"contracted_amount": usd, "currency": "USD", "usd_rate": 1, "contracted_usd": usd} if usd else {}
    return make_project(name, stage=stage, signed_on=on, **money, **extra)


@pytest.fixture
def pipeline():
    """Five signed inbound projects (three in 2018, two in 2019) and three that must not count.

    2018: A registered (100 contracted, 50 utilized), B contracted (100), C slipped back to negotiating
    after a recorded move to contracted (no amount). 2019: D operating (200, 200 utilized), E construction
    (100, 25 utilized).
    """
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    park = make_park()
    a = signed("A", "registered", date(2018, 3, 1), 100, origin_country=germany, district="jimo")
    inflow(a, 50)
    signed("B", "contracted", date(2018, 6, 1), 100, origin_country=germany, district="jimo")
    c = signed("C", "negotiating", date(2018, 9, 1), origin_country=korea)
    StageChange.objects.create(project=c, from_stage="intent", to_stage="contracted", to_status="active")
    StageChange.objects.create(project=c, from_stage="contracted", to_stage="negotiating", to_status="active")
    d = signed("D", "operating", date(2019, 2, 1), 200, origin_country=germany, park=park)
    inflow(d, 200)
    e = signed("E", "construction", date(2019, 5, 1), 100, origin_country=korea, park=park)
    inflow(e, 25)
    signed("F intent only", "intent", date(2019, 1, 1), 500, origin_country=germany)
    signed("G outbound", "operating", date(2019, 1, 1), 500, direction="outbound", origin_country=germany)
    signed("H archived", "contracted", date(2019, 1, 1), 500, is_archived=True, origin_country=germany)
    return {"A": a, "D": d, "E": e}


def by_label(rows):
    return {row.label: row for row in rows}


def test_rates_by_signing_year(pipeline, manager):
    rows, total = kpis.rates(manager, by="year")
    year = by_label(rows)
    assert list(year) == ["2019", "2018"]
    assert year["2018"].signed.value == 3
    assert [cell.value for cell, _rate in year["2018"].rates] == [1, 0, 0]
    assert [rate for _cell, rate in year["2018"].rates] == [Decimal("33.3"), Decimal("0.0"), Decimal("0.0")]
    assert year["2018"].capital_rate == Decimal("25.0")  # 50 utilized over 200 contracted (C has no amount)
    assert [rate for _cell, rate in year["2019"].rates] == [Decimal("100.0"), Decimal("100.0"), Decimal("50.0")]
    assert year["2019"].capital_rate == Decimal("75.0")  # 225 over 300
    assert total.signed.value == 5
    assert [rate for _cell, rate in total.rates] == [Decimal("60.0"), Decimal("40.0"), Decimal("20.0")]
    assert total.capital_rate == Decimal("55.0")  # 275 over 500


def test_rates_by_district_park_and_country(pipeline, manager):
    district = by_label(kpis.rates(manager, by="district")[0])
    assert district["Jimo District"].signed.value == 2
    assert district["not recorded"].signed.value == 3
    assert "unrecorded=district" in district["not recorded"].signed.url
    park = by_label(kpis.rates(manager, by="park")[0])
    assert park["Sino-German Eco-Park"].steps["operating"].value == 1
    country = by_label(kpis.rates(manager, by="country")[0])
    assert country["Germany"].signed.value == 3
    assert country["South Korea"].rate("construction") == Decimal("50.0")


def test_outbound_is_its_own_table(pipeline, manager):
    rows, total = kpis.rates(manager, by="year", direction="outbound")
    assert total.signed.value == 1
    assert [row.label for row in rows] == ["2019"]


def test_every_count_links_to_the_list_of_the_same_rows(pipeline, manager_client, manager):
    """A row whose grouping value is not recorded ("not recorded") links too, through ``unrecorded``."""
    missing_rows = 0
    for by in kpis.DIMENSIONS:
        rows, total = kpis.rates(manager, by=by)
        for row in [*rows, total]:
            missing_rows += row.missing
            for cell in [row.signed, *(cell for cell, _rate in row.rates)]:
                assert cell.url, (by, row.label)
                response = manager_client.get(cell.url)
                assert response.status_code == 200
                assert response.context["result_count"] == cell.value, (by, row.label, cell.url)
    assert missing_rows


@pytest.fixture
def intents():
    """MOU 1 (2019-01-01) produced D and E; MOU 2 (2019) nothing; a 2018 LOI produced B."""
    d = make_project("D", stage="operating")
    e = make_project("E", stage="construction")
    b = make_project("B", stage="intent")
    for project, moves in {
        d: [
            ("", "intent", date(2019, 1, 11)),
            ("intent", "contracted", date(2019, 2, 1)),
            ("contracted", "operating", date(2019, 4, 2)),
        ],
        e: [
            ("", "intent", date(2019, 1, 21)),
            ("intent", "contracted", date(2019, 5, 1)),
            ("contracted", "construction", date(2019, 6, 1)),
        ],
        b: [("", "intent", date(2018, 3, 1))],
    }.items():
        for from_stage, to_stage, on in moves:
            StageChange.objects.create(
                project=project, from_stage=from_stage, to_stage=to_stage, to_status="active", occurred_on=on
            )
    make_agreement("MOU 1", kind="mou", signed_on=date(2019, 1, 1)).projects.add(d, e)
    make_agreement("MOU 2", kind="mou", signed_on=date(2019, 7, 1))
    make_agreement("LOI", kind="loi", signed_on=date(2018, 2, 1)).projects.add(b)
    make_agreement("A contract", kind="investment_contract", signed_on=date(2019, 1, 1)).projects.add(d)


def test_funnel_counts_and_median_days(intents, manager):
    rows = by_label(kpis.funnel(manager))
    assert list(rows) == ["2019", "2018", "All years"]
    year = rows["2019"]
    assert (year.intents.value, year.with_project.value, year.projects.value) == (2, 1, 2)
    assert (year.contracted.value, year.operating.value) == (2, 1)
    assert year.days_to_project == 15  # 10 and 20 days
    assert year.days_to_contracted == 60.5  # 21 and 100 days
    assert year.days_to_operating == 60
    assert rows["2018"].days_to_project == 28
    assert rows["2018"].contracted.value == 0
    assert (rows["All years"].intents.value, rows["All years"].projects.value) == (3, 3)


def test_funnel_links_show_what_they_count(intents, manager_client, manager):
    for row in kpis.funnel(manager):
        for cell in (row.intents, row.with_project, row.projects, row.contracted, row.operating):
            response = manager_client.get(cell.url)
            assert response.status_code == 200
            assert response.context["result_count"] == cell.value, (row.label, cell.url)


def test_page_shows_rates_funnel_and_definitions(pipeline, intents, manager_client):
    response = manager_client.get(URL, {"by": "country"})
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "履约率",
        "开工率",
        "投产率",
        "资金到位率",
        "Origin country",
        "South Korea",
        "MOU realization funnel",
        "55.0%",
    ):
        assert text in content


def test_bad_choices_show_an_error_and_the_default_table(pipeline, manager_client):
    response = manager_client.get(URL, {"by": "nonsense", "direction": "\x00"})
    assert response.status_code == 200
    assert response.context["by"] == "year"
    assert response.context["form"].errors


def test_officers_are_refused(owner_client):
    assert owner_client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_dashboard_links_to_the_kpis(manager_client):
    assert URL in manager_client.get(reverse("crm:dashboard")).content.decode()


def test_queries_do_not_grow_with_rows(manager_client):
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")

    def add(n, start):
        for i in range(start, start + n):
            project = signed(
                f"P{i}", "operating", date(2015 + i % 5, 1, 1), 100, origin_country=[germany, korea][i % 2]
            )
            inflow(project, 10)
            StageChange.objects.create(project=project, from_stage="intent", to_stage="operating", to_status="active")
            make_agreement(f"MOU {i}", kind="mou", signed_on=date(2015 + i % 5, 1, 1)).projects.add(project)

    add(2, 0)
    few = queries_for(manager_client, f"{URL}?by=country", shows=["Germany", "South Korea"])
    add(10, 2)
    many = queries_for(manager_client, f"{URL}?by=country", shows=["Germany", "South Korea", "2019"])
    assert many == few
