"""A record page's timeline says it shows only the newest entries when, and only when, older ones were left out."""

import pytest
from django.urls import reverse

from crm.timeline import TIMELINE_ENTRIES
from tests.conftest import make_delegation, make_meeting, make_organization, make_project

pytestmark = pytest.mark.django_db
NOTE = f"The newest {TIMELINE_ENTRIES} entries."


def timeline_of(client, url: str) -> tuple[int, bool]:
    """How many timeline entries the page shows, and whether it says the timeline was cut."""
    response = client.get(url)
    assert response.status_code == 200
    return len(response.context["timeline"]), NOTE in response.content.decode()


def test_project_timeline_says_newest_only_once_it_is_cut(owner_client, owner):
    project = make_project("Quiet plant", officer=owner)
    url = reverse("projects:project_detail", args=[project.pk])
    shown, _noted = timeline_of(owner_client, url)
    for number in range(TIMELINE_ENTRIES - shown - 1):
        make_meeting(f"Talk {number}", project=project)
    assert timeline_of(owner_client, url) == (TIMELINE_ENTRIES - 1, False)
    make_meeting("The twenty-fifth", project=project)
    assert timeline_of(owner_client, url) == (TIMELINE_ENTRIES, False)
    make_meeting("One too many", project=project)
    assert timeline_of(owner_client, url) == (TIMELINE_ENTRIES, True)


def test_delegation_timeline_says_newest_only_once_it_is_cut(owner_client, owner):
    trip = make_delegation("Short trip", officer=owner)
    url = reverse("crm:delegation_detail", args=[trip.pk])
    make_meeting("Only talk", delegation=trip)
    assert timeline_of(owner_client, url) == (1, False)
    for number in range(TIMELINE_ENTRIES):
        make_meeting(f"Talk {number}", delegation=trip)
    assert timeline_of(owner_client, url) == (TIMELINE_ENTRIES, True)


def test_organization_timeline_says_newest_only_once_it_is_cut(owner_client):
    organization = make_organization("Small firm")
    url = organization.get_absolute_url()
    make_meeting("Only talk").organizations.add(organization)
    assert timeline_of(owner_client, url) == (1, False)
    for number in range(TIMELINE_ENTRIES):
        make_meeting(f"Talk {number}").organizations.add(organization)
    assert timeline_of(owner_client, url) == (TIMELINE_ENTRIES, True)
