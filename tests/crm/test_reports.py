"""The leadership report: each section on a small hand-computed data set, the workbook, issued snapshots, who may."""

import io
import zipfile
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from core.parsing import parse_period
from crm import reporting, services
from crm.models import Delegation, FollowUp, Report
from projects.models import CapitalInflow, InvestmentProject, StageChange
from tests.conftest import (
    make_country,
    make_delegation,
    make_follow_up,
    make_park,
    make_project,
    make_sector,
)
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
JUNE = parse_period("month", "2019-06")
INDEX = reverse("crm:report_index")
QUERY = "kind=month&period=2019-06"


def inflow(project, usd, on=date(2019, 6, 28)):
    CapitalInflow.objects.create(
        project=project, received_on=on, amount=usd, currency="USD", usd_rate=1, amount_usd=usd
    )


def signed(name, stage, on, usd, **extra):
    money = {"contracted_amount": usd, "currency": "USD", "usd_rate": 1, "contracted_usd": usd}
    return make_project(name, stage=stage, signed_on=on, **money, **extra)


def aged(project, days):
    InvestmentProject.objects.filter(pk=project.pk).update(created_at=timezone.now() - timedelta(days=days))


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


@pytest.fixture
def june(owner, other_officer):
    """June 2019, inbound: A (Germany, Huangdao, the park, 100 contracted, 40 utilized, confidential, owner's) and
    B (Korea, Jimo, no park, 50 contracted, 10 utilized) signed; C signed in May, D outbound, E archived, F only an
    intent: none of them counts. S, T, U went quiet two months ago: S says why in its data-gap note, T in the note
    of its last stage change, U nowhere.
    """
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    factories, food = make_sector("manufacturing", "Advanced manufacturing"), make_sector("food", "Food processing")
    park = make_park()
    a = signed(
        "A works",
        "contracted",
        date(2019, 6, 10),
        100,
        origin_country=germany,
        sector=factories,
        district="huangdao",
        park=park,
        officer=owner,
        is_confidential=True,
    )
    inflow(a, 40)
    b = signed("B foods", "registered", date(2019, 6, 20), 50, origin_country=korea, sector=food, district="jimo")
    inflow(b, 10)
    signed("C May deal", "contracted", date(2019, 5, 1), 70, origin_country=germany)
    signed("D outbound", "contracted", date(2019, 6, 5), 500, direction="outbound", origin_country=germany)
    signed("E archived", "contracted", date(2019, 6, 5), 500, is_archived=True, origin_country=germany)
    f = make_project("F intent", stage="intent", origin_country=germany)
    s = make_project("S quiet", stage="negotiating", data_gap_note="Investor silent since the fair.")
    t = make_project("T waiting", stage="intent")
    StageChange.objects.create(
        project=t,
        from_stage="negotiating",
        to_stage="intent",
        to_status="active",
        occurred_on=timezone.localdate() - timedelta(days=60),
        note="Waiting for land approval.",
    )
    u = make_project("U silent", stage="lead")
    for project in (s, t, u):
        aged(project, 60)
    return {"A": a, "B": b, "F": f}


@pytest.fixture
def chores(owner, other_officer):
    """Follow-ups due in June 2019: the owner's three (one done on time, one done late, one open) and the other
    officer's two (one done on time, one cancelled); one due in July, which does not count."""
    done = FollowUp.Status.DONE
    make_follow_up(owner, due_on=date(2019, 6, 10), status=done, completed_at=at(date(2019, 6, 5)))
    make_follow_up(owner, due_on=date(2019, 6, 15), status=done, completed_at=at(date(2019, 6, 20)))
    make_follow_up(owner, due_on=date(2019, 6, 25))
    make_follow_up(other_officer, due_on=date(2019, 6, 3), status=done, completed_at=at(date(2019, 6, 3)))
    make_follow_up(other_officer, due_on=date(2019, 6, 4), status=FollowUp.Status.CANCELLED)
    make_follow_up(owner, due_on=date(2019, 7, 1))


@pytest.fixture
def trips(owner):
    """Delegations touching June 2019, returned 7 June (report due 22 June): one reported on time, one late, one
    still pending (overdue now); one planned with no end date; one in May only, which does not count."""
    reported = Delegation.Status.REPORTED
    make_delegation("On time", officer=owner, status=reported, report="Met 3 firms.", reported_on=date(2019, 6, 15))
    make_delegation("Late", officer=owner, status=reported, report="Met 2 firms.", reported_on=date(2019, 6, 30))
    make_delegation("Pending", officer=owner, status=Delegation.Status.RETURNED)
    make_delegation("Planned", start_date=date(2019, 6, 25), end_date=None)
    make_delegation("May trip", start_date=date(2019, 5, 2), end_date=date(2019, 5, 5))


