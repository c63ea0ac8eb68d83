"""The project export: visibility, real types, headers in the user's language, CSV injection, the file's name."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from projects.models import Stage
from tests.conftest import make_organization, make_project
from tests.exports.conftest import export_csv, export_xlsx

pytestmark = pytest.mark.django_db
URL = reverse("projects:project_list")


@pytest.fixture
def secret(owner):
    return make_project("Confidential battery plant", officer=owner, is_confidential=True)


@pytest.fixture
def open_project(owner):
    return make_project(
        "Open port project",
        officer=owner,
        stage="contracted",
        contracted_amount=Decimal("120000000.00"),
        currency="EUR",
        usd_rate=Decimal("1.1"),
        contracted_usd=Decimal("132000000.00"),
        signed_on=datetime.date(2019, 6, 3),
        investor=make_organization("Hafen GmbH"),
    )


def exported_names(rows):
    return [row[list(rows[0]).index("Name")] for row in rows[1:]]


@pytest.mark.parametrize("read", [export_csv, export_xlsx])
def test_another_officers_export_never_holds_a_confidential_project(as_user, other_officer, secret, open_project, read):
    assert exported_names(read(as_user(other_officer), URL)) == ["Open port project"]
    # Not by search either.
    assert exported_names(read(as_user(other_officer), URL, {"q": "battery"})) == []


@pytest.mark.parametrize("read", [export_csv, export_xlsx])
def test_the_owner_and_a_manager_export_the_confidential_project(as_user, owner, manager, secret, open_project, read):
    for user in (owner, manager):
        assert sorted(exported_names(read(as_user(user), URL))) == ["Confidential battery plant", "Open port project"]


def test_xlsx_holds_dates_as_dates_and_amounts_as_numbers_with_currency_and_usd(as_user, manager, open_project):
    rows = export_xlsx(as_user(manager), URL)
    header = list(rows[0])
    row = dict(zip(header, rows[1], strict=True))
    assert row["Reference"] == open_project.reference
    assert isinstance(row["First signed on"], datetime.datetime)
    assert row["First signed on"].date() == datetime.date(2019, 6, 3)
    assert row["Contracted foreign investment"] == 120_000_000
    assert isinstance(row["Contracted foreign investment"], (int, float))
    assert row["Currency"] == "Euro"
    assert row["Contracted amount in USD"] == 132_000_000
    assert row["Stage"] == "Contracted"
    assert row["Investor"] == "Hafen GmbH"


def test_csv_holds_iso_dates_and_plain_numbers(as_user, manager, open_project):
    rows = export_csv(as_user(manager), URL)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["First signed on"] == "2019-06-03"
    assert row["Contracted foreign investment"] == "120000000.00"
    assert row["Contracted amount in USD"] == "132000000.00"


def test_headers_and_labels_are_in_chinese_for_a_chinese_user(as_user, manager, open_project):
    client = as_user(manager)
    client.cookies["django_language"] = "zh-hans"
    for rows in (export_csv(client, URL), export_xlsx(client, URL)):
        header = list(rows[0])
        assert "Name" not in header
        assert "名称" in header
        row = dict(zip(header, rows[1], strict=True))
        assert row["名称"] == "Open port project"
        with translation.override("zh-hans"):
            contracted = str(Stage.CONTRACTED.label)
        assert contracted != "Contracted"
        assert row["阶段"] == contracted


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_escapes_cells_that_would_run_as_formulas(as_user, manager, owner, start):
    make_project(f'{start}HYPERLINK("http://evil")', officer=owner)
    rows = export_csv(as_user(manager), URL)
    assert exported_names(rows) == [f'\'{start}HYPERLINK("http://evil")']


def test_xlsx_writes_a_formula_like_name_as_text(as_user, manager, owner):
    make_project("=1+1", officer=owner)
    assert exported_names(export_xlsx(as_user(manager), URL)) == ["'=1+1"]


def test_the_files_are_named_for_the_list_and_the_day(as_user, manager, open_project):
    client = as_user(manager)
    today = timezone.localdate().isoformat()
    csv_response = client.get(URL, {"format": "csv"})
    assert csv_response["Content-Disposition"] == f'attachment; filename="investment-projects-{today}.csv"'
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    xlsx_response = client.get(URL, {"format": "xlsx"})
    assert f"investment-projects-{today}.xlsx" in xlsx_response["Content-Disposition"]
