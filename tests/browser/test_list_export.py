"""In a real browser: filter the project list, export it to XLSX and CSV, and read both files back."""

import csv
import re

import openpyxl
import pytest

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_country, make_project, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def listed(page) -> list[str]:
    return page.locator("table.project-table tbody tr td:first-child a").all_inner_texts()


def download(page, name: str):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    return info.value


def test_a_filtered_project_list_exports_the_same_rows_in_the_same_order(page, live_server, tmp_path):
    officer = make_user("officer", roles.OFFICER)
    colleague = make_user("colleague", roles.OFFICER)
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    for number in range(30):
        make_project(name=f"German project {number:02}", origin_country=germany, officer=officer)
    make_project(name="Korean project", origin_country=korea, officer=officer)
    make_project(name="German secret", origin_country=germany, officer=colleague, is_confidential=True)

    log_in(page, live_server, "officer", next_url="/projects/")
    page.get_by_label("Country").select_option(label="Germany")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    count = int(re.match(r"(\d+) results", page.locator(".result-count").inner_text().strip()).group(1))
    assert count == 30
    shown = listed(page)
    assert len(shown) == 25  # the first page only; the files hold every row

    xlsx = download(page, "Export XLSX")
    assert xlsx.suggested_filename.startswith("investment-projects-") and xlsx.suggested_filename.endswith(".xlsx")
    xlsx_path = tmp_path / "projects.xlsx"
    xlsx.save_as(xlsx_path)
    rows = list(openpyxl.load_workbook(xlsx_path, read_only=True).worksheets[0].iter_rows(values_only=True))
    name = rows[0].index("Name")
    from_xlsx = [row[name] for row in rows[1:]]

    exported_csv = download(page, "Export CSV")
    csv_path = tmp_path / "projects.csv"
    exported_csv.save_as(csv_path)
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    name = rows[0].index("Name")
    from_csv = [row[name] for row in rows[1:]]

    assert len(from_xlsx) == len(from_csv) == count
    assert from_xlsx == from_csv
    assert from_xlsx[:25] == shown
    assert "Korean project" not in from_xlsx
    assert "German secret" not in from_xlsx
    page.get_by_role("link", name="Next").click()
    page.wait_for_load_state("networkidle")
    assert from_xlsx[25:] == listed(page)
