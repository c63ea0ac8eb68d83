"""An officer reads nothing of another officer's confidential project, through any endpoint, filter or link."""

import json

import pytest

from crm.models import AgreementParty
from projects.models import Stage
from projects.services import move_project, record_capital_inflow
from tests.conftest import (
    make_agreement,
    make_follow_up,
    make_gated_project,
    make_meeting,
    make_organization,
    make_park,
    make_project,
)

pytestmark = pytest.mark.django_db

SECRET = "Secret hydrogen deal"


@pytest.fixture
def secret(owner, manager):
    investor = make_organization("Hidden Investor GmbH")
    project = make_gated_project(owner, name=SECRET, is_confidential=True, investor=investor, description="codeword")
    move_project(project, user=manager, stage=Stage.CONTRACTED, note="Signed")
    record_capital_inflow(project, user=owner, amount=1000, currency="USD", received_on=project.created_at.date())
    return project


@pytest.fixture
def links(secret):
    """Records that point to the confidential project."""
    phase = make_project("Visible second phase", parent=secret)
    meeting = make_meeting("Tour", project=secret)
    follow_up = make_follow_up(secret.officer, project=secret)
    agreement = make_agreement("MOU", parties=[(secret.investor, AgreementParty.Side.PARTNER)])
    agreement.projects.add(secret)
    return {"phase": phase, "meeting": meeting, "follow_up": follow_up, "agreement": agreement}


def test_the_project_is_neither_listed_nor_shown_nor_acted_on(api, other_officer, secret):
    client = api(other_officer)

    listed = client.get("/api/v1/projects/")
    shown = client.get(f"/api/v1/projects/{secret.pk}/")
    moved = client.post(f"/api/v1/projects/{secret.pk}/move/", {"stage": "registered"}, format="json")
    inflow = client.post(
        f"/api/v1/projects/{secret.pk}/inflows/",
        {"amount": "5", "currency": "USD", "received_on": "2020-01-01"},
        format="json",
    )
    changed = client.patch(f"/api/v1/projects/{secret.pk}/", {"name": "x"}, format="json", HTTP_IF_MATCH='"1"')

    assert listed.status_code == 200
    assert listed.json()["count"] == 0
    assert [shown.status_code, moved.status_code, inflow.status_code, changed.status_code] == [404, 404, 404, 404]
    assert SECRET not in json.dumps([listed.json(), shown.json(), moved.json(), inflow.json()])


@pytest.mark.parametrize(
    "query",
    [
        "q=hydrogen",
        "q=codeword",
        "stage=contracted",
        "reached=contracted",
        "o=officer",
        "gaps=false",
        "phase=false",
        "usd_min=1",
        "changed_since=2000-01-01",
    ],
)
def test_no_filter_or_search_reveals_it(api, other_officer, secret, query):
    response = api(other_officer).get(f"/api/v1/projects/?{query}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_filtering_by_its_investor_or_officer_shows_nothing_of_it(api, other_officer, owner, secret):
    client = api(other_officer)

    by_investor = client.get(f"/api/v1/projects/?investor={secret.investor_id}")
    by_officer = client.get(f"/api/v1/projects/?officer={owner.pk}")

    assert by_investor.json()["count"] == 0
    assert by_officer.json()["count"] == 0


def test_links_to_it_read_null_or_are_left_out(api, other_officer, secret, links):
    client = api(other_officer)

    phase = client.get(f"/api/v1/projects/{links['phase'].pk}/").json()
    meeting = client.get(f"/api/v1/meetings/{links['meeting'].pk}/").json()
    follow_up = client.get(f"/api/v1/follow-ups/{links['follow_up'].pk}/").json()
    agreement = client.get(f"/api/v1/agreements/{links['agreement'].pk}/").json()
    lists = [client.get(f"/api/v1/{name}/").json() for name in ("meetings", "follow-ups", "agreements", "projects")]

    assert phase["parent"] is None
    assert meeting["project"] is None
    assert follow_up["project"] is None
    assert agreement["projects"] == []
    assert secret.pk not in [row.get("project") for page in lists[:2] for row in page["results"]]
    assert all(secret.pk not in row["projects"] for row in lists[2]["results"])


def test_the_park_count_leaves_it_out(api, other_officer, manager):
    park = make_park()
    make_gated_project(manager, park=park, is_confidential=True)

    shown = api(other_officer).get(f"/api/v1/parks/{park.pk}/").json()
    seen_by_manager = api(manager).get(f"/api/v1/parks/{park.pk}/").json()

    assert shown["project_count"] == 0
    assert seen_by_manager["project_count"] == 1


def test_a_hidden_project_cannot_be_linked_and_is_refused_as_if_absent(api, other_officer, secret):
    client = api(other_officer)
    missing = secret.pk + 1000

    hidden = client.post("/api/v1/meetings/", {"title": "T", "date": "2019-06-01", "project": secret.pk}, format="json")
    absent = client.post("/api/v1/meetings/", {"title": "T", "date": "2019-06-01", "project": missing}, format="json")

    assert hidden.status_code == 400
    assert hidden.json()["errors"]["project"] == [
        m.replace(str(missing), str(secret.pk)) for m in absent.json()["errors"]["project"]
    ]


def test_its_officer_and_a_manager_see_it_with_its_moves_and_inflows(api, owner, manager, secret, links):
    for user in (owner, manager):
        client = api(user)
        shown = client.get(f"/api/v1/projects/{secret.pk}/").json()
        meeting = client.get(f"/api/v1/meetings/{links['meeting'].pk}/").json()

        assert shown["name"] == SECRET
        assert [change["to_stage"] for change in shown["stage_changes"]] == ["contracted"]
        assert [inflow["amount"] for inflow in shown["capital_inflows"]] == ["1000.00"]
        assert meeting["project"] == secret.pk
