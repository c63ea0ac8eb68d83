"""The user's own API tokens page: list, create (the secret shown once), revoke; nobody else's tokens."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.api_tokens import issue_api_token, key_digest, revoke_api_tokens
from core.models import ApiToken

pytestmark = pytest.mark.django_db
URL = reverse("api_token_list")


def revoke_url(token: ApiToken) -> str:
    return reverse("api_token_revoke", args=[token.pk])


def test_lists_the_users_own_tokens_with_their_state(client, owner, other_officer):
    working, _ = issue_api_token(user=owner, name="Provincial reporting")
    expired, _ = issue_api_token(user=owner, name="Old spreadsheet", expires_in_days=1)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    revoked, _ = issue_api_token(user=owner, name="Leaked script")
    revoke_api_tokens(ApiToken.objects.filter(pk=revoked.pk))
    issue_api_token(user=other_officer, name="Someone else's BI")
    client.force_login(owner)

    response = client.get(URL)

    assert response.status_code == 200
    content = response.content.decode()
    for token in (working, expired, revoked):
        assert token.name in content and f"{token.key_prefix}…" in content
    assert "Someone else" not in content
    assert [token.name for token in response.context["tokens"]] == ["Leaked script", "Old spreadsheet", working.name]
    assert "Working" in content and "Expired" in content and "Revoked" in content
    # Only tokens not yet revoked offer to be revoked.
    assert revoke_url(working) in content and revoke_url(expired) in content
    assert revoke_url(revoked) not in content


def test_creating_a_token_shows_its_secret_once(client, owner):
    client.force_login(owner)

    response = client.post(URL, {"name": "Power BI", "expires_in_days": ""})

    assert response.status_code == 200
    token = ApiToken.objects.get(user=owner)
    assert (token.name, token.expires_at, token.revoked_at) == ("Power BI", None, None)
    secret = response.context["secret"]
    assert len(secret) >= 40 and secret.startswith(token.key_prefix)
    assert token.key_hash == key_digest(secret)
    content = response.content.decode()
    assert secret in content and "Copy it now: it is not shown again." in content
    again = client.get(URL).content.decode()
    assert secret not in again and token.key_prefix in again


def test_a_token_can_be_given_an_expiry_in_days(client, owner):
    client.force_login(owner)
    client.post(URL, {"name": "Trial", "expires_in_days": "30"})
    token = ApiToken.objects.get(user=owner)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 101}, "Ensure this value has at most 100 characters"),
        ({"name": "Trial", "expires_in_days": "0"}, "greater than or equal to 1"),
        ({"name": "Trial", "expires_in_days": "4000"}, "less than or equal to 3650"),
        ({"name": "Trial", "expires_in_days": "soon"}, "Enter a whole number."),
    ],
)
def test_bad_input_says_why_and_makes_no_token(client, owner, data, message):
    client.force_login(owner)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_name_in_use_is_refused_until_that_token_is_revoked(client, owner, other_officer):
    first, _ = issue_api_token(user=owner, name="Power BI")
    issue_api_token(user=other_officer, name="Power BI")
    client.force_login(owner)

    response = client.post(URL, {"name": " Power BI "})

    assert response.status_code == 400
    assert "You already have a token named “Power BI”" in response.content.decode()
    assert ApiToken.objects.filter(user=owner).count() == 1

    revoke_api_tokens(ApiToken.objects.filter(pk=first.pk))
    assert client.post(URL, {"name": "Power BI"}).status_code == 200
    assert ApiToken.objects.filter(user=owner, name="Power BI").count() == 2


def test_revoking_asks_first_then_stops_the_token(client, owner):
    token, _ = issue_api_token(user=owner, name="Power BI")
    client.force_login(owner)

    asked = client.get(revoke_url(token))
    assert asked.status_code == 200
    assert "Revoke the token “Power BI”" in asked.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None

    response = client.post(revoke_url(token), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "The token “Power BI” is revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_live


def test_revoking_twice_keeps_the_first_date(client, owner):
    token, _ = issue_api_token(user=owner, name="Power BI")
    client.force_login(owner)
    client.post(revoke_url(token))
    token.refresh_from_db()
    first = token.revoked_at

    response = client.post(revoke_url(token), follow=True)

    assert "was already revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at == first


@pytest.mark.parametrize("persona", ["other_officer", "manager", "admin_user"])
def test_nobody_else_sees_or_revokes_a_users_token(client, request, owner, persona):
    token, _ = issue_api_token(user=owner, name="Power BI")
    client.force_login(request.getfixturevalue(persona))

    assert client.get(revoke_url(token)).status_code == 404
    assert client.post(revoke_url(token)).status_code == 404
    listed = client.get(URL)
    assert list(listed.context["tokens"]) == [] and token.key_prefix not in listed.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def test_anonymous_visitors_are_sent_to_log_in(client, owner):
    token, _ = issue_api_token(user=owner, name="Power BI")
    for response in (client.get(URL), client.post(URL, {"name": "Sneaky"}), client.post(revoke_url(token))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiToken.objects.count() == 1


def test_the_user_menu_links_the_page(client, no_role):
    client.force_login(no_role)
    assert f'href="{URL}"' in client.get(URL).content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_list_query_count_does_not_grow_with_tokens(client, owner):
    client.force_login(owner)
    for n in range(2):
        issue_api_token(user=owner, name=f"Token {n}")
    few = _queries(client)
    for n in range(2, 60):
        token, _ = issue_api_token(user=owner, name=f"Token {n}", expires_in_days=n)
        if n % 3 == 0:
            revoke_api_tokens(ApiToken.objects.filter(pk=token.pk))
    many = _queries(client)
    assert len(client.get(URL).context["tokens"]) == 60
    assert few == many
