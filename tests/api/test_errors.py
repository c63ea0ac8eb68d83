"""No input reaches a server error: every refusal is JSON in one format, in the language asked for."""

import pytest

from tests.conftest import make_gated_project, make_project

pytestmark = pytest.mark.django_db


def assert_error(response, status: int, code: str | None = None):
    assert response.status_code == status
    body = response.json()
    assert set(body) >= {"code", "detail", "errors"}
    assert body["detail"]
    if code:
        assert body["code"] == code
    return body


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        "[1, 2",
        '"just a string"',
        "[]",
        "null",
        '{"name": ["a", "list"]}',
        '{"name": {"a": "dict"}}',
        '{"name": "x", "investor": "abc"}',
        '{"name": "x", "investor": 99999999999999999999999}',
        '{"name": "x", "planned_jobs": -1}',
        '{"name": "x", "planned_jobs": 1e400}',
        '{"name": "x", "signed_on": "2020-13-45"}',
        '{"name": "x", "signed_on": "99999-01-01"}',
        '{"name": "x", "contracted_amount": "1e30", "currency": "USD"}',
        '{"name": "x", "stage": "operating"}',
        '{"name": "x", "direction": "sideways"}',
        '{"name": "\\u0000"}',
    ],
)
def test_malformed_or_mistyped_bodies_are_400(api, owner, payload):
    response = api(owner).post("/api/v1/projects/", payload, content_type="application/json")

    assert_error(response, 400)


def test_a_body_that_is_not_json_is_415(api, owner):
    response = api(owner).post("/api/v1/projects/", "name=x", content_type="application/x-www-form-urlencoded")

    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize("key", ["0", "99999", "99999999999999999999999", "abc", "-1", "1.5"])
def test_unknown_ids_are_404(api, owner, key):
    assert_error(api(owner).get(f"/api/v1/projects/{key}/"), 404, "not_found")
    assert_error(api(owner).post(f"/api/v1/projects/{key}/move/", {}, format="json"), 404, "not_found")


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "99999999999999999999999"])
def test_pages_past_the_end_or_not_numbers_are_404(api, owner, page):
    make_project()

    assert_error(api(owner).get(f"/api/v1/projects/?page={page}"), 404, "not_found")


def test_the_page_size_is_capped_at_100(api, owner):
    for _ in range(101):
        make_project()

    capped = api(owner).get("/api/v1/projects/?page_size=100000")
    nonsense = api(owner).get("/api/v1/projects/?page_size=abc")

    assert len(capped.json()["results"]) == 100
    assert len(nonsense.json()["results"]) == 50


@pytest.mark.parametrize(
    "query",
    [
        "investor=abc",
        "investor=99999999999999999999999",
        "stage=nowhere",
        "signed_year=abc",
        "signed_year=1e400",
        "signed_after=2020-99-99",
        "usd_min=-5",
        "o=nonsense",
        "unrecorded=name",
    ],
)
def test_bad_filter_values_are_400_naming_the_filter(api, owner, query):
    body = assert_error(api(owner).get(f"/api/v1/projects/?{query}"), 400, "invalid")

    assert query.split("=")[0] in body["errors"]


@pytest.mark.parametrize(
    "endpoint", ["organizations", "contacts", "events", "delegations", "meetings", "agreements", "follow-ups"]
)
def test_every_list_refuses_a_bad_filter_and_a_bad_order(api, owner, endpoint):
    assert_error(api(owner).get(f"/api/v1/{endpoint}/?o=nonsense"), 400, "invalid")
    assert api(owner).get(f"/api/v1/{endpoint}/?q=%00").status_code in (200, 400)


def test_errors_come_in_chinese_when_asked(api, owner):
    project = make_gated_project(owner)

    refused = api(owner, language="zh-hans").post(
        f"/api/v1/projects/{project.pk}/move/", {"stage": "contracted"}, format="json"
    )
    anonymous = api(language="zh-hans").get("/api/v1/projects/")
    missing = api(owner, language="zh-hans").get("/api/v1/projects/99999/")

    assert assert_error(refused, 403)["detail"] == "只有主管领导可以将项目推进至签约及以后阶段。"
    assert assert_error(anonymous, 401)["detail"] == "身份认证信息未提供。"
    assert assert_error(missing, 404)["detail"] != "Not found."


def test_the_gate_refusal_is_in_chinese_too(api, manager, owner):
    project = make_project("Bare", officer=owner, stage="intent")

    response = api(manager, language="zh-hans").post(
        f"/api/v1/projects/{project.pk}/move/", {"stage": "contracted"}, format="json"
    )

    body = assert_error(response, 409, "gate_not_met")
    assert all(not item.isascii() for item in body["missing"])


def test_dates_outside_the_accepted_years_are_400_everywhere(api, owner, manager):
    project = make_project("Lead", officer=owner)

    moved = api(owner).post(
        f"/api/v1/projects/{project.pk}/move/", {"stage": "negotiating", "occurred_on": "0001-01-01"}, format="json"
    )
    event = api(owner).post("/api/v1/events/", {"name": "Old fair", "start_date": "1066-10-14"}, format="json")

    assert "occurred_on" in assert_error(moved, 400)["errors"]
    assert "start_date" in assert_error(event, 400)["errors"]
    project.refresh_from_db()
    assert project.stage == "lead"
