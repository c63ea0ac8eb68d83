"""Every list endpoint runs the same number of queries for 2 rows as for 60."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.models import AgreementParty
from partners.models import CountryGroup
from projects.models import CapitalInflow, StageChange
from tests.api.conftest import ENDPOINTS, make_event
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_park,
    make_project,
    make_sector,
)

pytestmark = pytest.mark.django_db


def _letters(i: int) -> str:
    return chr(65 + i // 26) + chr(65 + i % 26)


def _project(i, owner, **extra):
    project = make_project(
        f"Project {i}",
        officer=owner,
        investor=make_organization(f"Investor {i}"),
        origin_country=make_country(),
        sector=make_sector(),
        park=make_park(),
        is_confidential=i % 2 == 0,
        **extra,
    )
    StageChange.objects.create(project=project, to_stage="lead", to_status="active", changed_by=owner)
    CapitalInflow.objects.create(project=project, received_on=date(2020, 1, 1), amount=10, currency="USD")
    return project


def _country(i, owner):
    country = make_country(_letters(i), f"Country {i}")
    country.groups.add(CountryGroup.objects.get_or_create(code="eu", defaults={"name": "EU"})[0])


def _park(i, owner):
    park = make_park(f"park-{i}", f"Park {i}")
    make_project(f"In park {i}", park=park)


def _event(i, owner):
    make_event(f"Event {i}", country=make_country()).organizers.add(make_organization(f"Organizer {i}"))


def _delegation(i, owner):
    delegation = make_delegation(f"Trip {i}", officer=owner, leader=make_contact())
    delegation.members.add(make_contact())
    delegation.organizations.add(make_organization(f"Visitor {i}"))
    delegation.countries.add(make_country())


def _meeting(i, owner):
    meeting = make_meeting(f"Meeting {i}", project=_project(i, owner), delegation=make_delegation(f"T {i}"))
    meeting.organizations.add(make_organization(f"Met {i}"))
    meeting.contacts.add(make_contact())
    meeting.officers.add(owner)


def _agreement(i, owner):
    agreement = make_agreement(
        f"Agreement {i}", parties=[(make_organization(f"Party {i}"), AgreementParty.Side.PARTNER)]
    )
    agreement.projects.add(_project(i, owner))


BUILDERS = {
    "countries": _country,
    "sectors": lambda i, owner: make_sector(f"sector-{i}", f"Sector {i}"),
    "organizations": lambda i, owner: make_organization(f"Org {i}", sector=make_sector(), parent=make_organization()),
    "contacts": lambda i, owner: make_contact(f"Person {i}"),
    "parks": _park,
    "projects": lambda i, owner: _project(i, owner, parent=make_project(f"Parent {i}", is_confidential=True)),
    "events": _event,
    "delegations": _delegation,
    "meetings": _meeting,
    "agreements": _agreement,
    "follow-ups": lambda i, owner: make_follow_up(owner, f"Follow-up {i}", project=_project(i, owner)),
}


def _queries(client, endpoint) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/{endpoint}/?page_size=100")
    assert response.status_code == 200
    return len(captured), response.json()["count"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_list_runs_as_many_queries_for_60_rows_as_for_2(api, owner, endpoint):
    assert set(BUILDERS) == set(ENDPOINTS)
    client = api(owner)
    for i in range(2):
        BUILDERS[endpoint](i, owner)
    client.get(f"/api/v1/{endpoint}/")  # the session and permissions, loaded once per client
    few, few_rows = _queries(client, endpoint)
    for i in range(2, 60):
        BUILDERS[endpoint](i, owner)

    many, many_rows = _queries(client, endpoint)

    assert many_rows > few_rows >= 2
    assert many == few
