"""Every endpoint of the API takes a personal token, and refuses a revoked, an expired and a missing one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.api_tokens import issue_api_token, revoke_api_tokens
from core.models import ApiToken
from crm.api.urls import router

pytestmark = pytest.mark.django_db
# Every endpoint that lists (logging a visit only takes a POST).
LISTS = [reverse(f"api:{basename}-list") for _prefix, viewset, basename in router.registry if hasattr(viewset, "list")]


def statuses(client, **headers) -> dict[str, tuple[int, str]]:
    answers = {}
    for url in LISTS:
        response = client.get(url, headers=headers)
        answers[url] = (response.status_code, response.json().get("code", ""))
    return answers


def test_every_list_opens_with_a_token(client, owner):
    _, secret = issue_api_token(user=owner, name="Reporting")
    assert statuses(client, Authorization=f"Bearer {secret}") == dict.fromkeys(LISTS, (200, ""))


def test_every_list_refuses_a_revoked_token(client, owner):
    token, secret = issue_api_token(user=owner, name="Reporting")
    revoke_api_tokens(ApiToken.objects.filter(pk=token.pk))
    assert statuses(client, Authorization=f"Bearer {secret}") == dict.fromkeys(LISTS, (401, "token_revoked"))


def test_every_list_refuses_an_expired_token(client, owner):
    token, secret = issue_api_token(user=owner, name="Reporting", expires_in_days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert statuses(client, Authorization=f"Bearer {secret}") == dict.fromkeys(LISTS, (401, "token_expired"))


def test_every_list_refuses_anonymous_callers_with_a_challenge(client, db):
    assert statuses(client) == dict.fromkeys(LISTS, (401, "not_authenticated"))
    assert client.get(LISTS[0])["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_is_not_rescued_by_a_session(client, owner):
    token, secret = issue_api_token(user=owner, name="Reporting")
    revoke_api_tokens(ApiToken.objects.filter(pk=token.pk))
    client.force_login(owner)
    assert client.get(LISTS[0], headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert client.get(LISTS[0]).status_code == 200
