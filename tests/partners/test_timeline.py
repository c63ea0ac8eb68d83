from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string

from crm.models import FollowUp
from crm.timeline import TimelineEntry, build_timeline
from projects.models import CapitalInflow, StageChange
from tests.conftest import make_agreement, make_follow_up, make_meeting, make_project

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_entries_of_every_kind_come_in_date_order(owner):
    project = make_project(name="Haier smart factory", officer=owner)
    make_meeting(title="Site visit", date=date(2019, 6, 3), project=project)
    agreement = make_agreement(title="MOU on the factory", signed_on=date(2019, 6, 5))
    agreement.projects.add(project)
    StageChange.objects.create(
        project=project,
        from_stage="negotiating",
        to_stage="intent",
        from_status="active",
        to_status="active",
        occurred_on=date(2019, 6, 6),
        changed_at=datetime(2019, 6, 6, 10, tzinfo=SHANGHAI),
        changed_by=owner,
        note="MOU signed in Munich",
    )
    make_follow_up(owner, title="Send land offer", project=project, due_on=date(2019, 6, 20))
    CapitalInflow.objects.create(
        project=project,
        received_on=date(2019, 6, 1),
        amount=Decimal("1000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        amount_usd=Decimal("1120000"),
    )

    entries = build_timeline(
        meetings=project.meetings.all(),
        agreements=project.agreements.all(),
        stage_changes=project.stage_changes.select_related("changed_by"),
        follow_ups=project.follow_ups.select_related("owner"),
        capital_inflows=project.capital_inflows.all(),
    )

    assert [entry.kind for entry in entries] == [
        "capital_inflow",
        "meeting",
        "agreement",
        "stage_change",
        "follow_up",
    ]
    move = entries[3]
    assert move.title == "Negotiating → Intent (LOI/MOU)"
    assert "by Li Na" in move.detail and "MOU signed in Munich" in move.detail
    assert entries[0].title == "1,000,000\u00a0EUR received"
    assert "1,120,000\u00a0USD" in entries[0].detail


def test_newest_first_keeps_undated_entries_last():
    entries = build_timeline(
        extra=[
            TimelineEntry(date=date(2019, 1, 1), kind="meeting", title="old"),
            TimelineEntry(date=None, kind="agreement", title="draft"),
            TimelineEntry(date=date(2019, 6, 1), kind="meeting", title="new"),
        ],
        newest_first=True,
    )
    assert [entry.title for entry in entries] == ["new", "old", "draft"]


def test_dates_are_shown_as_precisely_as_they_are_known():
    assert TimelineEntry(date=date(2019, 6, 1), kind="meeting", title="", precision="month").display_date == "June 2019"
    assert TimelineEntry(date=date(2019, 4, 1), kind="meeting", title="", precision="quarter").display_date == "Q2 2019"
    assert TimelineEntry(date=date(2019, 1, 1), kind="meeting", title="", precision="year").display_date == "2019"


def test_completed_follow_up_stands_at_its_completion_day(owner):
    follow_up = make_follow_up(owner, title="Call the investor", due_on=date(2019, 7, 1))
    follow_up.status = FollowUp.Status.DONE
    follow_up.completed_at = datetime(2019, 6, 12, 9, tzinfo=SHANGHAI)
    follow_up.completed_by = owner
    follow_up.save()

    (entry,) = build_timeline(follow_ups=[follow_up])

    assert entry.date == date(2019, 6, 12)
    assert entry.detail.startswith("Done")


def test_include_renders_entries_and_an_empty_message():
    html = render_to_string(
        "includes/timeline.html",
        {"entries": [TimelineEntry(date=date(2019, 6, 3), kind="meeting", title="Forum in Munich", url="/m/1/")]},
    )
    assert '<a href="/m/1/">Forum in Munich</a>' in html
    assert 'datetime="2019-06-03"' in html
    assert "Nothing has happened yet." in render_to_string("includes/timeline.html", {"entries": []})
