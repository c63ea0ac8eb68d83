"""The event list: kind, country, search, and a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import Event
from tests.conftest import make_country, make_delegation
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:event_list")


def make_event(name, **extra):
    extra.setdefault("start_date", date(2019, 6, 5))
    return Event.objects.create(name=name, **extra)


def names(response):
    return [event.name for event in response.context["object_list"]]


def test_filters_by_kind_and_country_and_searches(owner_client):
    germany = make_country()
    make_event("Qingdao Week in Germany", kind=Event.Kind.QINGDAO_WEEK, country=germany, place="Munich")
    make_event("SCO trade fair", kind=Event.Kind.FAIR)
    assert names(owner_client.get(URL, {"kind": "fair"})) == ["SCO trade fair"]
    assert names(owner_client.get(URL, {"country": germany.pk})) == ["Qingdao Week in Germany"]
    assert names(owner_client.get(URL, {"q": "munich"})) == ["Qingdao Week in Germany"]


def test_month_precision_is_shown_as_a_month(owner_client):
    make_event("Investment conference", start_date=date(2019, 9, 1), date_precision="month")
    content = owner_client.get(URL).content.decode()
    assert "September 2019" in content
    assert "1 September 2019" not in content


def test_query_count_does_not_grow_with_rows(owner_client):
    def add(count, start):
        for number in range(start, start + count):
            event = make_event(f"Event {number:03}", country=make_country())
            make_delegation(event=event)

    add(2, 0)
    few = queries_for(owner_client, f"{URL}?per_page=100", shows=["Event 000", "Event 001"])
    add(58, 2)
    assert queries_for(owner_client, f"{URL}?per_page=100", shows=["Event 000", "Event 059"]) == few
