"""Time in each stage is computed from the StageChange rows, from the day each move happened, never typed in."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from projects.models import InvestmentProject, StageChange
from projects.views import time_in_stages
from tests.conftest import make_project

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_ONE = datetime(2019, 3, 1, 9, tzinfo=SHANGHAI)
# Every move below is recorded long after it happened: time in stage must not read this.
RECORDED = datetime(2026, 11, 30, 9, tzinfo=SHANGHAI)


def move(project, from_stage, to_stage, at, to_status="active"):
    return StageChange(
        project=project,
        from_stage=from_stage,
        to_stage=to_stage,
        from_status="active",
        to_status=to_status,
        occurred_on=at.date(),
        changed_at=RECORDED,
    )


def on(moment):
    return moment.date()


def days(spans):
    return {span.stage: span.days for span in spans}


def test_spans_between_moves_and_up_to_now():
    project = InvestmentProject(stage="intent", created_at=DAY_ONE)
    changes = [
        move(project, "", "lead", DAY_ONE),
        move(project, "lead", "negotiating", DAY_ONE + timedelta(days=10)),
        move(project, "negotiating", "intent", DAY_ONE + timedelta(days=40)),
    ]
    spans = time_in_stages(project, changes, today=on(DAY_ONE + timedelta(days=100)))
    assert days(spans) == {"lead": 10, "negotiating": 30, "intent": 60}
    assert [span.is_current for span in spans] == [False, False, True]


def test_before_the_first_move_the_project_stood_at_its_starting_stage_since_creation():
    project = InvestmentProject(stage="negotiating", created_at=DAY_ONE)
    changes = [move(project, "lead", "negotiating", DAY_ONE + timedelta(days=5))]
    spans = time_in_stages(project, changes, today=on(DAY_ONE + timedelta(days=7)))
    assert days(spans) == {"lead": 5, "negotiating": 2}


def test_status_moves_keep_counting_the_same_stage():
    project = InvestmentProject(stage="lead", status="active", created_at=DAY_ONE)
    changes = [
        move(project, "", "lead", DAY_ONE),
        StageChange(
            project=project,
            from_stage="lead",
            to_stage="lead",
            from_status="active",
            to_status="on_hold",
            occurred_on=on(DAY_ONE + timedelta(days=3)),
        ),
    ]
    assert days(time_in_stages(project, changes, today=on(DAY_ONE + timedelta(days=8)))) == {"lead": 8}


def test_a_lost_project_stops_counting_when_it_was_lost():
    project = InvestmentProject(stage="negotiating", status="lost", created_at=DAY_ONE)
    changes = [
        move(project, "", "negotiating", DAY_ONE),
        move(project, "negotiating", "negotiating", DAY_ONE + timedelta(days=12), to_status="lost"),
    ]
    assert days(time_in_stages(project, changes, today=on(DAY_ONE + timedelta(days=400)))) == {"negotiating": 12}


def test_a_project_never_moved_counts_from_its_creation():
    project = InvestmentProject(stage="lead", created_at=DAY_ONE)
    assert days(time_in_stages(project, [], today=on(DAY_ONE + timedelta(days=3)))) == {"lead": 3}


def test_moves_made_through_the_service_show_on_the_page(client, owner, manager):
    from projects.services import move_project

    project = make_project(officer=owner, stage="lead")
    move_project(project, user=owner, stage="negotiating", note="First call")
    client.force_login(owner)
    response = client.get(project.get_absolute_url())
    assert [(span.stage, span.is_current) for span in response.context["stage_times"]] == [
        ("lead", False),
        ("negotiating", True),
    ]
    assert "First call" in response.content.decode()


def test_time_in_stage_counts_from_when_the_move_happened_not_when_it_was_recorded():
    # Operating since 17 April 2019, recorded in the CRM years later.
    project = InvestmentProject(stage="operating", created_at=RECORDED)
    changes = [
        StageChange(
            project=project,
            from_stage="",
            to_stage="operating",
            from_status="",
            to_status="active",
            occurred_on=date(2019, 4, 17),
            changed_at=RECORDED,
        )
    ]
    assert days(time_in_stages(project, changes, today=date(2019, 5, 17))) == {"operating": 30}


def test_the_project_page_counts_days_from_the_date_given_on_the_move(client, owner):
    from django.utils import timezone

    from projects.services import move_project

    project = make_project(officer=owner, stage="lead")
    ten_days_ago = timezone.localdate() - timedelta(days=10)
    move_project(project, user=owner, stage="negotiating", note="Met in Haifa", occurred_on=ten_days_ago)
    client.force_login(owner)
    [*_, current] = client.get(project.get_absolute_url()).context["stage_times"]
    assert (current.stage, current.days) == ("negotiating", 10)
