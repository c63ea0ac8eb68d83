"""The unread count fits the navigation bar at 1366 px, and the user menu leads to the notifications."""

import pytest

from core.models import Notification
from core.notifications import notify
from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_project, make_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_unread_count_fits_and_opens_the_notifications(page, live_server, language):
    boss = make_user("boss", roles.MANAGER, first_name="Fang", last_name="Wang")
    officer = make_user("lina", roles.OFFICER, first_name="Na", last_name="Li")
    project = make_project("Battery plant", officer=boss)
    for _n in range(12):
        notify(recipient=boss, actor=officer, kind=Notification.Kind.COMMENTED, target=project, text="A note")
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    log_in(page, live_server, "boss", next_url="/dashboard/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert page.locator(".user-menu .nav-unread").inner_text().startswith("12")
    page.click(".user-menu .dropdown-toggle")
    page.locator(".user-menu .dropdown-menu a[href='/notifications/']").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/notifications/")
    page.locator("form[action='/notifications/read/'] button").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".user-menu .nav-unread").count() == 0
