"""Time in each stage is computed from the StageChange rows, never typed in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from projects.models import InvestmentProject, StageChange
from projects.views import time_in_stages
from tests.conftest import make_project

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY_ONE = datetime(2019, 3, 1, 9, tzinfo=SHANGHAI)


def move(project, from_stage, to_stage, at, to_status="active"):
    return StageChange(
        project=project,
        from_stage=from_stage,
        to_stage=to_stage,
        from_status="active",
        to_status=to_status,
        changed_at=at,
    )


def days(spans):
    return {span.stage: span.days for span in spans}


def test_spans_between_moves_and_up_to_now():
    project = InvestmentProject(stage="intent", created_at=DAY_ONE)
    changes = [
        move(project, "", "lead", DAY_ONE),
        move(project, "lead", "negotiating", DAY_ONE + timedelta(days=10)),
        move(project, "negotiating", "intent", DAY_ONE + timedelta(days=40)),
    ]
    spans = time_in_stages(project, changes, now=DAY_ONE + timedelta(days=100))
    assert days(spans) == {"lead": 10, "negotiating": 30, "intent": 60}
    assert [span.is_current for span in spans] == [False, False, True]


def test_before_the_first_move_the_project_stood_at_its_starting_stage_since_creation():
    project = InvestmentProject(stage="negotiating", created_at=DAY_ONE)
    changes = [move(project, "lead", "negotiating", DAY_ONE + timedelta(days=5))]
    spans = time_in_stages(project, changes, now=DAY_ONE + timedelta(days=7))
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
            changed_at=DAY_ONE + timedelta(days=3),
        ),
    ]
    assert days(time_in_stages(project, changes, now=DAY_ONE + timedelta(days=8))) == {"lead": 8}


def test_a_lost_project_stops_counting_when_it_was_lost():
    project = InvestmentProject(stage="negotiating", status="lost", created_at=DAY_ONE)
    changes = [
        move(project, "", "negotiating", DAY_ONE),
        move(project, "negotiating", "negotiating", DAY_ONE + timedelta(days=12), to_status="lost"),
    ]
    assert days(time_in_stages(project, changes, now=DAY_ONE + timedelta(days=400))) == {"negotiating": 12}


def test_a_project_never_moved_counts_from_its_creation():
    project = InvestmentProject(stage="lead", created_at=DAY_ONE)
    assert days(time_in_stages(project, [], now=DAY_ONE + timedelta(days=3))) == {"lead": 3}


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
