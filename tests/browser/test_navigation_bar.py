"""The navigation bar fits 1366 px in either language, a manager's and an administrator's; the user menu holds more."""

import pytest

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_managers_bar_fits_and_logs_out_from_the_user_menu(page, live_server, language):
    make_user("boss", roles.MANAGER, first_name="Fang", last_name="Wang")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, live_server, "boss", next_url="/dashboard/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.click(".user-menu .dropdown-toggle")
    menu = page.locator(".user-menu .dropdown-menu")
    assert menu.is_visible()
    assert menu.locator("a[href='/calendar/']").is_visible()
    menu.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" in page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_administrators_bar_fits_with_the_admin_in_the_user_menu(page, live_server, language):
    make_user("chief", roles.MANAGER, first_name="Jie", last_name="Chen", is_staff=True, is_superuser=True)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, live_server, "chief", next_url="/dashboard/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.click(".user-menu .dropdown-toggle")
    page.locator(".user-menu .dropdown-menu a[href='/admin/']").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/admin/")
