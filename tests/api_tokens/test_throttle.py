"""Each token has its own request budget (``API_TOKEN_RATE``); past it the API answers 429 with Retry-After."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import path

from core import env
from core.api_tokens import issue_api_token
from tests.api_tokens.whoami import WhoAmI

urlpatterns = [path("api/v1/whoami/", WhoAmI.as_view())]
URL = "/api/v1/whoami/"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def _three_a_minute(settings):
    settings.API_TOKEN_RATE = "3/minute"


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get(URL, headers=headers).status_code for _ in range(count)]


def test_a_token_past_its_rate_gets_429_with_retry_after(client, owner):
    _, secret = issue_api_token(user=owner, name="Power BI")
    bearer = {"Authorization": f"Bearer {secret}"}

    assert statuses(client, 3, **bearer) == [200, 200, 200]
    response = client.get(URL, headers=bearer)

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()


def test_each_token_counts_on_its_own(client, owner, other_officer):
    _, first = issue_api_token(user=owner, name="Power BI")
    _, second = issue_api_token(user=owner, name="Provincial reporting")
    _, others = issue_api_token(user=other_officer, name="Power BI")

    assert statuses(client, 4, Authorization=f"Bearer {first}") == [200, 200, 200, 429]
    assert statuses(client, 3, Authorization=f"Bearer {second}") == [200, 200, 200]
    assert statuses(client, 3, Authorization=f"Bearer {others}") == [200, 200, 200]


def test_the_browsers_session_is_counted_per_user(client, owner):
    client.force_login(owner)
    assert statuses(client, 4) == [200, 200, 200, 429]


def test_the_rate_follows_the_setting(client, owner, settings):
    settings.API_TOKEN_RATE = "5/minute"
    _, secret = issue_api_token(user=owner, name="Power BI")
    assert statuses(client, 6, Authorization=f"Bearer {secret}") == [200] * 5 + [429]


@pytest.mark.parametrize("value", ["1000/hour", "60/minute", "5/s", "10000/day"])
def test_the_rate_is_read_from_the_environment(monkeypatch, value):
    monkeypatch.setenv("SOME_RATE", value)
    assert env.envrate("SOME_RATE", default="1/hour") == value


@pytest.mark.parametrize("value", ["1000", "lots/hour", "0/hour", "100/week", "-5/minute"])
def test_a_malformed_rate_stops_start_up_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv("SOME_RATE", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_RATE="):
        env.envrate("SOME_RATE", default="1/hour")
