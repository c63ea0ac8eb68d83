"""An officer makes an API token in the browser, a program uses it, and the officer revokes it."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.urls import include, path

from crm import roles
from tests.api_tokens.whoami import WhoAmI
from tests.browser.conftest import log_in
from tests.conftest import make_user

SHOTS = Path("/tmp/shots")
# The product's pages and, for the program's side, the small API view of the token tests.
urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view()), path("", include("crm.urls"))]


def call_api(url: str, secret: str) -> tuple[int, dict]:
    """A program's request: the token alone, no browser cookies."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {secret}"})
    try:
        # Straight to the test server, whatever proxy the environment names.
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=15) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


@pytest.mark.browser
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_officer_creates_uses_and_revokes_a_token(page, live_server):
    make_user("owner", roles.OFFICER, first_name="Na", last_name="Li")
    log_in(page, live_server, "owner")

    page.click(".user-menu .dropdown-toggle")
    page.locator(".user-menu .dropdown-menu").get_by_text("My API tokens").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/account/tokens/")
    assert page.locator(".api-token-none").is_visible()

    page.fill("input[name=name]", "Provincial reporting")
    page.fill("input[name=expires_in_days]", "90")
    page.click(".api-token-form [type=submit]")
    page.wait_for_load_state("networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "api_tokens_new.png"), full_page=True)
    secret = page.input_value("#api-token-secret")
    assert len(secret) >= 40
    row = page.locator(".api-token-list tbody tr", has_text="Provincial reporting")
    assert row.get_by_text("Working").is_visible()
    assert row.get_by_text(f"{secret[:8]}…").is_visible()

    api = f"{live_server.url}/api/v1/whoami/"
    assert call_api(api, secret) == (200, {"user": "owner", "projects": []})

    page.goto(f"{live_server.url}/account/tokens/")
    assert secret not in page.content()
    row = page.locator(".api-token-list tbody tr", has_text="Provincial reporting")
    assert row.locator("td").nth(3).inner_text() != "never"
    row.get_by_text("Revoke…").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Revoke the token").click()
    page.wait_for_load_state("networkidle")

    assert page.get_by_text("The token “Provincial reporting” is revoked").is_visible()
    row = page.locator(".api-token-list tbody tr", has_text="Provincial reporting")
    assert row.get_by_text("Revoked").is_visible()
    page.screenshot(path=str(SHOTS / "api_tokens_revoked.png"), full_page=True)
    status, body = call_api(api, secret)
    assert status == 401 and body["detail"].startswith("This API token was revoked on ")
