"""In a real browser: complete an overdue follow-up from My work in one click."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS

from crm import roles
from crm.models import FollowUp
from tests.browser.conftest import log_in
from tests.conftest import make_follow_up, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def test_complete_a_follow_up_from_my_work(page, live_server, role_groups):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    late = make_follow_up(officer, "Send Teva the site survey invitation", due_on=date.today() - timedelta(days=3))
    make_follow_up(officer, "Share land prices", due_on=date.today() + timedelta(days=2))

    log_in(page, live_server, "officer")
    overdue = page.locator("section.my-overdue")
    assert "Send Teva the site survey invitation" in overdue.inner_text()
    overdue.get_by_role("button", name="Complete “Send Teva the site survey invitation”").click()
    page.wait_for_load_state("networkidle")

    assert page.url == f"{live_server.url}/"
    assert "Done: “Send Teva the site survey invitation”." in page.locator("[role=alert]").first.inner_text()
    assert "Nothing overdue." in page.locator("section.my-overdue").inner_text()
    assert "Share land prices" in page.locator("section.my-due-soon").inner_text()
    late.refresh_from_db()
    assert late.status == FollowUp.Status.DONE
    assert late.completed_by == officer
