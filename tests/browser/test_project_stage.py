"""In a real browser: an officer is not offered a move to contracted and sees why; a manager makes it."""

import pytest

from crm import roles
from projects.models import StageChange
from tests.browser.conftest import log_in
from tests.conftest import make_gated_project, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def move_to_contracted(page, live_server, project, note):
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.get_by_role("link", name="Move stage").click()
    page.get_by_label("Contracted", exact=True).check()
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_load_state("networkidle")


def test_officer_is_refused_and_manager_moves_to_contracted(browser, live_server):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    make_user("manager", roles.MANAGER, first_name="Wang", last_name="Fang")
    project = make_gated_project(officer, name="Sino-German hydrogen bus plant")

    officer_page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(officer_page, live_server, "officer")
    officer_page.goto(f"{live_server.url}{project.get_absolute_url()}")
    officer_page.get_by_role("link", name="Move stage").click()
    # The move the officer may not make is offered disabled, with the reason beside it.
    contracted = officer_page.get_by_label("Contracted", exact=True)
    assert contracted.is_disabled()
    why = officer_page.locator("#id_stage_contracted-why")
    assert "Only a manager may move a project to contracted or beyond." in why.inner_text()
    project.refresh_from_db()
    assert project.stage == "intent" and not StageChange.objects.exists()
    officer_page.context.close()

    manager_page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(manager_page, live_server, "manager")
    move_to_contracted(manager_page, live_server, project, "Contract signed at the Qingdao Week in Munich")
    assert manager_page.url.endswith(project.get_absolute_url())
    assert manager_page.locator(".alert-success").get_by_text("is now at Contracted").is_visible()
    history = manager_page.locator("table.stage-changes")
    assert history.get_by_text("Contract signed at the Qingdao Week in Munich").is_visible()
    assert history.get_by_text("Wang Fang").is_visible()
    project.refresh_from_db()
    assert project.stage == "contracted"
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.changed_by.username) == ("intent", "contracted", "manager")
    manager_page.context.close()


def test_manager_records_a_stage_the_source_states_with_data_gaps(browser, live_server):
    from datetime import date

    from tests.conftest import make_project

    make_user("manager", roles.MANAGER, first_name="Wang", last_name="Fang")
    project = make_project(name="Airbus H135 final assembly line", stage="intent")

    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server, "manager")
    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.get_by_role("link", name="Move stage").click()
    page.get_by_label("Operating", exact=True).check()
    page.get_by_label("Happened on").fill("2019-04-17")
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_load_state("networkidle")
    refusal = page.locator(".move-refusal")
    assert "Record the investor." in refusal.inner_text()

    page.get_by_label("Record this stage with data gaps").check()
    page.get_by_label("Note or reason").fill("In operation since 17 April 2019 (brochure L1453-1454)")
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(project.get_absolute_url())
    assert page.locator(".gaps-badge").first.is_visible()
    assert "Record the park or zone." in page.locator("section.data-gaps").inner_text()
    assert page.locator("table.stage-changes td.occurred-on").get_by_text("17 April 2019").is_visible()
    change = StageChange.objects.get()
    assert (change.to_stage, change.occurred_on, change.changed_by.username) == (
        "operating",
        date(2019, 4, 17),
        "manager",
    )
    assert "Record the investor." in change.gaps_at_move
    page.context.close()
