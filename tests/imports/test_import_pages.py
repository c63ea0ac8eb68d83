"""The import pages: who may use them, what a bad file is told, the preview and the commit."""

import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from crm.models import ImportFile
from partners.models import Organization
from projects.models import InvestmentProject
from tests.conftest import make_country
from tests.crm.conftest import queries_for
from tests.imports.conftest import csv_bytes, xlsx

URL = reverse("crm:imports")


def upload(client, content: bytes, name="orgs.csv", kind="organizations"):
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, content)})


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.parametrize("persona", ["owner", "no_role"])
def test_officers_and_users_without_a_role_are_refused(db, client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert upload(client, csv_bytes([["name", "country"], ["Acme", "DE"]])).status_code == 403
    assert client.get(reverse("crm:import_template", args=["projects"])).status_code == 403
    assert ImportFile.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_a_manager_previews_then_commits_a_gb18030_csv(manager_client, manager):
    make_country("DE", "Germany", name_zh="德国")
    content = csv_bytes(
        [["名称", "中文名称", "国别"], ["Siemens AG", "西门子", "德国"], ["Bosch GmbH", "", "DE"]], encoding="gb18030"
    )
    response = upload(manager_client, content)
    import_file = ImportFile.objects.get()
    assert response.status_code == 302 and response.url == import_file.get_absolute_url()
    assert Organization.objects.count() == 0

    page = manager_client.get(response.url).content.decode()
    assert page.count('class="import-row import-create"') == 2 and "Siemens AG" in page

    digest = page.split('name="digest" value="')[1].split('"')[0]
    response = manager_client.post(response.url, {"digest": digest}, follow=True)
    assert "2 created" in response.content.decode()
    siemens = Organization.objects.get(name="Siemens AG")
    assert siemens.name_zh == "西门子" and "orgs.csv" in siemens.provenance and siemens.created_by == manager

    # The same file committed twice is refused; uploaded again it changes nothing.
    manager_client.post(import_file.get_absolute_url(), {"digest": digest})
    assert Organization.objects.count() == 2
    upload(manager_client, content)
    again = manager_client.get(ImportFile.objects.first().get_absolute_url()).content.decode()
    assert again.count('class="import-row import-unchanged"') == 2 and "Nothing to import" in again


def test_another_manager_cannot_open_ones_upload(manager_client, manager, client, db):
    from tests.conftest import make_user

    upload(manager_client, csv_bytes([["name", "country"], ["Acme", "DE"]]))
    other = make_user("boss2", "Manager")
    client.force_login(other)
    assert client.get(ImportFile.objects.get().get_absolute_url()).status_code == 404


def _formula_workbook() -> bytes:
    workbook = Workbook()
    workbook.active.append(["name", "country"])
    workbook.active.append(["Acme", "=A1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


BAD_FILES = {
    "empty": (b"", "orgs.csv", "The file is empty"),
    "not a spreadsheet": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "photo.png", "not a spreadsheet"),
    "broken xlsx": (b"PK\x03\x04broken", "orgs.xlsx", "not a spreadsheet"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "orgs.xls", "old Excel"),
    "wrong sheet": (xlsx([["Quarter", "Total"], ["Q1", 3]], title="Summary"), "orgs.xlsx", "“Summary”"),
    "formula": (_formula_workbook(), "orgs.xlsx", "Cell B2"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_told_why_and_nothing_is_saved(manager_client, case):
    content, name, message = BAD_FILES[case]
    response = upload(manager_client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportFile.objects.count() == 0 and Organization.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused(manager_client):
    with mock.patch("crm.views.imports.MAX_BYTES", 100), mock.patch("crm.imports.reading.MAX_BYTES", 100):
        response = upload(manager_client, csv_bytes([["name", "country"]] + [["Acme", "DE"]] * 20))
    assert "larger than" in response.content.decode()
    assert ImportFile.objects.count() == 0


def test_too_many_rows_are_refused(manager_client):
    with mock.patch("crm.imports.reading.MAX_ROWS", 3):
        response = upload(manager_client, csv_bytes([["name", "country"]] + [[f"Org {i}", "DE"] for i in range(5)]))
    assert "more than 3 rows" in response.content.decode()
    assert ImportFile.objects.count() == 0


def test_the_template_has_english_and_chinese_headers_and_reads_back(manager_client):
    make_country("DE", "Germany")
    response = manager_client.get(reverse("crm:import_template", args=["projects"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in next(sheet.iter_rows())]
    assert "name / 名称" in headers and "contracted foreign investment / 合同外资" in headers
    filled = xlsx([headers, [{"name / 名称": "Wind farm", "origin country / 来源国": "DE"}.get(h) for h in headers]])
    response = upload(manager_client, filled, name="template.xlsx", kind="projects")
    page = manager_client.get(response.url).content.decode()
    assert 'class="import-row import-create"' in page and "Wind farm" in page


def test_the_preview_runs_a_fixed_number_of_queries(manager_client, manager):
    make_country("DE", "Germany")

    def preview_queries(count: int) -> int:
        rows = [["项目名称", "投资方", "国别", "总投资（万元）"]]
        rows += [[f"Project {i}", f"Investor {i % 3}", "DE", 100 + i] for i in range(count)]
        upload(manager_client, xlsx(rows), name=f"{count}.xlsx", kind="projects")
        return queries_for(
            manager_client, ImportFile.objects.first().get_absolute_url(), shows=[f"Project {count - 1}", "Investor 2"]
        )

    assert preview_queries(3) == preview_queries(30)
    assert InvestmentProject.objects.count() == 0


def test_the_navigation_links_the_page_for_managers_only(manager_client, client, owner):
    assert URL in manager_client.get(reverse("crm:my_work")).content.decode()
    client.force_login(owner)
    assert URL not in client.get(reverse("crm:my_work")).content.decode()


@pytest.mark.parametrize("model", ["partners/organization", "projects/investmentproject"])
def test_the_admin_lists_link_to_the_import_page(client, admin_user, model):
    client.force_login(admin_user)
    assert f'href="{URL}"' in client.get(f"/admin/{model}/").content.decode()
