"""The actions: moving a project, recording an inflow, moving a follow-up, a project from an agreement, a visit."""

import pytest

from crm.models import Agreement, AgreementParty, Delegation, FollowUp, Meeting
from projects.models import InvestmentProject
from tests.conftest import (
    make_agreement,
    make_country,
    make_follow_up,
    make_gated_project,
    make_organization,
    make_project,
)

pytestmark = pytest.mark.django_db


def test_a_manager_moves_a_project_to_contracted(api, manager, owner):
    project = make_gated_project(owner)

    response = api(manager).post(
        f"/api/v1/projects/{project.pk}/move/",
        {"stage": "contracted", "occurred_on": "2020-01-15", "note": "Signed"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 200, response.json()
    assert response.json()["stage"] == "contracted"
    assert response.json()["stage_changes"][-1]["to_stage"] == "contracted"
    assert response.headers["ETag"] == '"2"'


def test_a_move_refused_by_the_gate_is_409_with_the_missing_items(api, manager, owner):
    project = make_project("Bare lead", officer=owner, stage="intent")

    response = api(manager).post(f"/api/v1/projects/{project.pk}/move/", {"stage": "contracted"}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "gate_not_met"
    assert "Record the investor." in body["missing"]
    assert "Record the park or zone." in body["missing"]
    project.refresh_from_db()
    assert (project.stage, project.stage_changes.count()) == ("intent", 0)


def test_an_officer_may_not_move_to_contracted(api, owner):
    project = make_gated_project(owner)

    response = api(owner).post(f"/api/v1/projects/{project.pk}/move/", {"stage": "contracted"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "Only a manager may move a project to contracted or beyond."


def test_another_officer_may_not_move_an_officers_project(api, other_officer, owner):
    project = make_project("Lead", officer=owner)

    response = api(other_officer).post(f"/api/v1/projects/{project.pk}/move/", {"stage": "negotiating"}, format="json")

    assert response.status_code == 403
    project.refresh_from_db()
    assert project.stage == "lead"


def test_the_officer_records_an_inflow(api, owner, other_officer):
    project = make_gated_project(owner)
    inflow = {"amount": "2000000.00", "currency": "USD", "received_on": "2020-03-01"}

    refused = api(other_officer).post(f"/api/v1/projects/{project.pk}/inflows/", inflow, format="json")
    response = api(owner).post(f"/api/v1/projects/{project.pk}/inflows/", inflow, format="json")

    assert refused.status_code == 403
    assert response.status_code == 201
    assert [row["amount"] for row in response.json()["capital_inflows"]] == ["2000000.00"]
    assert project.capital_inflows.count() == 1


def test_a_negative_inflow_is_400_naming_the_field(api, owner):
    project = make_gated_project(owner)

    response = api(owner).post(
        f"/api/v1/projects/{project.pk}/inflows/",
        {"amount": "-5", "currency": "USD", "received_on": "2020-03-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "amount" in response.json()["errors"]


@pytest.mark.parametrize(
    ("action", "body", "start", "end"),
    [
        ("complete", {"note": "Sent"}, FollowUp.Status.OPEN, FollowUp.Status.DONE),
        ("cancel", {"reason": "No longer needed"}, FollowUp.Status.OPEN, FollowUp.Status.CANCELLED),
        ("reopen", {}, FollowUp.Status.CANCELLED, FollowUp.Status.OPEN),
    ],
)
def test_the_owner_moves_a_follow_up_and_another_officer_may_not(api, owner, other_officer, action, body, start, end):
    follow_up = make_follow_up(owner, status=start)

    refused = api(other_officer).post(f"/api/v1/follow-ups/{follow_up.pk}/{action}/", body, format="json")
    response = api(owner).post(f"/api/v1/follow-ups/{follow_up.pk}/{action}/", body, format="json")

    assert refused.status_code == 403
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == end
    follow_up.refresh_from_db()
    assert follow_up.status == end


def test_a_cancel_without_a_reason_is_400(api, owner):
    follow_up = make_follow_up(owner)

    response = api(owner).post(f"/api/v1/follow-ups/{follow_up.pk}/cancel/", {}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_completing_a_done_follow_up_is_400(api, owner):
    follow_up = make_follow_up(owner, status=FollowUp.Status.DONE, completed_at="2020-01-01T00:00Z")

    response = api(owner).post(f"/api/v1/follow-ups/{follow_up.pk}/complete/", {}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "This follow-up is already done."


def test_a_project_is_made_from_an_agreement(api, owner):
    investor = make_organization("Siemens AG")
    agreement = make_agreement("MOU on a plant", parties=[(investor, AgreementParty.Side.PARTNER)])

    response = api(owner).post(f"/api/v1/agreements/{agreement.pk}/make-project/", {"name": "Plant"}, format="json")

    assert response.status_code == 201, response.json()
    project = InvestmentProject.objects.get(name="Plant")
    assert response.json()["id"] == project.pk
    assert (project.investor, project.stage, list(project.agreements.all())) == (investor, "intent", [agreement])


def test_a_binding_agreement_needs_a_manager_and_its_gate(api, owner, manager):
    agreement = make_agreement("Contract", kind=Agreement.Kind.INVESTMENT_CONTRACT, is_binding=True)

    by_officer = api(owner).post(f"/api/v1/agreements/{agreement.pk}/make-project/", {"name": "P"}, format="json")
    by_manager = api(manager).post(f"/api/v1/agreements/{agreement.pk}/make-project/", {"name": "P"}, format="json")

    assert by_officer.status_code == 403
    assert by_manager.status_code == 409
    assert "Record the investor." in by_manager.json()["missing"]
    assert not InvestmentProject.objects.exists()


def visit(country, organization, owner):
    return {
        "delegation": {
            "title": "Munich chemical cluster visit",
            "direction": "outbound",
            "status": "returned",
            "start_date": "2019-06-02",
            "end_date": "2019-06-05",
            "countries": [country.pk],
        },
        "meetings": [{"title": "Smart-manufacturing centre", "date": "2019-06-03", "organizations": [organization.pk]}],
        "agreements": [
            {"kind": "mou", "title": "MOU on training", "signed_on": "2019-06-03", "partner_parties": [organization.pk]}
        ],
        "follow_ups": [{"title": "Send the brochure", "owner": owner.pk, "due_on": "2030-06-20"}],
    }


def test_a_visit_is_logged_in_one_request(api, owner):
    germany = make_country()
    siemens = make_organization("Siemens AG", country=germany)

    response = api(owner).post("/api/v1/visits/", visit(germany, siemens, owner), format="json")

    assert response.status_code == 201, response.json()
    delegation = Delegation.objects.get()
    assert response.json()["id"] == delegation.pk
    assert (delegation.officer, delegation.meetings.count(), delegation.agreements.count()) == (owner, 1, 1)
    assert FollowUp.objects.get().delegation == delegation


def test_one_bad_part_of_a_visit_saves_nothing_and_says_which(api, owner):
    germany = make_country()
    body = visit(germany, make_organization(country=germany), owner)
    body["agreements"][0]["amount"] = "5"

    response = api(owner).post("/api/v1/visits/", body, format="json")

    assert response.status_code == 400
    assert "agreements-0" in response.json()["errors"]
    assert not Delegation.objects.exists() and not Meeting.objects.exists()


def test_a_user_without_a_role_may_not_log_a_visit(api, no_role):
    germany = make_country()

    response = api(no_role).post("/api/v1/visits/", visit(germany, make_organization(), no_role), format="json")

    assert response.status_code == 403
    assert not Delegation.objects.exists()
