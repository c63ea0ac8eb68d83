"""An administrator logs in to the admin in a real browser and finds the project list."""

from pathlib import Path

import pytest

from tests.browser.conftest import log_in
from tests.conftest import make_gated_project, make_user

SHOTS = Path("/tmp/shots")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_administrator_logs_in_and_sees_the_project_list(page, live_server):
    root = make_user("root", None, is_staff=True, is_superuser=True)
    make_gated_project(root, name="Sino-German Eco-Park robotics plant", name_zh="中德生态园机器人工厂")

    log_in(page, live_server, "root", next_url="/admin/")
    assert page.locator("#site-name").is_visible()
    page.click("text=Investment projects")
    page.wait_for_load_state("networkidle")

    assert page.url.endswith("/admin/projects/investmentproject/")
    assert page.locator("#result_list").get_by_text("Sino-German Eco-Park robotics plant").is_visible()
    assert page.locator("#result_list").get_by_text("100,000,000\u00a0USD").first.is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "admin_projects.png"), full_page=True)
