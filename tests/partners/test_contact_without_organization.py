"""A person the text ties to no body: a contact of no organization, shown, chosen, filtered, exported and imported."""

from datetime import date

import pytest
from django.urls import reverse

from crm.imports.people import ContactImporter
from crm.imports.plan import build_plan
from partners.models import Contact
from tests.conftest import make_delegation, make_meeting, make_organization
from tests.imports.conftest import csv_bytes
from tests.partners.helpers import add_contact, queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("partners:contact_list")
CREATE = reverse("partners:contact_create")


@pytest.fixture
def expert():
    return Contact.objects.create(
        name="Piero Scaruffi",
        title="Expert on artificial intelligence and cognitive science",
        notes="The brochure ties him to no body (L656).",
    )


def test_model_label_and_natural_key(expert):
    assert str(expert) == "Piero Scaruffi, Expert on artificial intelligence and cognitive science"
    assert expert.with_organization() == "Piero Scaruffi · no organization"
    assert expert.natural_key() == (None, "Piero Scaruffi")
    assert Contact.objects.get_by_natural_key(None, "Piero Scaruffi") == expert


def test_one_name_once_among_people_of_no_organization(client, owner, expert):
    client.force_login(owner)
    response = client.post(CREATE, {"organization": "", "name": "piero scaruffi"})
    assert response.status_code == 200
    assert "A contact of no organization already has this name" in response.content.decode()
    assert Contact.objects.filter(name__iexact="piero scaruffi").count() == 1


def test_form_creates_a_contact_with_the_organization_left_empty(client, owner):
    client.force_login(owner)
    form = client.get(CREATE).content.decode()
    assert "Organization (may be left empty)" in form and "No organization" in form
    response = client.post(CREATE, {"organization": "", "name": "Harvey Pitt", "title": "Former SEC chair"})
    assert response.status_code == 302
    pitt = Contact.objects.get(name="Harvey Pitt")
    assert pitt.organization is None and pitt.created_by == owner


def test_list_shows_no_organization_filters_and_exports(client, owner, expert):
    add_contact(make_organization("Busan Port Authority"), "Kim Min-jun")
    client.force_login(owner)
    content = client.get(LIST).content.decode()
    assert "Piero Scaruffi" in content and "No organization" in content
    only = client.get(f"{LIST}?no_organization=true")
    assert [c.name for c in only.context["object_list"]] == ["Piero Scaruffi"]
    others = client.get(f"{LIST}?no_organization=false")
    assert [c.name for c in others.context["object_list"]] == ["Kim Min-jun"]
    export = client.get(f"{LIST}?format=csv")
    assert export.status_code == 200
    exported = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig")
    assert "Piero Scaruffi" in exported


def test_list_query_count_the_same_with_people_of_no_organization(client, owner):
    add_contact(make_organization("Busan Port Authority"), "Person 00")
    client.force_login(owner)
    few = queries_for(client, LIST, shows=["Person 00"])
    for number in range(1, 20):
        Contact.objects.create(name=f"Person {number:02d}")
    assert queries_for(client, f"{LIST}?per_page=100", shows=["Person 00", "Person 19"]) == few


def test_detail_page_works_for_every_officer_and_says_no_organization(client, other_officer, expert):
    meeting = make_meeting("Expert discussions", date=date(2019, 5, 10))
    meeting.contacts.add(expert)
    make_delegation("Visit of the expert", leader=expert)
    client.force_login(other_officer)
    response = client.get(expert.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "No organization" in content and "The brochure ties him to no body (L656)." in content
    assert "Expert discussions" in content
    meeting_page = client.get(meeting.get_absolute_url())
    assert meeting_page.status_code == 200 and "Piero Scaruffi" in meeting_page.content.decode()
    assert client.get(reverse("crm:delegation_list")).status_code == 200


def test_detail_page_refuses_a_user_without_a_role(client, no_role, expert):
    client.force_login(no_role)
    assert client.get(expert.get_absolute_url()).status_code == 403


def test_lookup_names_them_with_no_organization(client, owner, expert):
    client.force_login(owner)
    response = client.get(reverse("lookup", args=["contact"]), {"q": "scaruffi"})
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Piero Scaruffi · no organization"]


def test_search_finds_them(client, owner, expert):
    client.force_login(owner)
    response = client.get(reverse("search"), {"q": "scaruffi"})
    assert response.status_code == 200
    assert "Piero Scaruffi" in response.content.decode()


def test_api_reads_and_writes_a_contact_of_no_organization(client, owner, expert):
    client.force_login(owner)
    listed = client.get("/api/v1/contacts/")
    assert listed.status_code == 200
    row = next(row for row in listed.json()["results"] if row["name"] == "Piero Scaruffi")
    assert row["organization"] is None
    created = client.post(
        "/api/v1/contacts/", {"name": "Miao Gang", "title": "Photographer"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert Contact.objects.get(name="Miao Gang").organization is None


def test_admin_lists_and_filters_them(client, admin_user, expert):
    client.force_login(admin_user)
    response = client.get(reverse("admin:partners_contact_changelist"), {"organization__isempty": "1"})
    assert response.status_code == 200
    assert "Piero Scaruffi" in response.content.decode()


def test_import_records_a_person_with_the_organization_left_empty_and_matches_them_again(manager, expert):
    content = csv_bytes(
        [
            ["organization", "name", "title"],
            ["", "Piero Scaruffi", "Expert on artificial intelligence and cognitive science"],
            ["", "Wang Hua", "Photographer"],
        ]
    )
    plan = build_plan(ContactImporter(manager), content, "cards.csv")
    assert [(row.action, row.matched) for row in plan.rows] == [("unchanged", expert), ("create", None)]
    assert "No organization: the person is recorded without one." in plan.rows[1].notes
