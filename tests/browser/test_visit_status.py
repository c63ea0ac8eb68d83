"""In a real browser: a trip next week logged without touching the status is saved as planned."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS

from crm import roles
from crm.models import Delegation
from tests.browser.conftest import log_in
from tests.conftest import make_country, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def test_a_trip_next_week_is_planned_unless_told_otherwise(page, live_server, role_groups):
    make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    make_country("DE", "Germany")
    start = date.today() + timedelta(days=7)

    log_in(page, live_server, "officer", next_url="/visits/log/")
    status = page.locator("#id_delegation-status")
    assert status.locator("option:checked").inner_text() == "From the dates"
    page.fill("#id_delegation-title", "Munich chemical cluster visit")
    page.select_option("#id_delegation-direction", "outbound")
    page.fill("#id_delegation-start_date", start.isoformat())
    page.fill("#id_delegation-end_date", (start + timedelta(days=3)).isoformat())
    page.select_option("#id_delegation-countries", label="Germany")
    page.get_by_role("button", name="Save the visit").click()
    page.wait_for_load_state("networkidle")

    trip = Delegation.objects.get()
    assert trip.status == Delegation.Status.PLANNED
    assert page.url.endswith(trip.get_absolute_url())
    assert "Planned" in page.inner_text("main")
    assert "Returned, report pending" not in page.inner_text("main")
