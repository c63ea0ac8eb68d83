"""Moving a project's stage or status: gates, roles, the StageChange log, and refusals that change nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from projects.models import InvestmentProject, StageChange
from projects.services import move_project
from tests.conftest import make_gated_project, make_project

pytestmark = pytest.mark.django_db


def assert_unchanged(project, stage, status):
    project.refresh_from_db()
    assert (project.stage, project.status) == (stage, status)
    assert not StageChange.objects.filter(project=project).exists()


def test_officer_moves_own_project_forward_and_it_is_logged(owner):
    project = make_project(officer=owner, stage="lead")
    change = move_project(project, user=owner, stage="negotiating", note="Met in Haifa")
    project.refresh_from_db()
    assert project.stage == "negotiating"
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "lead",
        "negotiating",
        owner,
        "Met in Haifa",
    )


def test_officer_may_not_move_to_contracted(owner):
    project = make_gated_project(owner)
    with pytest.raises(PermissionDenied, match="Only a manager may move a project to contracted or beyond"):
        move_project(project, user=owner, stage="contracted")
    assert_unchanged(project, "intent", "active")


def test_manager_moves_gated_project_to_contracted(owner, manager):
    project = make_gated_project(owner)
    move_project(project, user=manager, stage="contracted")
    assert InvestmentProject.objects.get(pk=project.pk).stage == "contracted"
    assert StageChange.objects.get(project=project).changed_by == manager


def test_gate_lists_every_missing_field(manager):
    project = make_project(stage="intent", officer=manager)
    with pytest.raises(ValidationError) as error:
        move_project(project, user=manager, stage="registered")
    assert error.value.messages == [
        "Record the investor.",
        "Record the contracted amount and its currency.",
        "Record the sector.",
        "Record the park or zone.",
    ]
    assert_unchanged(project, "intent", "active")


def test_other_officer_may_not_move_someone_elses_project(owner, other_officer):
    project = make_project(officer=owner)
    with pytest.raises(PermissionDenied, match="only move projects you are responsible for"):
        move_project(project, user=other_officer, stage="negotiating")
    assert_unchanged(project, "lead", "active")


def test_lost_needs_a_reason(owner):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="Say why the project was lost or withdrawn"):
        move_project(project, user=owner, status="lost")
    assert_unchanged(project, "lead", "active")
    move_project(project, user=owner, status="lost", lost_reason="Chose Ningbo", lost_to="Ningbo")
    project.refresh_from_db()
    assert (project.status, project.lost_reason, project.lost_to) == ("lost", "Chose Ningbo", "Ningbo")


def test_a_move_to_the_same_place_is_refused(owner):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="already at this stage"):
        move_project(project, user=owner, stage="lead")


def test_unknown_stage_is_refused(manager):
    project = make_project(officer=manager)
    with pytest.raises(ValidationError, match="Unknown stage"):
        move_project(project, user=manager, stage="flying")
    assert_unchanged(project, "lead", "active")


def test_a_stale_copy_is_refused(owner):
    project = make_project(officer=owner)
    stale = InvestmentProject.objects.get(pk=project.pk)
    project.description = "changed meanwhile"
    project.save()
    with pytest.raises(ValidationError, match="Someone else changed this project meanwhile"):
        move_project(stale, user=owner, stage="negotiating")
    assert_unchanged(project, "lead", "active")


def test_officer_may_put_a_contracted_project_on_hold(owner):
    project = make_gated_project(owner, stage="contracted")
    move_project(project, user=owner, status="on_hold", note="Investor paused")
    project.refresh_from_db()
    assert (project.stage, project.status) == ("contracted", "on_hold")


# Stage as the evidence states it: gaps, reasons, moves back and the date a move happened.

GATE_LIST = [
    "Record the investor.",
    "Record the contracted amount and its currency.",
    "Record the sector.",
    "Record the park or zone.",
]


def test_officer_moving_through_a_gate_with_gaps_is_refused_with_the_gates_list(owner):
    project = make_project(officer=owner, stage="intent")
    with pytest.raises(ValidationError) as error:
        move_project(project, user=owner, stage="contracted", note="Contract signed")
    assert error.value.messages == GATE_LIST
    assert_unchanged(project, "intent", "active")


def test_officer_may_not_record_a_stage_with_gaps(owner):
    project = make_project(officer=owner, stage="intent")
    with pytest.raises(PermissionDenied, match="Only a manager may record a stage whose gate is not met"):
        move_project(project, user=owner, stage="contracted", note="Brochure says signed", record_with_gaps=True)
    assert_unchanged(project, "intent", "active")


def test_manager_records_the_same_stage_with_gaps_and_a_reason(owner, manager):
    project = make_project(officer=owner, stage="intent")
    # Without asking to record it with gaps, the gate refuses a manager too.
    with pytest.raises(ValidationError) as error:
        move_project(project, user=manager, stage="contracted")
    assert error.value.messages == GATE_LIST
    change = move_project(
        project,
        user=manager,
        stage="contracted",
        note="The brochure says the contract was signed (L633-634); no amount given.",
        record_with_gaps=True,
        occurred_on=date(2019, 6, 5),
    )
    project.refresh_from_db()
    assert project.stage == "contracted"
    change.refresh_from_db()
    assert change.gaps_at_move == GATE_LIST
    assert change.note == "The brochure says the contract was signed (L633-634); no amount given."
    assert (change.changed_by, change.occurred_on) == (manager, date(2019, 6, 5))


def test_recording_with_gaps_needs_a_reason(manager):
    project = make_project(officer=manager, stage="intent")
    with pytest.raises(ValidationError, match="Give the reason for recording this stage with data gaps"):
        move_project(project, user=manager, stage="registered", note="   ", record_with_gaps=True)
    assert_unchanged(project, "intent", "active")


def test_a_move_without_gaps_keeps_none(owner, manager):
    project = make_gated_project(owner)
    change = move_project(project, user=manager, stage="contracted", record_with_gaps=True, note="Signed")
    assert change.gaps_at_move == []


def test_moving_back_needs_a_reason_and_is_then_logged(owner):
    project = make_gated_project(owner, stage="contracted")
    with pytest.raises(ValidationError, match="Say why the project moved back"):
        move_project(project, user=owner, stage="negotiating")
    assert_unchanged(project, "contracted", "active")
    change = move_project(project, user=owner, stage="negotiating", note="Investor reopened the terms")
    project.refresh_from_db()
    assert project.stage == "negotiating"
    assert (change.from_stage, change.to_stage, change.note) == (
        "contracted",
        "negotiating",
        "Investor reopened the terms",
    )


def test_a_move_back_passes_no_gate(owner):
    # A project already standing with gaps may slip back without filling them first.
    project = make_project(officer=owner, stage="registered")
    move_project(project, user=owner, stage="contracted", note="Registration withdrawn by the investor")
    assert InvestmentProject.objects.get(pk=project.pk).stage == "contracted"


def test_a_future_date_is_refused(owner):
    project = make_project(officer=owner)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        move_project(project, user=owner, stage="negotiating", occurred_on=tomorrow)
    assert_unchanged(project, "lead", "active")


def test_a_date_before_the_previous_move_is_refused(owner):
    project = make_project(officer=owner)
    move_project(project, user=owner, stage="negotiating", occurred_on=date(2019, 6, 5))
    project.refresh_from_db()
    with pytest.raises(ValidationError, match=r"before the previous one \(5 June 2019\)"):
        move_project(project, user=owner, stage="intent", occurred_on=date(2019, 6, 4))
    project.refresh_from_db()
    assert project.stage == "negotiating"
    assert StageChange.objects.filter(project=project).count() == 1


def test_a_date_known_to_its_period_is_stored_as_its_first_day_and_may_share_the_previous_period(owner):
    project = make_project(officer=owner)
    move_project(project, user=owner, stage="negotiating", occurred_on=date(2019, 6, 5))
    project.refresh_from_db()
    # "Q2 2019" ends after 5 June 2019: not earlier than the previous move, although its first day is.
    change = move_project(
        project, user=owner, stage="intent", occurred_on=date(2019, 5, 20), occurred_on_precision="quarter"
    )
    assert (change.occurred_on, change.occurred_on_precision) == (date(2019, 4, 1), "quarter")
    project.refresh_from_db()
    change = move_project(
        project, user=owner, status="on_hold", occurred_on=date(2019, 8, 9), occurred_on_precision="month"
    )
    assert change.occurred_on == date(2019, 8, 1)


def test_the_move_defaults_to_today_and_records_both_dates(owner):
    project = make_project(officer=owner)
    change = move_project(project, user=owner, stage="negotiating")
    assert (change.occurred_on, change.occurred_on_precision) == (timezone.localdate(), "day")
    assert change.changed_at is not None


def test_an_unknown_precision_is_refused(owner):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="Unknown date precision"):
        move_project(project, user=owner, stage="negotiating", occurred_on_precision="decade")
    assert_unchanged(project, "lead", "active")
