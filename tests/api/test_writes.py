"""Creating and changing records goes through the pages' forms and services: their rules, their messages."""

from decimal import Decimal

import pytest

from crm.models import Agreement, Event, FollowUp, Meeting
from partners.models import Contact, Organization
from projects.models import InvestmentProject
from tests.api.conftest import make_event
from tests.conftest import make_country, make_organization, make_project, make_rate

pytestmark = pytest.mark.django_db


def test_an_officer_creates_an_organization_recorded_as_theirs(api, owner):
    germany = make_country()

    response = api(owner).post(
        "/api/v1/organizations/", {"name": "  BASF   SE ", "country": germany.pk, "kind": "company"}, format="json"
    )

    assert response.status_code == 201, response.json()
    organization = Organization.objects.get(pk=response.json()["id"])
    assert (organization.name, organization.created_by) == ("BASF SE", owner)
    assert response.headers["ETag"] == '"1"'


def test_a_name_like_recorded_ones_needs_confirming_and_lists_them(api, owner):
    germany = make_country()
    siemens = make_organization("Siemens Healthineers", country=germany)
    body = {"name": "Siemens", "country": germany.pk}

    refused = api(owner).post("/api/v1/organizations/", body, format="json")
    confirmed = api(owner).post("/api/v1/organizations/", {**body, "confirm_similar": True}, format="json")

    assert refused.status_code == 400
    assert refused.json()["similar"] == [{"id": siemens.pk, "name": "Siemens Healthineers", "score": 100}]
    assert "name" in refused.json()["errors"]
    assert confirmed.status_code == 201


def test_a_name_already_recorded_is_refused(api, owner):
    make_organization("Siemens AG")

    response = api(owner).post(
        "/api/v1/organizations/", {"name": "siemens ag", "country": make_country().pk}, format="json"
    )

    assert response.status_code == 400
    assert "already recorded" in response.json()["errors"]["name"][0]
    assert Organization.objects.count() == 1


def test_a_user_without_a_role_may_not_create(api, no_role):
    response = api(no_role).post("/api/v1/organizations/", {"name": "X", "country": make_country().pk}, format="json")

    assert response.status_code == 403
    assert not Organization.objects.exists()


def test_a_contact_twice_at_one_organization_is_refused_by_the_form(api, owner):
    organization = make_organization()
    body = {"organization": organization.pk, "name": "Klaus Richter"}

    first = api(owner).post("/api/v1/contacts/", body, format="json")
    second = api(owner).post("/api/v1/contacts/", body, format="json")

    assert first.status_code == 201
    assert second.status_code == 400
    assert Contact.objects.count() == 1


def test_an_event_ending_before_it_starts_is_refused_on_the_field(api, owner):
    response = api(owner).post(
        "/api/v1/events/", {"name": "Expo", "start_date": "2020-05-02", "end_date": "2020-05-01"}, format="json"
    )

    assert response.status_code == 400
    assert "end_date" in response.json()["errors"]
    assert not Event.objects.exists()


def test_an_event_is_renamed_with_its_etag(api, owner):
    event = make_event()

    response = api(owner).patch(f"/api/v1/events/{event.pk}/", {"name": "Renamed"}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200
    event.refresh_from_db()
    assert event.name == "Renamed"


def test_a_meeting_is_created_with_its_people(api, owner):
    organization = make_organization()

    response = api(owner).post(
        "/api/v1/meetings/",
        {"title": "Tour", "date": "2020-05-02", "organizations": [organization.pk], "officers": [owner.pk]},
        format="json",
    )

    assert response.status_code == 201, response.json()
    meeting = Meeting.objects.get()
    assert (list(meeting.organizations.all()), list(meeting.officers.all()), meeting.created_by) == (
        [organization],
        [owner],
        owner,
    )


def test_an_agreement_amount_is_fixed_in_usd_by_the_service(api, owner):
    make_rate("EUR", "1.10")

    response = api(owner).post(
        "/api/v1/agreements/",
        {"title": "MOU", "kind": "mou", "signed_on": "2019-06-05", "amount": "1000000", "currency": "EUR"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["amount_usd"] == "1100000.00"
    assert Agreement.objects.get().amount_usd == Decimal("1100000.00")


def test_an_amount_without_currency_is_refused(api, owner):
    response = api(owner).post("/api/v1/agreements/", {"title": "MOU", "kind": "mou", "amount": "5"}, format="json")

    assert response.status_code == 400
    assert "currency" in response.json()["errors"]


def test_a_follow_up_status_moves_only_through_its_actions(api, owner):
    organization = make_organization()
    created = api(owner).post(
        "/api/v1/follow-ups/",
        {
            "title": "Call back",
            "owner": owner.pk,
            "due_on": "2030-01-01",
            "organization": organization.pk,
            "status": "done",
        },
        format="json",
    )

    assert created.status_code == 201, created.json()
    assert FollowUp.objects.get().status == "open"


def test_an_officer_opens_a_project_as_its_officer(api, owner):
    response = api(owner).post(
        "/api/v1/projects/",
        {"name": "Battery plant", "stage": "negotiating", "planned_amount": "3000000", "planned_currency": "USD"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    project = InvestmentProject.objects.get()
    assert (project.officer, project.created_by, project.stage) == (owner, owner, "negotiating")
    assert [change["to_stage"] for change in response.json()["stage_changes"]] == ["negotiating"]


def test_an_officer_may_not_hand_a_project_to_someone_else(api, owner, other_officer):
    response = api(owner).post("/api/v1/projects/", {"name": "P", "officer": other_officer.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["officer"] == ["You may not set this field."]
    assert not InvestmentProject.objects.exists()


def test_a_manager_may(api, manager, other_officer):
    response = api(manager).post("/api/v1/projects/", {"name": "P", "officer": other_officer.pk}, format="json")

    assert response.status_code == 201
    assert InvestmentProject.objects.get().officer == other_officer


def test_a_project_opens_at_contracted_only_by_moving(api, manager):
    response = api(manager).post("/api/v1/projects/", {"name": "P", "stage": "contracted"}, format="json")

    assert response.status_code == 400
    assert "stage" in response.json()["errors"]


def test_the_stage_is_not_changed_by_an_edit(api, owner):
    project = make_project("P", officer=owner)

    response = api(owner).patch(
        f"/api/v1/projects/{project.pk}/", {"stage": "intent"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 400
    project.refresh_from_db()
    assert project.stage == "lead"


def test_a_second_project_of_the_same_name_needs_confirming(api, owner):
    make_project("Battery plant", officer=owner)

    refused = api(owner).post("/api/v1/projects/", {"name": "battery plant"}, format="json")
    confirmed = api(owner).post(
        "/api/v1/projects/", {"name": "battery plant", "confirm_same_name": True}, format="json"
    )

    assert refused.status_code == 400
    assert "name" in refused.json()["errors"]
    assert confirmed.status_code == 201
