"""In a real browser: a visitor who is not logged in can switch the login page to Chinese and back."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_login_page_switches_language(page, live_server):
    page.goto(live_server.url + reverse("login"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    # Back on the same page, now in Chinese, still ready to log in.
    assert page.url.startswith(live_server.url + reverse("login"))
    assert page.locator("input[name=username]").is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
