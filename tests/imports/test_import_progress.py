"""A large file's reading, reported as it goes: lines of JSON the upload page turns into a progress bar."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.imports.plan import PROGRESS_EVERY
from crm.models import ImportFile
from tests.conftest import make_country
from tests.imports.conftest import csv_bytes
from tests.imports.test_import_pages import manager_client  # noqa: F401

URL = reverse("crm:imports")


def stream(client, content: bytes, name="orgs.csv", kind="organizations"):
    response = client.post(
        URL, {"kind": kind, "file": SimpleUploadedFile(name, content)}, headers={"X-Import-Progress": "1"}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]


def test_the_reading_reports_its_rows_then_opens_the_preview(manager_client):  # noqa: F811
    make_country("DE", "Germany")
    rows = 3 * PROGRESS_EVERY + 7
    content = csv_bytes([["name", "country"], *([f"Company {n}", "DE"] for n in range(rows))])

    lines = stream(manager_client, content)

    import_file = ImportFile.objects.get()
    assert lines[0] == {"read": 0, "total": None}
    counts = [line["read"] for line in lines if "total" in line and line["total"]]
    assert counts == [0, PROGRESS_EVERY, 2 * PROGRESS_EVERY, 3 * PROGRESS_EVERY, rows]
    assert {line["total"] for line in lines[1:-1]} == {rows}
    assert lines[-1] == {"redirect": import_file.get_absolute_url()}

    # The preview that follows shows the plan the upload decided, without reading the file again.
    with CaptureQueriesContext(connection) as first:
        page = manager_client.get(import_file.get_absolute_url()).content.decode()
    assert page.count('class="import-row import-create"') == rows
    with CaptureQueriesContext(connection) as reload:
        manager_client.get(import_file.get_absolute_url())
    assert len(first) < len(reload), "a reload decides every row again"


def test_a_bad_file_is_told_why_in_the_stream_and_nothing_is_kept(manager_client):  # noqa: F811
    lines = stream(manager_client, b"\x00\x01 not a spreadsheet", name="ledger.xlsx")
    assert lines[0] == {"read": 0, "total": None}
    assert list(lines[-1]) == ["errors"] and lines[-1]["errors"]
    assert ImportFile.objects.count() == 0


def test_the_stream_speaks_the_users_language(manager_client):  # noqa: F811
    manager_client.cookies["django_language"] = "zh-hans"
    lines = stream(manager_client, csv_bytes([["nothing", "useful"], ["a", "b"]]))
    assert any("\u4e00" <= character <= "\u9fff" for character in lines[-1]["errors"][0])


def test_a_refused_form_is_a_page_not_a_stream(manager_client):  # noqa: F811
    response = manager_client.post(URL, {"kind": "organizations"}, headers={"X-Import-Progress": "1"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert ImportFile.objects.count() == 0


def test_an_officer_is_refused_the_stream_too(client, owner):
    client.force_login(owner)
    response = client.post(
        URL,
        {"kind": "organizations", "file": SimpleUploadedFile("a.csv", b"name\nA\n")},
        headers={"X-Import-Progress": "1"},
    )
    assert response.status_code == 403 and ImportFile.objects.count() == 0
