"""The project and delegation pages show the first rows of each section, their totals and a "Show all" link
to the list filtered by the record; their queries do not grow with the rows (2 against 60)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from core.views import SECTION_ROWS
from crm.timeline import TIMELINE_ENTRIES
from tests.conftest import make_agreement, make_delegation, make_follow_up, make_meeting, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db


def add_records(owner, *, project=None, delegation=None, count: int, start: int = 0):
    for number in range(start, start + count):
        make_meeting(f"Talk {number:03}", project=project, delegation=delegation)
        agreement = make_agreement(f"MOU {number:03}", delegation=delegation)
        if project is not None:
            agreement.projects.add(project)
        make_follow_up(owner, f"Promise {number:03}", project=project, delegation=delegation)


def show_all_rows(client, response, name: str) -> int:
    """How many rows the list behind section ``name``'s "Show all" link gives."""
    url = response.context[name].url
    assert url
    listed = client.get(url)
    assert listed.status_code == 200, urlsplit(url).query
    return listed.context["result_count"]


def test_project_page_caps_its_sections_and_links_to_the_whole_lists(owner_client, owner):
    project = make_project("Busy plant", officer=owner)
    add_records(owner, project=project, count=SECTION_ROWS + 5)
    response = owner_client.get(reverse("projects:project_detail", args=[project.pk]))
    content = response.content.decode()
    for name in ("meetings", "agreements", "follow_ups"):
        section = response.context[name]
        assert (len(section.rows), section.total) == (SECTION_ROWS, SECTION_ROWS + 5), name
        assert show_all_rows(owner_client, response, name) == SECTION_ROWS + 5, name
    assert content.count(f"Show all {SECTION_ROWS + 5}") == 3
    assert len(response.context["timeline"]) <= TIMELINE_ENTRIES


def test_delegation_page_caps_its_sections_and_links_to_the_whole_lists(owner_client, owner):
    trip = make_delegation("Busy trip", officer=owner)
    add_records(owner, delegation=trip, count=SECTION_ROWS + 5)
    response = owner_client.get(reverse("crm:delegation_detail", args=[trip.pk]))
    for name in ("meetings", "agreements", "follow_ups"):
        section = response.context[name]
        assert (len(section.rows), section.total) == (SECTION_ROWS, SECTION_ROWS + 5), name
        assert show_all_rows(owner_client, response, name) == SECTION_ROWS + 5, name
    assert len(response.context["timeline"]) <= TIMELINE_ENTRIES


def test_project_page_queries_do_not_grow_with_its_records(owner_client, owner):
    project = make_project("Busy plant", officer=owner)
    url = reverse("projects:project_detail", args=[project.pk])
    add_records(owner, project=project, count=2)
    few = queries_for(owner_client, url, shows=["Talk 001", "MOU 001", "Promise 001"])
    add_records(owner, project=project, count=58, start=2)
    assert queries_for(owner_client, url, shows=["Talk 000", "Show all 60"]) == few


def test_delegation_page_queries_do_not_grow_with_its_records(owner_client, owner):
    trip = make_delegation("Busy trip", officer=owner)
    url = reverse("crm:delegation_detail", args=[trip.pk])
    add_records(owner, delegation=trip, count=2)
    few = queries_for(owner_client, url, shows=["Talk 001", "MOU 001", "Promise 001"])
    add_records(owner, delegation=trip, count=58, start=2)
    assert queries_for(owner_client, url, shows=["Talk 000", "Show all 60"]) == few


def test_the_filtered_lists_refuse_a_project_the_user_may_not_see(client, other_officer, owner):
    secret = make_project("Secret plant", officer=owner, is_confidential=True)
    make_meeting("Secret talk", project=secret)
    client.force_login(other_officer)
    response = client.get(reverse("crm:meeting_list"), {"project": secret.pk})
    assert "Secret talk" not in response.content.decode()
