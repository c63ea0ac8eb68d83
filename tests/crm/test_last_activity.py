"""A project's last activity day: moves and meetings keep it, and "stale" read from it gives the old rule's rows."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from crm import activity
from crm.forms import MeetingForm
from crm.services import record_meeting
from projects.activity import refresh_last_activity
from projects.models import InvestmentProject, StageChange
from projects.services import log_opening, move_project
from tests.conftest import make_meeting, make_project

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAYS = settings.STALE_PROJECT_DAYS


def day_of(project) -> object:
    return InvestmentProject.objects.values_list("last_activity_on", flat=True).get(pk=project.pk)


def test_opening_and_moving_a_project_set_its_day(owner):
    project = make_project(stage="lead", officer=owner)
    log_opening(project, user=owner, occurred_on=TODAY - timedelta(days=300))
    assert day_of(project) == project.last_activity_on == TODAY - timedelta(days=300)
    move_project(project, user=owner, stage="negotiating", occurred_on=TODAY - timedelta(days=20))
    assert day_of(project) == project.last_activity_on == TODAY - timedelta(days=20)


def test_a_meeting_recorded_changed_or_moved_to_another_project_sets_both_days(owner):
    first, second = make_project("First", officer=owner), make_project("Second", officer=owner)
    for project in (first, second):
        log_opening(project, user=owner, occurred_on=TODAY - timedelta(days=400))
    meeting = record_meeting(
        user=owner, fields={"title": "Site visit", "date": TODAY - timedelta(days=5), "project": first}
    )
    assert day_of(first) == TODAY - timedelta(days=5)
    # An older meeting does not take the day back.
    record_meeting(user=owner, fields={"title": "Call", "date": TODAY - timedelta(days=50), "project": first})
    assert day_of(first) == TODAY - timedelta(days=5)
    record_meeting(user=owner, meeting=meeting, fields={"project": second})
    assert (day_of(first), day_of(second)) == (TODAY - timedelta(days=50), TODAY - timedelta(days=5))


def test_the_meeting_form_of_the_page_and_api_sets_the_day(owner):
    project = make_project(officer=owner)
    log_opening(project, user=owner, occurred_on=TODAY - timedelta(days=400))
    form = MeetingForm(
        data={
            "title": "Forum",
            "kind": "meeting",
            "date": TODAY - timedelta(days=3),
            "date_precision": "day",
            "project": project.pk,
        },
        user=owner,
    )
    assert form.is_valid(), form.errors
    form.save()
    assert day_of(project) == TODAY - timedelta(days=3)


def test_deleting_the_latest_meeting_in_the_admin_computes_the_day_anew(client, admin_user, owner):
    project = make_project(officer=owner)
    log_opening(project, user=owner, occurred_on=TODAY - timedelta(days=400))
    record_meeting(user=owner, fields={"title": "Old", "date": TODAY - timedelta(days=100), "project": project})
    latest = record_meeting(user=owner, fields={"title": "New", "date": TODAY - timedelta(days=2), "project": project})
    assert day_of(project) == TODAY - timedelta(days=2)
    client.force_login(admin_user)
    response = client.post(reverse("admin:crm_meeting_delete", args=[latest.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert day_of(project) == TODAY - timedelta(days=100)


def stale_fixture(owner):
    """Projects on both sides of the line, by moves, meetings and creation; one archived, one lost."""
    old, recent = TODAY - timedelta(days=DAYS + 30), TODAY - timedelta(days=DAYS - 30)
    made = {}
    for name, moved_on, met_on, created_long_ago, extra in [
        ("moved long ago", old, None, True, {}),
        ("moved lately", recent, None, True, {}),
        ("moved long ago, met lately", old, recent, True, {}),
        ("moved lately, met long ago", recent, old, True, {}),
        ("never moved, old", None, None, True, {}),
        ("never moved, new", None, None, False, {}),
        ("never moved, old, met lately", None, recent, True, {}),
        ("never moved, old, met long ago", None, old, True, {}),
        ("never moved, new, met long ago", None, old, False, {}),
        ("moved long ago, archived", old, None, True, {"is_archived": True}),
        ("moved long ago, lost", old, None, True, {"status": "lost", "lost_reason": "Tianjin"}),
    ]:
        project = make_project(name, officer=owner, **extra)
        if created_long_ago:
            InvestmentProject.objects.filter(pk=project.pk).update(created_at=timezone.now() - timedelta(days=DAYS * 3))
        if moved_on:
            StageChange.objects.create(project=project, to_stage="lead", to_status="active", occurred_on=moved_on)
        if met_on:
            make_meeting(project=project, date=met_on)
        made[name] = project
    return made


def stale_names(rule) -> set[str]:
    return set(InvestmentProject.objects.filter(rule).values_list("name", flat=True))


def test_stale_from_the_kept_day_gives_the_rows_of_the_rule_read_from_moves_and_meetings(owner):
    stale_fixture(owner)
    by_records = stale_names(activity._quiet_as_of(DAYS, timezone.now()) & activity.stale_q(DAYS))
    assert by_records == {
        "moved long ago",
        "never moved, old",
        "never moved, old, met long ago",
    }
    # Not computed yet (a bulk load): the rule reads the records themselves.
    assert stale_names(activity.stale_q(DAYS)) == by_records
    refresh_last_activity(InvestmentProject.objects.values_list("pk", flat=True))
    assert not InvestmentProject.objects.filter(last_activity_on__isnull=True).exists()
    assert stale_names(activity.stale_q(DAYS)) == by_records


def test_the_project_list_stale_filter_shows_those_rows(client, manager, owner):
    stale_fixture(owner)
    refresh_last_activity(InvestmentProject.objects.values_list("pk", flat=True))
    client.force_login(manager)
    response = client.get(reverse("projects:project_list"), {"stale": "true"})
    assert {project.name for project in response.context["object_list"]} == {
        "moved long ago",
        "never moved, old",
        "never moved, old, met long ago",
    }
    response = client.get(reverse("projects:project_list"), {"stale": "false"})
    assert "moved lately" in {project.name for project in response.context["object_list"]}
    assert "moved long ago" not in {project.name for project in response.context["object_list"]}
