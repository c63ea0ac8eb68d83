"""The visit log's status follows the trip's dates unless the officer chooses one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from crm.models import Delegation
from crm.services import trip_status
from tests.conftest import make_country

TODAY = date(2026, 12, 10)


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (date(2026, 12, 17), date(2026, 12, 20), "planned"),
        (date(2026, 12, 8), date(2026, 12, 12), "underway"),
        (date(2026, 12, 10), None, "underway"),
        (date(2026, 12, 1), date(2026, 12, 5), "returned"),
        (date(2026, 12, 1), None, "returned"),
    ],
)
def test_the_dates_say_the_status(start, end, status):
    assert trip_status(start, end, today=TODAY) == status


def trip(country, start, end, status=""):
    return {
        "action": "save",
        "delegation-title": "Munich chemical cluster visit",
        "delegation-direction": "outbound",
        "delegation-status": status,
        "delegation-start_date": start.isoformat(),
        "delegation-end_date": end.isoformat(),
        "delegation-date_precision": "day",
        "delegation-countries": [country.pk],
        **{f"{p}-{k}": v for p in ("meetings", "agreements", "follow_ups") for k, v in _empty().items()},
    }


def _empty():
    return {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "30"}


@pytest.mark.django_db
def test_the_form_offers_the_dates_first(owner_client):
    html = owner_client.get(reverse("crm:visit_log")).content.decode()
    assert '<option value="" selected>From the dates</option>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("days", "status"), [(7, "planned"), (0, "underway"), (-10, "returned")])
def test_a_trip_logged_without_a_status_gets_the_one_its_dates_say(owner_client, days, status):
    start = date.today() + timedelta(days=days)
    response = owner_client.post(reverse("crm:visit_log"), trip(make_country(), start, start + timedelta(days=3)))
    assert response.status_code == 302, response.context.get("error_places")
    assert Delegation.objects.get().status == status


@pytest.mark.django_db
def test_a_status_chosen_by_the_officer_is_kept(owner_client):
    start = date.today() - timedelta(days=30)
    data = trip(make_country(), start, start + timedelta(days=3), status="reported")
    data["delegation-status"] = "underway"
    assert owner_client.post(reverse("crm:visit_log"), data).status_code == 302
    assert Delegation.objects.get().status == "underway"


@pytest.mark.django_db
def test_a_trip_still_ahead_marked_returned_is_pointed_out(owner_client):
    start = date.today() + timedelta(days=7)
    data = trip(make_country(), start, start + timedelta(days=3), status="returned")
    response = owner_client.post(reverse("crm:visit_log"), data, follow=True)
    assert "still ahead, but is marked “Returned, report pending”. Check the status." in response.content.decode()
    assert Delegation.objects.get().status == "returned"
