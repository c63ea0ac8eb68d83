"""The meeting list: filters, search, confidential projects kept out, and a fixed number of queries."""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import Meeting
from tests.conftest import make_delegation, make_meeting, make_organization, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:meeting_list")


def titles(response):
    return [meeting.title for meeting in response.context["object_list"]]


def test_filters_by_kind_delegation_organization_and_dates(owner_client):
    trip = make_delegation()
    siemens = make_organization("Siemens AG")
    signing = make_meeting("Signing in Haifa", kind=Meeting.Kind.SIGNING, delegation=trip, date=date(2019, 6, 4))
    talks = make_meeting("Talks in Munich", date=date(2019, 6, 6))
    talks.organizations.add(siemens)
    assert titles(owner_client.get(URL, {"kind": "signing"})) == [signing.title]
    assert titles(owner_client.get(URL, {"delegation": trip.pk})) == [signing.title]
    assert titles(owner_client.get(URL, {"organization": siemens.pk})) == [talks.title]
    assert titles(owner_client.get(URL, {"date_after": "2019-06-05"})) == [talks.title]
    assert titles(owner_client.get(URL, {"date_before": "2019-06-05"})) == [signing.title]


def test_search_over_organizations_lists_each_meeting_once(owner_client):
    meeting = make_meeting("Port talks")
    meeting.organizations.add(make_organization("Haifa Port"), make_organization("Haifa Port Company"))
    response = owner_client.get(URL, {"q": "haifa"})
    assert titles(response) == ["Port talks"]
    assert response.context["result_count"] == 1


def test_sorts_by_date(owner_client):
    make_meeting("Later", date=date(2019, 6, 6))
    make_meeting("Earlier", date=date(2019, 6, 3))
    assert titles(owner_client.get(URL, {"o": "date"})) == ["Earlier", "Later"]
    assert titles(owner_client.get(URL, {"o": "-date"})) == ["Later", "Earlier"]


def test_a_confidential_project_is_named_only_to_those_who_may_see_it(client, owner, other_officer, manager):
    secret = make_project("Secret battery plant", officer=owner, is_confidential=True)
    make_meeting("Talks about a plant", project=secret)
    for user, shown in ((owner, True), (manager, True), (other_officer, False)):
        client.force_login(user)
        content = client.get(URL).content.decode()
        assert "Talks about a plant" in content
        assert ("Secret battery plant" in content) is shown


def test_query_count_does_not_grow_with_rows(owner_client, owner):
    project = make_project("Battery plant", officer=owner)

    def add(count, start):
        for number in range(start, start + count):
            meeting = make_meeting(
                f"Meeting {number:03}", project=project, delegation=make_delegation(f"Trip {number:03}")
            )
            meeting.organizations.add(make_organization(f"Partner {number:03}"))

    add(2, 0)
    few = queries_for(
        owner_client, f"{URL}?per_page=100", shows=["Meeting 001", "Trip 001", "Partner 001", "Battery plant"]
    )
    add(58, 2)
    many = queries_for(
        owner_client, f"{URL}?per_page=100", shows=["Meeting 000", "Meeting 059", "Trip 059", "Partner 059"]
    )
    assert many == few
