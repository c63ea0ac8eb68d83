"""In a real browser: two tabs on one record, a wrong password six times, and no page the CSP breaks."""

import pytest

from partners.models import Organization
from tests.browser.conftest import log_in
from tests.conftest import make_gated_project, make_organization, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def watch_csp(page_) -> list[str]:
    """Collect the browser's reports of anything the Content Security Policy blocked."""
    violations: list[str] = []
    page_.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def test_two_tabs_on_one_record_the_second_save_is_refused(page, live_server):
    make_user("root", None, is_staff=True, is_superuser=True, first_name="Chen", last_name="Jie")
    port = make_organization("Qingdao Port", kind="port", notes="Original notes")
    violations = watch_csp(page)
    log_in(page, live_server, "root", next_url="/admin/")
    change = f"{live_server.url}/admin/partners/organization/{port.pk}/change/"

    second_tab = page.context.new_page()
    violations += watch_csp(second_tab)
    page.goto(change)
    second_tab.goto(change)

    page.fill("textarea[name=notes]", "Berth 7 leased to Maersk")
    page.click("input[name=_save]")
    page.wait_for_load_state("networkidle")
    assert "was changed successfully" in page.content()

    second_tab.fill("input[name=name]", "Qingdao Port Group")
    second_tab.click("input[name=_save]")
    second_tab.wait_for_load_state("networkidle")
    error = second_tab.locator(".errornote, ul.errorlist.nonfield").all_inner_texts()
    refusal = " ".join(error)
    assert "Chen Jie saved this record" in refusal
    assert "notes is now “Berth 7 leased to Maersk”" in refusal

    port.refresh_from_db()
    assert (port.name, port.notes) == ("Qingdao Port", "Berth 7 leased to Maersk")
    assert violations == []


def test_a_wrong_password_six_times_then_the_lock_out_page(page, live_server):
    make_user("li.na", "Officer")
    violations = watch_csp(page)
    for attempt in range(5):
        log_in(page, live_server, "li.na", password=f"guess-{attempt}")
    assert "Log-in locked" in page.content()
    log_in(page, live_server, "li.na")
    assert "Log-in locked" in page.content()
    assert "30 minutes" in page.content()
    assert violations == []


def test_the_history_page_and_the_admin_run_under_the_policy(page, live_server):
    manager = make_user("wang.fang", "Manager", first_name="Wang", last_name="Fang")
    project = make_gated_project(manager, name="Battery plant")
    project.description = "Phase one"
    project.save()
    make_user("root", None, is_staff=True, is_superuser=True)
    violations = watch_csp(page)

    log_in(page, live_server, "wang.fang")
    page.goto(f"{live_server.url}/history/projects/investmentproject/{project.pk}/")
    assert page.locator("h1").inner_text() == "History of Battery plant"
    assert page.locator("table.history-table").get_by_text("Phase one").is_visible()

    page.context.clear_cookies()
    log_in(page, live_server, "root", next_url="/admin/")
    for path in ("/admin/", f"/admin/projects/investmentproject/{project.pk}/change/", "/admin/partners/organization/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert Organization.objects.exists()
    assert violations == []
