"""In a real browser: filter projects by country and stage, reload, and the filter holds."""

import pytest

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_country, make_project, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def listed(page) -> list[str]:
    return page.locator("table.project-table tbody tr td:first-child a").all_inner_texts()


def test_filter_by_country_and_stage_survives_a_reload(page, live_server):
    officer = make_user("officer", roles.OFFICER)
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    make_project(name="German intent", origin_country=germany, stage="intent", officer=officer)
    make_project(name="German lead", origin_country=germany, stage="lead", officer=officer)
    make_project(name="German contract", origin_country=germany, stage="contracted", officer=officer)
    make_project(name="Korean intent", origin_country=korea, stage="intent", officer=officer)

    log_in(page, live_server, "officer", next_url="/projects/")
    assert len(listed(page)) == 4
    page.get_by_label("Country").select_option(label="Germany")
    page.get_by_label("Intent (LOI/MOU)").check()
    page.get_by_label("Contracted", exact=True).check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert listed(page) == ["German contract", "German intent"]
    assert "2 results" in page.locator(".result-count").inner_text()

    page.reload()
    page.wait_for_load_state("networkidle")
    assert listed(page) == ["German contract", "German intent"]
    assert page.get_by_label("Country").input_value() == str(germany.pk)
    assert page.get_by_label("Intent (LOI/MOU)").is_checked()
    assert page.get_by_label("Contracted", exact=True).is_checked()
    assert not page.get_by_label("Lead", exact=True).is_checked()

    # Sorting keeps the filters.
    page.locator("th").get_by_role("link", name="Stage").click()
    page.wait_for_load_state("networkidle")
    assert listed(page) == ["German intent", "German contract"]
    assert "origin_country=" in page.url and "stage=intent" in page.url and "o=stage" in page.url