def rows_by(rows, key="label"):
    return {row[key]: row for row in rows}


# The period parser -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "value", "start", "end", "key"),
    [
        ("month", "2019-06", date(2019, 6, 1), date(2019, 6, 30), "2019-M06"),
        ("month", "2019-12", date(2019, 12, 1), date(2019, 12, 31), "2019-M12"),
        ("quarter", "2019-Q2", date(2019, 4, 1), date(2019, 6, 30), "2019-Q2"),
        ("quarter", "2019-q4", date(2019, 10, 1), date(2019, 12, 31), "2019-Q4"),
        ("year", "2019", date(2019, 1, 1), date(2019, 12, 31), "2019"),
    ],
)
def test_period_is_read(kind, value, start, end, key):
    period = parse_period(kind, value)
    assert (period.start, period.end, period.key) == (start, end, key)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("month", "2019-13"),
        ("month", "2019-Q2"),
        ("quarter", "2019-Q5"),
        ("year", "0001"),
        ("week", "2019"),
        ("year", "２０１９"),
        ("month", "2019-06\x00"),
        ("year", "9" * 100),
        ("month", None),
    ],
)
def test_bad_period_is_none(kind, value):
    assert parse_period(kind, value) is None


# Each section on the hand-computed set -------------------------------------------------------------------------


def test_signed_in_the_period_counted_once_and_grouped(june, manager):
    data = reporting.figures(manager, JUNE)
    assert [row["name"] for row in data["signed"]["rows"]] == ["A works", "B foods"]
    by = data["signed"]["by"]
    assert rows_by(by["country"]) == {
        "Germany": {"label": "Germany", "count": 1, "contracted_usd": 100.0},
        "South Korea": {"label": "South Korea", "count": 1, "contracted_usd": 50.0},
    }
    assert {row["label"]: row["count"] for row in by["sector"]} == {"Advanced manufacturing": 1, "Food processing": 1}
    assert {row["label"]: row["count"] for row in by["district"]} == {
        "Huangdao District (West Coast New Area)": 1,
        "Jimo District": 1,
    }
    assert {row["label"]: row["count"] for row in by["park"]} == {"Sino-German Eco-Park": 1, "not recorded": 1}


def test_contracted_vs_utilized_inbound_only(june, manager):
    money = reporting.figures(manager, JUNE)["signed"]["money"]
    assert money["signed"] == 2
    assert money["contracted_usd"] == 150.0
    assert money["utilized_usd"] == 50.0
    assert money["capital_rate"] == 33.3


def test_kpis_and_funnel_come_from_the_kpi_page(june, manager):
    kpi = reporting.figures(manager, JUNE)["kpis"]
    rows = rows_by(kpi["rows"])
    # 2019: A, B and C signed; B reached registered. 2019 is every signing year here.
    assert rows["2019"]["signed"] == 3
    assert rows["2019"]["steps"][0] == 1
    assert kpi["total"]["signed"] == 3
    assert any("履约率" in term for term, _text in kpi["definitions"])


def test_new_advanced_and_stalled_with_their_reasons(june, manager):
    movement = reporting.figures(manager, JUNE)["movement"]
    stalled = {row["name"]: row["why"] for row in movement["stalled"]}
    assert stalled == {
        "S quiet": "Investor silent since the fair.",
        "T waiting": "Waiting for land approval.",
        "U silent": "No reason recorded.",
    }
    # With no earlier report, new counts from the start of the period: every project recorded since.
    assert "A works" in {row["name"] for row in movement["new"]}
    assert "E archived" not in {row["name"] for row in movement["new"]}


def test_follow_up_completion_by_owner(chores, manager):
    rows = rows_by(reporting.figures(manager, JUNE)["follow_ups"], "owner")
    assert rows["Li Na"] == {
        "owner": "Li Na",
        "due": 3,
        "done": 2,
        "on_time": 1,
        "open": 1,
        "cancelled": 0,
        "not_recorded": 0,
        "rate": 66.7,
    }
    assert (rows["Zhang Wei"]["due"], rows["Zhang Wei"]["on_time"], rows["Zhang Wei"]["rate"]) == (2, 1, 100.0)


def test_delegations_and_whether_their_reports_were_on_time(trips, manager):
    rows = rows_by(reporting.figures(manager, JUNE)["delegations"], "title")
    assert {title: row["state"] for title, row in rows.items()} == {
        "On time": "on_time",
        "Late": "late",
        "Pending": "overdue",
        "Planned": "not_returned",
    }
    assert rows["On time"]["due_on"] == "2019-06-22"


