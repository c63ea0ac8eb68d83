"""Countries: the list with groups and counts, and the page with figures, organizations, projects, delegations."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import CountryGroup
from projects.models import CapitalInflow, Figure
from tests.conftest import make_country, make_delegation, make_organization, make_project
from tests.partners.helpers import queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("partners:country_list")


@pytest.fixture
def germany(owner):
    germany = make_country("DE", "Germany", name_zh="德国")
    germany.groups.add(CountryGroup.objects.create(code="eu", name="EU member"))
    Figure.objects.create(
        scope=Figure.Scope.COUNTRY,
        country=germany,
        metric="investment_projects",
        label="German-invested projects in Qingdao",
        value=Decimal("682"),
        as_of=date(2019, 3, 1),
        as_of_precision="month",
        provenance="Brochure, line 88: “682 German-invested projects”",
    )
    Figure.objects.create(
        scope=Figure.Scope.COUNTRY,
        country=germany,
        metric="trade_volume",
        label="Qingdao–Germany trade",
        value=Decimal("2700000000"),
        currency="USD",
        period_start=date(2018, 1, 1),
        as_of=date(2018, 1, 1),
        as_of_precision="year",
    )
    siemens = make_organization("Siemens", country=germany)
    project = make_project(
        name="Imaging plant",
        investor=siemens,
        origin_country=germany,
        stage="contracted",
        contracted_amount=Decimal("100000000"),
        currency="USD",
        contracted_usd=Decimal("100000000"),
    )
    CapitalInflow.objects.create(
        project=project,
        received_on=date(2019, 9, 1),
        amount=Decimal("20000000"),
        currency="USD",
        usd_rate=1,
        amount_usd=Decimal("20000000"),
    )
    make_project(
        name="Secret gigafactory",
        origin_country=germany,
        is_confidential=True,
        officer=owner,
        stage="construction",
        contracted_amount=Decimal("900000000"),
        currency="USD",
        contracted_usd=Decimal("900000000"),
    )
    delegation = make_delegation("Qingdao delegation to Israel and Germany")
    delegation.countries.add(germany)
    return germany


def test_list_shows_groups_and_counts(client, other_officer, germany):
    make_country("KR", "South Korea")
    client.force_login(other_officer)
    response = client.get(LIST)
    assert response.status_code == 200
    rows = {
        c.code: (c.organization_count, c.project_count, c.delegation_count) for c in response.context["object_list"]
    }
    assert rows == {"DE": (1, 1, 1), "KR": (0, 0, 0)}
    assert "EU member" in response.content.decode()


def test_list_filters_by_group(client, owner, germany):
    make_country("KR", "South Korea")
    group = germany.groups.get()
    client.force_login(owner)
    assert [c.code for c in client.get(f"{LIST}?group={group.pk}").context["object_list"]] == ["DE"]
    assert [c.code for c in client.get(f"{LIST}?q=korea").context["object_list"]] == ["KR"]


def test_page_shows_figures_as_the_source_gives_them(client, other_officer, germany):
    client.force_login(other_officer)
    response = client.get(reverse("partners:country_detail", args=["DE"]))
    html = response.content.decode()
    assert "German-invested projects in Qingdao" in html
    assert "682" in html and "March 2019" in html and "Month only" in html
    assert "682 German-invested projects" in html
    assert "2,700,000,000\u00a0USD" in html and "2018" in html


def test_page_totals_only_visible_projects(client, other_officer, manager, germany):
    client.force_login(other_officer)
    response = client.get(germany.get_absolute_url())
    totals = response.context["totals"]
    assert (totals["count"], totals["contracted"], totals["utilized"]) == (
        1,
        Decimal("100000000"),
        Decimal("20000000"),
    )
    html = response.content.decode()
    assert "Imaging plant" in html and "Secret gigafactory" not in html
    assert "Qingdao delegation to Israel and Germany" in html and "Siemens" in html
    client.force_login(manager)
    assert client.get(germany.get_absolute_url()).context["totals"]["contracted"] == Decimal("1000000000")


def test_page_totals_count_only_inbound_projects_by_kind(client, manager, germany):
    make_project(
        name="Qingdao firm's plant in Germany",
        origin_country=germany,
        direction="outbound",
        stage="operating",
        contracted_amount=Decimal("50000000"),
        currency="USD",
        contracted_usd=Decimal("50000000"),
    )
    make_project(
        name="Film park",
        origin_country=germany,
        stage="intent",
        total_amount=Decimal("7"),
        total_currency="USD",
        total_usd=Decimal("7"),
        planned_amount=Decimal("3"),
        planned_currency="JPY",
    )
    client.force_login(manager)
    response = client.get(germany.get_absolute_url())
    totals = response.context["totals"]
    assert (totals["count"], totals["contracted"], totals["total"], totals["planned"]) == (
        3,
        Decimal("1000000000"),
        Decimal("7"),
        Decimal("0"),
    )
    assert (totals["planned_pending"], totals["not_inbound"]) == (1, 1)
    html = response.content.decode()
    assert "1 amount waits for an exchange rate and is in no total" in html
    assert "1 outbound or domestic project listed below is not counted in these totals." in html


def test_lower_case_code_finds_the_country_and_unknown_is_a_404(client, owner, germany):
    client.force_login(owner)
    assert client.get(reverse("partners:country_detail", args=["de"])).status_code == 200
    assert client.get(reverse("partners:country_detail", args=["XX"])).status_code == 404


def test_list_query_count_does_not_grow_with_rows(client, owner):
    client.force_login(owner)
    group = CountryGroup.objects.create(code="rcep", name="RCEP")

    def add(start, count):
        for number in range(start, start + count):
            code = chr(65 + number // 26) + chr(65 + number % 26)
            country = make_country(code, f"Country {code}")
            country.groups.add(group)
            make_organization(f"Company {code}", country=country)

    add(0, 2)
    few = queries_for(client, f"{LIST}?per_page=100", shows=["Country AA", "Country AB"])
    add(2, 58)
    assert queries_for(client, f"{LIST}?per_page=100", shows=["Country AA", "Country CH"]) == few
