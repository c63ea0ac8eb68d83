"""Helpers for the export tests: ask a list for its file and read it back."""

import csv
import io

import openpyxl
import pytest


def export_csv(client, url: str, params: dict | None = None) -> list[list[str]]:
    """The CSV export of ``url`` with ``params``, read back: header row first."""
    response = client.get(url, {**(params or {}), "format": "csv"})
    assert response.status_code == 200, response.status_code
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def export_xlsx(client, url: str, params: dict | None = None) -> list[tuple]:
    """The XLSX export of ``url`` with ``params``, read back with openpyxl: header row first."""
    response = client.get(url, {**(params or {}), "format": "xlsx"})
    assert response.status_code == 200, response.status_code
    body = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login
