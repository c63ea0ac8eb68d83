"""The API knows a caller by their personal token: valid, revoked, expired, disabled, and officers' rights.

The tests call ``tests.api_tokens.whoami``, mounted by this module's own URLconf (``pytestmark``).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from core.api_tokens import issue_api_token, key_digest, revoke_api_tokens
from core.models import ApiToken
from tests.api_tokens.whoami import WhoAmI
from tests.conftest import make_project

# The test view, then the product's own pages (to show that a token opens none of them).
urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view()), path("", include("crm.urls"))]
URL = "/api/v1/whoami/"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def call(client, secret: str | None, keyword: str = "Bearer"):
    headers = {"Authorization": f"{keyword} {secret}"} if secret is not None else {}
    return client.get(URL, headers=headers)


def test_a_token_opens_the_api_as_its_user(client, owner):
    token, secret = issue_api_token(user=owner, name="Provincial reporting")

    response = call(client, secret)

    assert response.status_code == 200
    assert response.json()["user"] == "owner"


def test_the_token_keyword_works_too(client, owner):
    _, secret = issue_api_token(user=owner, name="Power BI")
    assert call(client, secret, keyword="Token").json()["user"] == "owner"


def test_only_a_hash_and_a_prefix_of_the_secret_are_kept(owner):
    token, secret = issue_api_token(user=owner, name="Power BI")
    token.refresh_from_db()
    assert token.key_hash == key_digest(secret) != secret
    assert token.key_prefix == secret[:8]
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in [str(value) for value in stored.values()]


def test_no_credentials_answer_401_with_a_challenge(client, db):
    response = call(client, None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token-at-all", "Token ", "Bearer two words", "Bearer " + "x" * 500, "Bearer näive"],
)
def test_a_wrong_secret_answers_401_and_says_so(client, owner, header):
    issue_api_token(user=owner, name="Power BI")
    response = client.get(URL, headers={"Authorization": header})
    assert response.status_code == 401, header
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["detail"] in (
        "This API token is not valid.",
        "Send the token as one word after the keyword: Authorization: Bearer <token>.",
    )


def test_a_revoked_token_answers_401_saying_since_when(client, owner):
    token, secret = issue_api_token(user=owner, name="Power BI")
    assert call(client, secret).status_code == 200
    revoke_api_tokens(ApiToken.objects.filter(pk=token.pk))

    response = call(client, secret)

    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token was revoked on ")


def test_an_expired_token_answers_401_saying_since_when(client, owner):
    token, secret = issue_api_token(user=owner, name="Power BI", expires_in_days=30)
    assert call(client, secret).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = call(client, secret)

    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token expired on ")


def test_a_disabled_users_token_answers_401(client, owner):
    _, secret = issue_api_token(user=owner, name="Power BI")
    owner.is_active = False
    owner.save()

    response = call(client, secret)

    assert response.status_code == 401
    assert response.json()["detail"] == "The account this API token belongs to is disabled."


def test_the_browsers_session_still_works(client, owner):
    client.force_login(owner)
    assert call(client, None).json()["user"] == "owner"


def test_a_token_opens_the_api_only_not_the_pages(client, owner):
    _, secret = issue_api_token(user=owner, name="Power BI")
    response = client.get("/account/tokens/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_last_use_is_recorded_at_most_once_a_minute(client, owner):
    token, secret = issue_api_token(user=owner, name="Power BI")
    assert token.last_used_at is None

    call(client, secret)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=10)

    with CaptureQueriesContext(connection) as captured:
        assert call(client, secret).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == first
    token_queries = [query["sql"] for query in captured.captured_queries if "core_apitoken" in query["sql"]]
    # One SELECT finds the token with its user; nothing is written.
    assert len(token_queries) == 1 and token_queries[0].startswith("SELECT")

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    call(client, secret)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_an_officers_token_sees_what_the_officer_sees_and_no_more(client, owner, other_officer, manager):
    make_project(name="Open solar plant", officer=owner)
    make_project(name="Secret battery gigafactory", officer=owner, is_confidential=True)
    names = {}
    for user in (owner, other_officer, manager):
        _, secret = issue_api_token(user=user, name="Reporting")
        body = call(client, secret).json()
        assert body["user"] == user.username
        names[user.username] = body["projects"]

    assert names["other"] == ["Open solar plant"]
    assert names["owner"] == names["boss"] == ["Open solar plant", "Secret battery gigafactory"]


def test_a_superusers_token_is_no_staff_pass_into_the_admin(client, admin_user):
    _, secret = issue_api_token(user=admin_user, name="Scripts")
    assert call(client, secret).json()["user"] == "root"
    response = client.get("/admin/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 302
