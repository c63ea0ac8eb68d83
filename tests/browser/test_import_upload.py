"""In a real browser: a manager uploads a ledger, the page reads it with its progress shown, the preview opens."""

import re

import pytest

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_country, make_user
from tests.imports.conftest import csv_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_upload_shows_its_progress_then_the_preview(page, live_server, tmp_path):
    make_user("chief", roles.MANAGER)
    make_country("DE", "Germany")
    path = tmp_path / "organizations.csv"
    path.write_bytes(csv_bytes([["name", "country"], *([f"Company {n}", "DE"] for n in range(250))]))

    log_in(page, live_server, "chief", next_url="/imports/")
    page.get_by_label("What the file holds").select_option(label="Organizations")
    page.get_by_label("File", exact=True).set_input_files(str(path))
    with page.expect_response(lambda r: r.request.method == "POST" and "/imports/" in r.url) as answer:
        page.get_by_role("button", name="Preview the import").click()
    response = answer.value
    assert response.request.headers.get("x-import-progress") == "1"
    assert response.headers["content-type"].startswith("application/x-ndjson")

    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    assert page.locator("#import-counts").inner_text().startswith("250 to create")
    page.get_by_role("button", name="Import 250 rows").click(timeout=60_000)
    page.wait_for_url(re.compile(r"/imports/$"), timeout=60_000)
    assert "250 created" in page.locator(".alert-success, .alert").first.inner_text()


def test_a_file_that_is_not_a_spreadsheet_is_told_why_on_the_page(page, live_server, tmp_path):
    make_user("chief", roles.MANAGER)
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"not a workbook at all")

    log_in(page, live_server, "chief", next_url="/imports/")
    page.get_by_label("File", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Preview the import").click()
    errors = page.locator("#import-progress-errors")
    errors.wait_for(state="visible")
    assert errors.inner_text().strip()
    assert page.url.endswith("/imports/")
