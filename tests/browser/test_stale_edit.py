"""In a real browser: an edit refused because a colleague saved meanwhile shows both values and is saved over."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_project, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def test_reapply_my_values_after_a_colleague_saved(page, live_server, role_groups):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    project = make_project("Qingdao port cold store", officer=officer, stage="intent", project_type="greenfield")
    log_in(page, live_server, "officer", next_url=reverse("projects:project_update", args=[project.pk]))

    # A colleague saves while the form is open.
    project.description = "Changed by a colleague"
    project.save()

    page.fill("#id_description", "Cold store for Korean food imports")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("networkidle")
    stale = page.locator("section.stale-edit")
    assert stale.locator("td.stale-now").inner_text() == "Changed by a colleague"
    assert stale.locator("td.stale-yours").inner_text() == "Cold store for Korean food imports"
    assert page.input_value("#id_description") == "Cold store for Korean food imports"

    page.get_by_role("button", name="Save my values over these").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(project.get_absolute_url())
    project.refresh_from_db()
    assert project.description == "Cold store for Korean food imports"
