"""Clients for the API as each persona, and one record of every kind the endpoints serve."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from crm.models import AgreementParty, Event
from tests.conftest import (
    make_agreement,
    make_contact,
    make_delegation,
    make_follow_up,
    make_gated_project,
    make_meeting,
    make_organization,
    make_park,
    make_sector,
)


@pytest.fixture
def api():
    """``api(user)``: a client signed in as ``user`` (anonymous with ``None``)."""

    def client_for(user=None, language=None):
        client = APIClient()
        if language:
            client.credentials(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            client.force_login(user)
        return client

    return client_for


def make_event(name="Qingdao Week in Munich", **extra) -> Event:
    extra.setdefault("start_date", date(2019, 6, 1))
    return Event.objects.create(name=name, **extra)


@pytest.fixture
def records(owner):
    """One record of each kind, owned (where records have owners) by ``owner``."""
    organization = make_organization("Siemens AG")
    project = make_gated_project(owner, name="Smart factory")
    delegation = make_delegation("Munich trip", officer=owner)
    meeting = make_meeting("Factory tour", delegation=delegation, project=project)
    meeting.officers.add(owner)
    agreement = make_agreement(
        "Training MOU", delegation=delegation, parties=[(organization, AgreementParty.Side.PARTNER)]
    )
    return {
        "countries": organization.country,
        "sectors": make_sector(),
        "organizations": organization,
        "contacts": make_contact("Klaus Richter", organization=organization),
        "parks": make_park(),
        "projects": project,
        "events": make_event(),
        "delegations": delegation,
        "meetings": meeting,
        "agreements": agreement,
        "follow-ups": make_follow_up(owner, project=project),
    }


ENDPOINTS = [
    "countries",
    "sectors",
    "organizations",
    "contacts",
    "parks",
    "projects",
    "events",
    "delegations",
    "meetings",
    "agreements",
    "follow-ups",
]
# Records an officer changes only when they own them (core.access.can_change).
OWNED = ["projects", "delegations", "meetings", "agreements", "follow-ups"]
