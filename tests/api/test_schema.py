"""The OpenAPI schema is valid and complete, and its documentation pages come from this site."""

import re
import warnings

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        generated = SchemaGenerator().get_schema(request=None, public=True)
    return generated


def test_the_schema_is_valid_openapi(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_every_endpoint_is_in_it(schema):
    paths = set(schema["paths"])

    for name in (
        "countries",
        "sectors",
        "organizations",
        "contacts",
        "parks",
        "projects",
        "events",
        "delegations",
        "meetings",
        "agreements",
        "follow-ups",
    ):
        assert f"/api/v1/{name}/" in paths
        assert f"/api/v1/{name}/{{id}}/" in paths
    for action in ("projects/{id}/move/", "projects/{id}/inflows/", "agreements/{id}/make-project/"):
        assert f"/api/v1/{action}" in paths
    assert "/api/v1/follow-ups/{id}/complete/" in paths
    assert "/api/v1/visits/" in paths


def test_every_field_is_described(schema):
    undescribed = [
        f"{name}.{field}"
        for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items()
        if not spec.get("description") and "$ref" not in spec and "allOf" not in spec and "oneOf" not in spec
    ]

    assert undescribed == []


def test_enums_carry_their_labels(schema):
    stage = schema["components"]["schemas"]["StageEnum"]

    assert stage["enum"][:2] == ["lead", "negotiating"]
    assert "`lead` - Lead" in stage["description"]


def test_changes_document_if_match_and_the_refusals(schema):
    patch = schema["paths"]["/api/v1/projects/{id}/"]["patch"]
    move = schema["paths"]["/api/v1/projects/{id}/move/"]["post"]

    assert any(p["name"] == "If-Match" and p["in"] == "header" and p["required"] for p in patch["parameters"])
    assert {"200", "400", "403", "404", "412", "428"} <= set(patch["responses"])
    assert {"200", "409", "412"} <= set(move["responses"])
    assert move["requestBody"]["content"]["application/json"]["examples"]


def test_the_schema_is_served_to_signed_in_users(api, owner):
    assert api().get("/api/schema/").status_code in (401, 403)
    response = api(owner).get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert "/api/v1/projects/" in response.json()["paths"]


@pytest.mark.parametrize("url", ["/api/docs/", "/api/docs/redoc/"])
def test_the_documentation_pages_load_nothing_from_elsewhere(api, owner, url):
    response = api(owner).get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar" in page
    assert not re.search(r"(src|href)=\"https?://", page)
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
