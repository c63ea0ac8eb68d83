"""No lost updates: changes carry the ETag they were read at; a missing one is 428, a stale one 412."""

import pytest

from tests.conftest import make_gated_project, make_organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(owner):
    return make_gated_project(owner, name="Smart factory")


def test_a_detail_carries_its_version_as_etag_and_answers_304_when_unchanged(api, owner, project):
    client = api(owner)

    shown = client.get(f"/api/v1/projects/{project.pk}/")
    again = client.get(f"/api/v1/projects/{project.pk}/", HTTP_IF_NONE_MATCH=shown.headers["ETag"])

    assert shown.headers["ETag"] == '"1"'
    assert again.status_code == 304


def test_a_change_without_if_match_is_428_and_changes_nothing(api, owner, project):
    response = api(owner).patch(f"/api/v1/projects/{project.pk}/", {"name": "Renamed"}, format="json")

    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    project.refresh_from_db()
    assert project.name == "Smart factory"


def test_a_change_with_the_current_etag_is_saved_and_answers_the_new_one(api, owner, project):
    response = api(owner).patch(
        f"/api/v1/projects/{project.pk}/", {"name": "Renamed"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"
    assert response.headers["ETag"] == '"2"'
    project.refresh_from_db()
    assert (project.name, project.version) == ("Renamed", 2)


def test_a_stale_etag_is_412_saying_who_changed_what_meanwhile(api, owner, manager, project):
    read = api(owner).get(f"/api/v1/projects/{project.pk}/").headers["ETag"]
    api(manager).patch(
        f"/api/v1/projects/{project.pk}/", {"description": "Second plant"}, format="json", HTTP_IF_MATCH=read
    )

    response = api(owner).patch(f"/api/v1/projects/{project.pk}/", {"name": "Mine"}, format="json", HTTP_IF_MATCH=read)

    assert response.status_code == 412
    body = response.json()
    assert body["code"] == "stale"
    assert "Wang Fang" in body["detail"]
    assert [change["field"] for change in body["changes"]] == ["description"]
    assert body["changes"][0]["new"] == "Second plant"
    assert body["current_version"] == 2
    project.refresh_from_db()
    assert project.name == "Smart factory"


def test_a_full_put_needs_if_match_too(api, owner, project):
    client = api(owner)
    body = client.get(f"/api/v1/projects/{project.pk}/").json()
    body["name"] = "Put name"

    without = client.put(f"/api/v1/projects/{project.pk}/", body, format="json")
    with_tag = client.put(f"/api/v1/projects/{project.pk}/", body, format="json", HTTP_IF_MATCH='"1"')

    assert without.status_code == 428
    assert with_tag.status_code == 200, with_tag.json()
    assert with_tag.json()["name"] == "Put name"


@pytest.mark.parametrize("header", ["1", '"abc"', "*", '"1", "2"'])
def test_a_malformed_if_match_is_400(api, owner, project, header):
    response = api(owner).patch(f"/api/v1/projects/{project.pk}/", {"name": "x"}, format="json", HTTP_IF_MATCH=header)

    assert response.status_code == 400
    assert response.json()["code"] == "bad_precondition"


def test_an_action_with_a_stale_etag_is_412(api, owner, manager, project):
    api(owner).patch(f"/api/v1/projects/{project.pk}/", {"description": "d"}, format="json", HTTP_IF_MATCH='"1"')

    response = api(manager).post(
        f"/api/v1/projects/{project.pk}/move/", {"stage": "contracted"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert response.status_code == 412
    project.refresh_from_db()
    assert project.stage == "intent"


def test_other_records_are_versioned_the_same_way(api, owner):
    organization = make_organization("Siemens AG")
    client = api(owner)

    missing = client.patch(f"/api/v1/organizations/{organization.pk}/", {"city": "Munich"}, format="json")
    saved = client.patch(
        f"/api/v1/organizations/{organization.pk}/", {"city": "Munich"}, format="json", HTTP_IF_MATCH='"1"'
    )
    stale = client.patch(
        f"/api/v1/organizations/{organization.pk}/", {"city": "Berlin"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert [missing.status_code, saved.status_code, stale.status_code] == [428, 200, 412]
    organization.refresh_from_db()
    assert organization.city == "Munich"
