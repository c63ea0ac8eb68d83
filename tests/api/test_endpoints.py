"""Every endpoint answers the people who may read it and refuses the others."""

import pytest

from crm.api.urls import router
from tests.api.conftest import ENDPOINTS, OWNED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_officer_lists_and_reads_each_kind_of_record(api, owner, records, endpoint):
    record = records[endpoint]
    client = api(owner)

    listed = client.get(f"/api/v1/{endpoint}/")
    shown = client.get(f"/api/v1/{endpoint}/{record.pk}/")

    assert listed.status_code == 200
    assert record.pk in [row["id"] for row in listed.json()["results"]]
    assert shown.status_code == 200
    assert shown.json()["id"] == record.pk
    assert shown.headers["ETag"] == f'"{record.version}"'


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_visitors_are_refused_in_the_error_format(api, records, endpoint):
    for url in (f"/api/v1/{endpoint}/", f"/api/v1/{endpoint}/{records[endpoint].pk}/"):
        response = api().get(url)

        assert response.status_code in (401, 403)
        assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_user_without_a_role_is_refused(api, no_role, records, endpoint):
    response = api(no_role).get(f"/api/v1/{endpoint}/")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("endpoint", OWNED)
def test_another_officer_reads_but_may_not_change_an_owned_record(api, other_officer, records, endpoint):
    record = records[endpoint]
    client = api(other_officer)
    before = client.get(f"/api/v1/{endpoint}/{record.pk}/")

    response = client.patch(
        f"/api/v1/{endpoint}/{record.pk}/",
        {"description": "Mine now"},
        format="json",
        HTTP_IF_MATCH=f'"{record.version}"',
    )

    assert before.status_code == 200
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    record.refresh_from_db()
    assert record.version == before.json()["version"]


@pytest.mark.parametrize("endpoint", ["countries", "sectors", "parks"])
def test_reference_data_is_read_only(api, manager, records, endpoint):
    record = records[endpoint]

    created = api(manager).post(f"/api/v1/{endpoint}/", {"name": "New"}, format="json")
    changed = api(manager).patch(f"/api/v1/{endpoint}/{record.pk}/", {"name": "New"}, format="json")

    assert created.status_code == 405
    assert changed.status_code == 405
    assert not type(record).objects.filter(name="New").exists()


def test_nothing_is_deleted_over_the_api(api, manager, records):
    project = records["projects"]

    response = api(manager).delete(f"/api/v1/projects/{project.pk}/")

    assert response.status_code == 405
    assert type(project).objects.filter(pk=project.pk).exists()


def test_every_routed_endpoint_is_tested_here():
    # /visits/ only creates: tests/api/test_actions.py.
    assert {prefix for prefix, *_ in router.registry} == {*ENDPOINTS, "visits"}
