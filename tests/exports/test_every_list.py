"""Every list page exports exactly the rows its filters, search and sort select, to whoever may see them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.models import Event
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
)
from tests.exports.conftest import export_csv, export_xlsx

pytestmark = pytest.mark.django_db


def _projects(owner, count, start=0):
    for number in range(start, start + count):
        make_project(f"Project {number:03}", officer=owner, origin_country=make_country())


def _parks(owner, count, start=0):
    for number in range(start, start + count):
        make_park(code=f"park-{number:03}", name=f"Park {number:03}")


def _events(owner, count, start=0):
    for number in range(start, start + count):
        Event.objects.create(name=f"Event {number:03}", start_date=date(2019, 6, 5), country=make_country())


def _delegations(owner, count, start=0):
    for number in range(start, start + count):
        make_delegation(f"Delegation {number:03}", officer=owner).countries.add(make_country())


def _meetings(owner, count, start=0):
    for number in range(start, start + count):
        make_meeting(f"Meeting {number:03}").organizations.add(make_organization())


def _agreements(owner, count, start=0):
    for number in range(start, start + count):
        make_agreement(f"Agreement {number:03}", parties=[(make_organization(), "foreign")])


def _follow_ups(owner, count, start=0):
    for number in range(start, start + count):
        make_follow_up(owner, f"Follow-up {number:03}")


def _organizations(owner, count, start=0):
    for number in range(start, start + count):
        make_organization(f"Organization {number:03}")


def _contacts(owner, count, start=0):
    for number in range(start, start + count):
        make_contact(f"Person {number:03}")


def _countries(owner, count, start=0):
    for number in range(start, start + count):
        make_country(code=chr(80 + number // 26) + chr(65 + number % 26), name=f"Country {number:03}")


# url name, how to make rows, the exported column naming a row, the object's attribute shown in it
LISTS = [
    ("projects:project_list", _projects, "Name", "name"),
    ("projects:park_list", _parks, "Name", "name"),
    ("crm:event_list", _events, "Name", "name"),
    ("crm:delegation_list", _delegations, "Title", "title"),
    ("crm:meeting_list", _meetings, "Title", "title"),
    ("crm:agreement_list", _agreements, "Title", "title"),
    ("crm:followup_list", _follow_ups, "Title", "title"),
    ("partners:organization_list", _organizations, "Name", "name"),
    ("partners:contact_list", _contacts, "Name", "name"),
    ("partners:country_list", _countries, "Name", "name"),
]
IDS = [name for name, *_rest in LISTS]


def page_names(client, url, attribute, params=None):
    response = client.get(url, {**(params or {}), "per_page": 100})
    assert response.status_code == 200
    return [str(getattr(obj, attribute)) for obj in response.context["object_list"]], response.context["result_count"]


@pytest.mark.parametrize(("url_name", "make", "column", "attribute"), LISTS, ids=IDS)
@pytest.mark.parametrize("persona", ["owner", "other_officer", "manager"])
def test_export_gives_the_pages_rows_in_order(request, as_user, persona, url_name, make, column, attribute):
    owner = request.getfixturevalue("owner")
    client = as_user(request.getfixturevalue(persona))
    make(owner, 3)
    url = reverse(url_name)
    shown, count = page_names(client, url, attribute)
    assert count >= 3
    rows = export_csv(client, url)
    index = rows[0].index(column)
    assert [row[index] for row in rows[1:]] == shown
    sheet = export_xlsx(client, url)
    index = sheet[0].index(column)
    assert [str(row[index]) for row in sheet[1:]] == shown


@pytest.mark.parametrize(("url_name", "make", "column", "attribute"), LISTS, ids=IDS)
def test_export_follows_search_and_sort_and_carries_every_page(
    as_user, manager, owner, url_name, make, column, attribute
):
    client = as_user(manager)
    make(owner, 30)
    url = reverse(url_name)
    # Every row, not the 25 of the first page.
    rows = export_csv(client, url, {"per_page": 25, "page": 1})
    assert len(rows) - 1 == client.get(url).context["result_count"] >= 30
    # Search narrows the file as it narrows the page.
    searched, count = page_names(client, url, attribute, {"q": "007"})
    assert count == 1
    rows = export_csv(client, url, {"q": "007"})
    index = rows[0].index(column)
    assert [row[index] for row in rows[1:]] == searched


@pytest.mark.parametrize(("url_name", "make", "column", "attribute"), LISTS, ids=IDS)
def test_query_count_of_an_export_does_not_grow_with_rows(as_user, manager, owner, url_name, make, column, attribute):
    client = as_user(manager)
    url = reverse(url_name)

    def counted(file_format):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"format": file_format})
            body = b"".join(response.streaming_content)
        assert body
        return len(captured)

    make(owner, 2)
    few = {file_format: counted(file_format) for file_format in ("csv", "xlsx")}
    assert len(export_csv(client, url)) - 1 >= 2
    make(owner, 40, start=2)
    assert len(export_csv(client, url)) - 1 >= 42
    assert {file_format: counted(file_format) for file_format in ("csv", "xlsx")} == few


def test_export_of_a_sorted_project_list_keeps_the_sort(as_user, manager, owner):
    client = as_user(manager)
    for name in ("Beta", "Alpha", "Gamma"):
        make_project(name, officer=owner)
    url = reverse("projects:project_list")
    rows = export_csv(client, url, {"o": "-name"})
    assert [row[rows[0].index("Name")] for row in rows[1:]] == ["Gamma", "Beta", "Alpha"]


def test_a_list_page_offers_both_exports_with_its_filters(as_user, owner):
    response = as_user(owner).get(reverse("projects:project_list"), {"q": "port", "page": 2})
    content = response.content.decode()
    assert "?q=port&amp;format=xlsx" in content
    assert "?q=port&amp;format=csv" in content


def test_a_malformed_filter_shows_the_page_and_its_error_not_a_file(as_user, owner):
    response = as_user(owner).get(reverse("projects:project_list"), {"format": "csv", "signed_after": "not a date"})
    assert response.status_code == 200
    assert not response.streaming
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_format_shows_the_page(as_user, owner):
    response = as_user(owner).get(reverse("projects:project_list"), {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_a_visitor_signed_out_gets_no_file(client):
    response = client.get(reverse("projects:project_list"), {"format": "csv"})
    assert response.status_code == 302
