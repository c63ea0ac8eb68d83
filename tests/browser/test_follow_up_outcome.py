"""In a real browser: complete a follow-up saying what came of it, then reopen it with a reason."""

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


def test_complete_with_an_outcome_then_reopen_with_a_reason(page, live_server, role_groups):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    follow_up = make_follow_up(officer, "Send Teva the site survey invitation", due_on=date.today() + timedelta(days=2))
    log_in(page, live_server, "officer", next_url=follow_up.get_absolute_url())

    page.fill("#complete-outcome", "Teva accepted; survey on 3 July.")
    page.get_by_role("button", name="Mark it done").click()
    page.wait_for_load_state("networkidle")
    assert "Done: “Send Teva the site survey invitation”." in page.locator("[role=alert]").first.inner_text()
    assert "Outcome: Teva accepted; survey on 3 July." in page.inner_text("main")

    page.get_by_text("Reopen…").click()
    page.fill("#reopen-reason", "Teva postponed the survey.")
    page.get_by_role("button", name="Reopen the follow-up").click()
    page.wait_for_load_state("networkidle")
    assert "Reopened: “Send Teva the site survey invitation”." in page.locator("[role=alert]").first.inner_text()
    assert page.get_by_role("button", name="Mark it done").is_visible()

    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.completed_at) == (FollowUp.Status.OPEN, None)
    reasons = list(follow_up.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Reopened: Teva postponed the survey.", "Completed: Teva accepted; survey on 3 July."]
