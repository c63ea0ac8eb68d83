"""Official figures on the park page and on "Qingdao in figures", each with its source lines."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Figure
from tests.conftest import make_park, make_project
from tests.partners.helpers import queries_for

pytestmark = pytest.mark.django_db
CITY = reverse("projects:city_figures")
SOURCE = '000_4c29bc11d0cc8af9.txt:L1338-1341 "the cross-border e-commerce trade volume"'


def figure(label, *, scope="city", metric="other", value=1, currency="", **extra):
    extra.setdefault("as_of", date(2018, 12, 31))
    extra.setdefault("as_of_precision", "year")
    return Figure.objects.create(
        scope=scope, metric=metric, label=label, value=value, currency=currency, provenance=SOURCE, **extra
    )


@pytest.fixture
def park(owner):
    park = make_park()
    make_project(
        "Signed in the park",
        park=park,
        stage="contracted",
        officer=owner,
        signed_on=date(2019, 2, 1),
        contracted_amount=Decimal(300),
        currency="USD",
        usd_rate=1,
        contracted_usd=Decimal(300),
    )
    figure("Park trade volume 2018", scope="park", park=park, metric="trade_volume", value=7_000_000, currency="USD")
    figure(
        "Contracted foreign investment in the park",
        scope="park",
        park=park,
        metric="contracted_investment",
        value=5_000_000,
        currency="USD",
        period_start=date(2019, 1, 1),
        as_of=date(2019, 5, 1),
        as_of_precision="month",
    )
    return park


def test_park_page_shows_its_figures_with_source_beside_its_projects(client, other_officer, park):
    make_park("oceantec-valley", "Qingdao Oceantec Valley")
    figure("Another park's figure", scope="park", park=make_park("oceantec-valley"))
    client.force_login(other_officer)
    response = client.get(park.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Park trade volume 2018" in content and "Contracted foreign investment in the park" in content
    assert "Another park's figure" not in content
    assert "lines 1338–1341" in content  # the source, with its lines
    assert "the cross-border e-commerce trade volume" in content
    tracked = {row.figure.label: row.tracked for row in response.context["figures"]}
    assert tracked == {"Contracted foreign investment in the park": Decimal(300), "Park trade volume 2018": None}
    assert "Signed in the park" in content


def test_park_page_says_when_no_figure_is_recorded(client, owner):
    client.force_login(owner)
    content = client.get(make_park().get_absolute_url()).content.decode()
    assert "No figure is recorded for this park or zone." in content


def test_park_page_refuses_a_user_without_a_role(client, no_role, park):
    client.force_login(no_role)
    assert client.get(park.get_absolute_url()).status_code == 403


def test_park_page_queries_do_not_grow_with_its_untracked_figures_and_projects(client, owner, park):
    # One query per stage that has projects (``ParkDetailView``): the stages stay the same below.
    make_project("First lead", park=park, stage="lead", officer=owner)
    client.force_login(owner)
    few = queries_for(client, park.get_absolute_url(), shows=["Park trade volume 2018"])
    for number in range(10):
        figure(f"Count {number}", scope="park", park=park)
        make_project(f"More {number}", park=park, stage="lead", officer=owner)
    many = queries_for(client, park.get_absolute_url(), shows=["Count 9", "More 0"])
    assert many == few


def test_city_page_shows_every_city_figure_with_its_source(client, other_officer):
    figure("Cross-border e-commerce trade volume 2018", metric="trade_volume", value=3_000_000_000, currency="CNY")
    figure("Ranked first among Chinese cities", metric="rank", value=1)
    figure("Some park's figure", scope="park", park=make_park())
    client.force_login(other_officer)
    response = client.get(CITY)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Qingdao in figures" in content
    assert "Cross-border e-commerce trade volume 2018" in content and "Ranked first among Chinese cities" in content
    assert "Some park's figure" not in content
    assert "lines 1338–1341" in content
    assert "not kept in the CRM" in content


def test_city_page_groups_district_figures_by_district(client, owner):
    figure("Chengyang figure", scope="district", district="chengyang")
    client.force_login(owner)
    content = client.get(CITY).content.decode()
    assert "Chengyang figure" in content and "Chengyang" in content


def test_city_page_refuses_a_user_without_a_role_and_a_visitor(client, no_role):
    assert client.get(CITY).status_code == 302
    client.force_login(no_role)
    assert client.get(CITY).status_code == 403


def test_city_page_queries_do_not_grow_with_untracked_figures(client, manager):
    figure("First", metric="rank")
    client.force_login(manager)
    few = queries_for(client, CITY, shows=["First"])
    for number in range(10):
        figure(f"Rank {number}", metric="rank")
    assert queries_for(client, CITY, shows=["Rank 9"]) == few


def test_dashboard_links_to_the_city_page(client, manager):
    client.force_login(manager)
    assert CITY in client.get(reverse("crm:dashboard")).content.decode()
