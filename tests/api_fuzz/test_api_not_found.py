"""An address under /api/ that no route matches answers in the API's error format, not with the 404 page."""

import pytest
from django.test import override_settings


@pytest.mark.parametrize("path", ["/api/v1/agreements/5.9e-08/", "/api/v1/nothing-here/", "/api/unknown"])
def test_an_unknown_api_address_is_json(client, owner, path):
    client.force_login(owner)
    with override_settings(DEBUG=False):
        response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found" and response.json()["detail"]


def test_a_page_address_keeps_its_page(client, owner):
    client.force_login(owner)
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_no_endpoint_is_a_json_404_not_a_csrf_page(method, owner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = getattr(client, method)("/api/v1/agreements/4.7e-238/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
