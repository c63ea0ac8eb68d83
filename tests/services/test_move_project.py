"""Moving a project's stage or status: gates, roles, the StageChange log, and refusals that change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

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