def test_figures_keep_to_what_the_user_may_see(june, other_officer, owner):
    assert "A works" not in [row["name"] for row in reporting.figures(other_officer, JUNE)["signed"]["rows"]]
    assert "A works" in [row["name"] for row in reporting.figures(owner, JUNE)["signed"]["rows"]]


# Issuing: the done-means test ------------------------------------------------------------------------------------


def test_issuing_twice_reports_what_moved_and_leaves_the_first_unchanged(june, manager, client):
    client.force_login(manager)
    response = client.post(reverse("crm:report_issue"), {"kind": "month", "period": "2019-06"})
    first = Report.objects.get()
    assert response.status_code == 302 and response.url == first.get_absolute_url()
    assert first.number == "2019-M06-1"
    frozen_data, frozen_workbook = first.data, bytes(first.workbook)
    assert frozen_data["moved_since"] is None

    # Between the two: F signs in June, B moves on to construction, a new project G is recorded.
    f = june["F"]
    InvestmentProject.objects.filter(pk=f.pk).update(
        stage="contracted",
        signed_on=date(2019, 6, 28),
        contracted_amount=30,
        currency="USD",
        usd_rate=1,
        contracted_usd=30,
    )
    StageChange.objects.create(project=f, from_stage="intent", to_stage="contracted", to_status="active")
    InvestmentProject.objects.filter(pk=june["B"].pk).update(stage="construction")
    StageChange.objects.create(project=june["B"], from_stage="registered", to_stage="construction", to_status="active")
    make_project("G new lead", stage="lead")

    client.post(reverse("crm:report_issue"), {"kind": "month", "period": "2019-06"})
    second = Report.objects.exclude(pk=first.pk).get()
    assert second.number == "2019-M06-2"
    moved = second.data["moved_since"]
    assert moved["number"] == "2019-M06-1"
    assert {(row["name"], row["from"], row["to"]) for row in moved["moved"]} == {
        ("F intent", "Intent (LOI/MOU)", "Contracted"),
        ("B foods", "Registered", "Construction"),
    }
    assert [row["name"] for row in moved["added"]] == ["G new lead"]
    assert [row["name"] for row in moved["newly_signed"]] == ["F intent"]
    totals = {row["label"]: (row["before"], row["now"]) for row in moved["totals"]}
    assert totals["Inbound projects signed in the period"] == (2, 3)
    assert totals["Contracted foreign investment, USD"] == (150.0, 180.0)
    assert [row["name"] for row in second.data["movement"]["new"]] == ["G new lead"]
    assert {row["name"] for row in second.data["movement"]["advanced"]} == {"F intent", "B foods"}

    first.refresh_from_db()
    assert first.data == frozen_data
    assert bytes(first.workbook) == frozen_workbook
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Since report 2019-M06-1" in page and "Registered → Construction" in page
    old_page = client.get(first.get_absolute_url()).content.decode()
    assert "Registered → Construction" not in old_page and "Report No. 2019-M06-1" in old_page


def test_quarter_and_year_are_numbered_apart(manager):
    services.issue_report(user=manager, period=parse_period("year", "2019"))
    services.issue_report(user=manager, period=parse_period("quarter", "2019-Q2"))
    services.issue_report(user=manager, period=parse_period("year", "2019"))
    assert sorted(Report.objects.values_list("number", flat=True)) == ["2019-1", "2019-2", "2019-Q2-1"]


def test_an_issued_report_never_changes(manager, client, admin_user):
    report = services.issue_report(user=manager, period=JUNE)
    report.data = {"forged": True}
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        Report.objects.filter(pk=report.pk).update(data={"forged": True})
    with pytest.raises(ValidationError):
        report.delete()
    with pytest.raises(ValidationError):
        Report.objects.all().delete()
    client.force_login(admin_user)
    change = reverse("admin:crm_report_change", args=[report.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"number": "X"}).status_code == 403
    assert client.post(reverse("admin:crm_report_delete", args=[report.pk]), {"post": "yes"}).status_code == 403
    report.refresh_from_db()
    assert report.number == "2019-M06-1" and "forged" not in report.data


def test_only_managers_issue(owner):
    with pytest.raises(PermissionDenied):
        services.issue_report(user=owner, period=JUNE)
    assert not Report.objects.exists()


# The workbook --------------------------------------------------------------------------------------------------


