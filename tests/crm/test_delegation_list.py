"""The delegation list: filters, search, sorting, report overdue flag, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from crm.models import Delegation
from tests.conftest import make_country, make_delegation, make_meeting
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:delegation_list")


def titles(response):
    return [delegation.title for delegation in response.context["object_list"]]


def test_lists_delegations_with_their_countries_and_counts(owner_client):
    germany, israel = make_country("DE", "Germany"), make_country("IL", "Israel")
    trip = make_delegation("Delegation to Israel and Germany", cities="Tel Aviv, Munich")
    trip.countries.set([germany, israel])
    make_meeting(delegation=trip)
    response = owner_client.get(URL)
    assert response.status_code == 200
    assert response.context["result_count"] == 1
    content = response.content.decode()
    assert "Delegation to Israel and Germany" in content
    assert "Germany, Israel" in content
    assert trip.get_absolute_url() in content


def test_filters_by_direction_status_and_country(owner_client):
    korea = make_country("KR", "South Korea")
    seoul = make_delegation("Seoul trip", status=Delegation.Status.RETURNED)
    seoul.countries.add(korea)
    make_delegation("Busan visitors", direction=Delegation.Direction.INBOUND)
    assert titles(owner_client.get(URL, {"direction": "inbound"})) == ["Busan visitors"]
    assert titles(owner_client.get(URL, {"country": korea.pk})) == ["Seoul trip"]
    assert titles(owner_client.get(URL, {"status": "returned"})) == ["Seoul trip"]


def test_filters_by_start_dates_and_searches(owner_client):
    make_delegation("Japan", start_date=date(2019, 3, 1), end_date=None, purpose="Robotics")
    make_delegation("Korea", start_date=date(2019, 5, 12), end_date=date(2019, 5, 15))
    assert titles(owner_client.get(URL, {"start_after": "2019-04-01"})) == ["Korea"]
    assert titles(owner_client.get(URL, {"start_before": "2019-04-01"})) == ["Japan"]
    assert titles(owner_client.get(URL, {"q": "robotics"})) == ["Japan"]


def test_report_overdue_filter_and_flag(owner_client):
    today = date.today()
    late = make_delegation(
        "Late report",
        status=Delegation.Status.RETURNED,
        start_date=today - timedelta(days=30),
        end_date=today - timedelta(days=16),
    )
    make_delegation(
        "Report still due",
        status=Delegation.Status.RETURNED,
        start_date=today - timedelta(days=20),
        end_date=today - timedelta(days=15),
    )
    make_delegation("Reported", status=Delegation.Status.REPORTED, report="Done", end_date=date(2019, 6, 7))
    response = owner_client.get(URL, {"report_overdue": "true"})
    assert titles(response) == [late.title]
    assert "Report overdue" in response.content.decode()
    assert set(titles(owner_client.get(URL, {"report_overdue": "false"}))) == {"Report still due", "Reported"}


def test_sorts_by_title_both_ways(owner_client):
    for title in ("Bravo", "Alpha", "Charlie"):
        make_delegation(title)
    assert titles(owner_client.get(URL, {"o": "title"})) == ["Alpha", "Bravo", "Charlie"]
    assert titles(owner_client.get(URL, {"o": "-title"})) == ["Charlie", "Bravo", "Alpha"]


def test_page_size_and_bad_filter_input(owner_client):
    for number in range(30):
        make_delegation(f"Trip {number:02}")
    response = owner_client.get(URL, {"per_page": 50})
    assert len(response.context["object_list"]) == 30
    assert len(owner_client.get(URL).context["object_list"]) == 25
    bad = owner_client.get(URL, {"start_after": "not a date"})
    assert bad.context["result_count"] == 0
    assert "Enter a valid date." in bad.content.decode()


def test_empty_state(owner_client):
    response = owner_client.get(URL, {"q": "nothing like this"})
    assert "Nothing here matches." in response.content.decode()


def test_archived_delegations_are_hidden_unless_asked_for(owner_client):
    make_delegation("Old trip", is_archived=True)
    assert titles(owner_client.get(URL)) == []
    assert titles(owner_client.get(URL, {"archived": "true"})) == ["Old trip"]


def _make_rows(count, start=0):
    germany = make_country()
    for number in range(start, start + count):
        trip = make_delegation(f"Trip {number:03}")
        trip.countries.add(germany)
        make_meeting(delegation=trip)


def test_query_count_does_not_grow_with_rows(owner_client):
    _make_rows(2)
    few = queries_for(owner_client, f"{URL}?per_page=100", shows=["Trip 000", "Trip 001"])
    _make_rows(58, start=2)
    many = queries_for(owner_client, f"{URL}?per_page=100", shows=["Trip 000", "Trip 059"])
    assert few == many
