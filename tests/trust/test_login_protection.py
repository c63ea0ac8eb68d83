"""Log-in protection: lock-out after five failures per username and address, security headers, logout."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from tests.conftest import make_organization

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "a-long-test-password"
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def attempt(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail_five_times(client, username, address="192.0.2.10"):
    responses = [attempt(client, username, f"wrong-{number}", address) for number in range(5)]
    assert [response.status_code for response in responses[:4]] == [200] * 4
    assert "did not match" in responses[3].content.decode()
    return responses[4]


def test_five_failures_lock_out_even_the_right_password(client, owner):
    fifth = fail_five_times(client, "owner")
    assert fifth.status_code == 429
    right = attempt(client, "owner", PASSWORD)
    assert right.status_code == 429
    content = right.content.decode()
    assert "Log-in locked" in content
    assert "5 times in a row" in content and "30 minutes" in content
    assert not is_logged_in(client)


def test_four_failures_do_not_lock(client, owner):
    for number in range(4):
        attempt(client, "owner", f"wrong-{number}")
    assert attempt(client, "owner", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_lock_is_per_username_and_address(client, owner, other_officer):
    fail_five_times(client, "owner", address="192.0.2.10")
    # The same person from another address, and another person from the same address, still log in.
    elsewhere = Client()
    assert attempt(elsewhere, "owner", PASSWORD, address="198.51.100.7").status_code == 302
    colleague = Client()
    assert attempt(colleague, "other", PASSWORD, address="192.0.2.10").status_code == 302


def test_after_the_cool_off_the_right_password_works(client, owner):
    fail_five_times(client, "owner")
    assert attempt(client, "owner", PASSWORD).status_code == 429
    # Thirty-one minutes pass.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31))
    assert attempt(client, "owner", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_admin_log_in_is_protected_too(client, admin_user):
    for number in range(5):
        client.post("/admin/login/", {"username": "root", "password": f"wrong-{number}"}, REMOTE_ADDR="192.0.2.10")
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    assert "Log-in locked" in response.content.decode()


def test_behind_a_proxy_the_forwarded_address_counts(client, owner, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for number in range(5):
        client.post(
            LOGIN,
            {"username": "owner", "password": f"wrong-{number}"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"
    # Another client behind the same proxy is not locked out; a forged prefix does not help the attacker.
    ok = client.post(
        LOGIN,
        {"username": "owner", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert ok.status_code == 302
    forged = Client().post(
        LOGIN,
        {"username": "owner", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5",
    )
    assert forged.status_code == 429


def test_security_headers_on_every_page(client):
    response = client.get(LOGIN)
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
        "base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    # Also on redirects and refusals, not just rendered pages.
    assert "Content-Security-Policy" in client.get("/history/partners/organization/1/")


def test_logout_ends_the_session(owner):
    browser = Client()
    assert attempt(browser, "owner", PASSWORD).status_code == 302
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    history = f"/history/partners/organization/{make_organization().pk}/"
    assert browser.get(history).status_code == 200

    assert browser.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(session_key=cookie).exists()
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = stolen.get(history)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "inline <script> block"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "style= attribute"),
    (re.compile(r"<style\b", re.IGNORECASE), "<style> block"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE), "on...= event handler"),
    (re.compile(r"javascript:", re.IGNORECASE), "javascript: URL"),
]


def test_templates_need_nothing_the_content_security_policy_forbids():
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                # <script type="application/json"> carries data, not code, and the policy allows it.
                if "application/json" in match.group(0):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{template.relative_to(TEMPLATES)}:{line}: {what}")
    assert problems == []