def test_workbook_opens_with_its_sheets_and_numbers(june, chores, trips, manager, client):
    client.force_login(manager)
    response = client.get(f"{reverse('crm:report_workbook')}?{QUERY}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Signed", "KPIs", "Definitions", "Movement", "Follow-ups", "Delegations"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=5, max_col=2, values_only=True) if row[0]}
    assert summary["Inbound projects signed (each counted once)"] == 2
    assert summary["Contracted foreign investment (合同外资), USD"] == 150
    assert summary["Utilized foreign investment (实际使用外资) of these projects, USD"] == 50
    signed_rows = [
        row for row in book["Signed"].iter_rows(min_row=5, values_only=True) if row[1] in ("A works", "B foods")
    ]
    assert [(row[1], row[8]) for row in signed_rows] == [("A works", 100), ("B foods", 50)]
    assert book["Signed"]["A1"].value.startswith("Qingdao investment promotion report")
    assert "A1:I1" in {str(merged) for merged in book["Signed"].merged_cells.ranges}
    owners = {row[0]: row for row in book["Follow-ups"].iter_rows(min_row=5, values_only=True)}
    assert owners["Li Na"][1:4] == (3, 2, 1)
    definitions = [row[0] for row in book["Definitions"].iter_rows(min_row=5, values_only=True)]
    assert "Fulfilment rate (履约率)" in definitions
    # Two charts, signings by country and how far signed projects came: openpyxl does not read charts back.
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len([name for name in names if name.startswith("xl/charts/chart")]) == 2


def test_issued_workbook_is_the_frozen_file(manager, client):
    report = services.issue_report(user=manager, period=JUNE)
    client.force_login(manager)
    response = client.get(reverse("crm:report_issued_workbook", args=[report.number]))
    assert response.status_code == 200
    assert response.content == bytes(report.workbook)
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Summary"


# Pages: who may, bad input, queries ---------------------------------------------------------------------------


def test_manager_sees_the_page_the_preview_and_issued_reports(june, manager, client):
    report = services.issue_report(user=manager, period=JUNE)
    client.force_login(manager)
    index = client.get(f"{INDEX}?{QUERY}").content.decode()
    assert "2019-M06-1" in index and "Issue this report" in index
    preview = client.get(f"{reverse('crm:report_preview')}?{QUERY}").content.decode()
    assert "A works" in preview and "report-section" in preview and "css/report.css" in preview
    assert client.get(report.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("persona", ["owner", "other_officer", "no_role"])
def test_officers_and_users_without_a_role_are_refused(june, manager, persona, request, client):
    report = services.issue_report(user=manager, period=JUNE)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        INDEX,
        f"{reverse('crm:report_preview')}?{QUERY}",
        f"{reverse('crm:report_workbook')}?{QUERY}",
        report.get_absolute_url(),
        reverse("crm:report_issued_workbook", args=[report.number]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("crm:report_issue"), {"kind": "month", "period": "2019-06"}).status_code == 403
    assert Report.objects.count() == 1


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize("period", ["2019-13", "June", "", "2019-06\x00", "9" * 50])
def test_bad_period_says_so_and_issues_nothing(manager, client, period):
    client.force_login(manager)
    page = client.get(INDEX, {"kind": "month", "period": period})
    assert page.status_code == 200 and "Enter a month as 2019-06" in page.content.decode()
    for url in (reverse("crm:report_preview"), reverse("crm:report_workbook")):
        response = client.get(url, {"kind": "month", "period": period})
        assert response.status_code == 302 and response.url.startswith(INDEX)
    response = client.post(reverse("crm:report_issue"), {"kind": "month", "period": period}, follow=True)
    assert "nothing was produced" in response.content.decode()
    assert not Report.objects.exists()


def test_unknown_report_is_not_found(manager, client):
    client.force_login(manager)
    assert client.get(reverse("crm:report_detail", args=["2019-M06-9"])).status_code == 404


def test_preview_queries_do_not_grow_with_rows(june, chores, trips, manager, owner, client):
    client.force_login(manager)
    url = f"{reverse('crm:report_preview')}?{QUERY}"
    services.issue_report(user=manager, period=JUNE)
    few = queries_for(client, url, shows=["A works", "B foods", "Li Na", "On time"])
    park, germany = make_park(), make_country("DE", "Germany")
    for number in range(6):
        project = signed(f"Extra {number}", "contracted", date(2019, 6, 12), 10, origin_country=germany, park=park)
        inflow(project, 1)
        make_follow_up(owner, due_on=date(2019, 6, 20))
        make_delegation(f"Extra trip {number}", officer=owner)
    many = queries_for(client, url, shows=["Extra 0", "Extra 5", "Extra trip 5"])
    assert many == few
    assert few <= 40
