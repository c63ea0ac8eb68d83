"""Playwright driving Debian's Chromium. Skipped locally without it; required when CRM_REQUIRE_BROWSER=1."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CRM_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("CRM_REQUIRE_BROWSER") == "1"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _unavailable_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _unavailable_reason()
    if reason:
        if REQUIRED:
            pytest.fail(f"Browser tests are required (CRM_REQUIRE_BROWSER=1) but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def log_in(page, live_server, username: str, password: str = "a-long-test-password", next_url: str = "/"):
    """Log in through the site's login form (or the admin's, when ``next_url`` is under /admin/)."""
    login = "/admin/login/" if next_url.startswith("/admin/") else "/accounts/login/"
    page.goto(f"{live_server.url}{login}?next={next_url}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    # The login form's own button: the navigation bar has a language switch of its own.
    page.click("form:has(input[name=password]) [type=submit]")
    page.wait_for_load_state("networkidle")
