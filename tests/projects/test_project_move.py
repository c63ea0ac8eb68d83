"""The move-stage page: it calls move_project, shows a refusal's reasons and changes nothing on refusal."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from projects.models import StageChange
from tests.conftest import make_gated_project, make_project

pytestmark = pytest.mark.django_db


def url(project):
    return reverse("projects:project_move", args=[project.pk])


def post_move(client, user, project, **data):
    client.force_login(user)
    data.setdefault("status", project.status)
    data.setdefault("version", project.version)
    data.setdefault("occurred_on", date.today().isoformat())
    data.setdefault("occurred_on_precision", "day")
    return client.post(url(project), data)


def assert_unchanged(project, stage, status):
    project.refresh_from_db()
    assert (project.stage, project.status) == (stage, status)
    assert not StageChange.objects.filter(project=project).exists()


def test_page_offers_every_stage_and_status_and_the_date_it_happened(client, owner):
    project = make_project(officer=owner, stage="negotiating")
    client.force_login(owner)
    response = client.get(url(project))
    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _ in form.fields["stage"].choices] == [
        "lead",
        "negotiating",
        "intent",
        "contracted",
        "registered",
        "construction",
        "operating",
    ]
    assert [value for value, _ in form.fields["status"].choices] == ["active", "on_hold", "lost", "withdrawn"]
    assert form["stage"].value() == "negotiating" and form["status"].value() == "active"
    assert form["occurred_on"].value() == date.today()
    assert [value for value, _ in form.fields["occurred_on_precision"].choices] == ["day", "month", "quarter", "year"]
    # Recording a stage with data gaps is a manager's option, not offered to an officer.
    assert "record_with_gaps" not in form.fields


def test_officer_moves_own_project_and_the_move_is_logged(client, owner):
    project = make_project(officer=owner, stage="negotiating")
    response = post_move(client, owner, project, stage="intent", note="MOU signed in Haifa")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    project.refresh_from_db()
    assert project.stage == "intent"
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "negotiating",
        "intent",
        owner,
        "MOU signed in Haifa",
    )


def test_officer_is_refused_contracted_with_the_permission_message(client, owner):
    project = make_gated_project(owner)
    response = post_move(client, owner, project, stage="contracted")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The project was not moved:" in html
    assert "Only a manager may move a project to contracted or beyond." in html
    assert_unchanged(project, "intent", "active")


def test_manager_moves_to_contracted_and_a_stage_change_appears(client, owner, manager):
    project = make_gated_project(owner)
    response = post_move(client, manager, project, stage="contracted", note="Contract signed at the Qingdao Week")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == "contracted"
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.changed_by) == ("intent", "contracted", manager)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Contract signed at the Qingdao Week" in page


def test_gate_refusal_lists_what_is_missing_and_changes_nothing(client, manager):
    project = make_project(officer=manager, stage="intent")
    response = post_move(client, manager, project, stage="contracted")
    html = response.content.decode()
    for reason in [
        "Record the investor.",
        "Record the contracted amount and its currency.",
        "Record the sector.",
        "Record the park or zone.",
    ]:
        assert reason in html
    assert reverse("projects:project_update", args=[project.pk]) in html
    assert_unchanged(project, "intent", "active")


def test_lost_needs_a_reason(client, owner):
    project = make_project(officer=owner, stage="negotiating")
    response = post_move(client, owner, project, stage="negotiating", status="lost")
    assert "Say why the project was lost or withdrawn." in response.content.decode()
    assert_unchanged(project, "negotiating", "active")
    post_move(
        client, owner, project, stage="negotiating", status="lost", lost_reason="Chose Tianjin", lost_to="Tianjin"
    )
    project.refresh_from_db()
    assert (project.status, project.lost_reason, project.lost_to) == ("lost", "Chose Tianjin", "Tianjin")


def test_nothing_to_move_is_refused(client, owner):
    project = make_project(officer=owner, stage="lead")
    response = post_move(client, owner, project, stage="lead")
    assert "The project is already at this stage and status." in response.content.decode()
    assert_unchanged(project, "lead", "active")


def test_a_move_over_a_newer_change_is_refused(client, owner):
    project = make_project(officer=owner, stage="lead")
    opened_at = project.version
    project.description = "Edited meanwhile"
    project.save()
    response = post_move(client, owner, project, stage="negotiating", version=opened_at)
    assert "Someone else changed this project meanwhile" in response.content.decode()
    assert_unchanged(project, "lead", "active")


def test_unknown_stage_is_a_form_error(client, owner):
    project = make_project(officer=owner, stage="intent")
    response = post_move(client, owner, project, stage="flying")
    assert "stage" in response.context["form"].errors
    assert_unchanged(project, "intent", "active")


def test_another_officer_is_refused(client, owner, other_officer):
    project = make_project(officer=owner, stage="lead")
    client.force_login(other_officer)
    assert client.get(url(project)).status_code == 403
    assert post_move(client, other_officer, project, stage="negotiating").status_code == 403
    assert_unchanged(project, "lead", "active")


GATE_LIST = [
    "Record the investor.",
    "Record the contracted amount and its currency.",
    "Record the sector.",
    "Record the park or zone.",
]


def test_the_manager_is_offered_recording_with_gaps(client, owner, manager):
    project = make_project(officer=owner, stage="intent")
    client.force_login(manager)
    response = client.get(url(project))
    html = response.content.decode()
    assert "record_with_gaps" in response.context["form"].fields
    assert "Record this stage with data gaps" in html
    assert 'name="occurred_on"' in html and 'name="occurred_on_precision"' in html


def test_officer_is_refused_a_gated_stage_with_the_gates_list_even_asking_for_gaps(client, owner):
    project = make_project(officer=owner, stage="intent")
    response = post_move(
        client, owner, project, stage="contracted", note="The brochure says signed", record_with_gaps="on"
    )
    html = response.content.decode()
    assert "The project was not moved:" in html
    for reason in GATE_LIST:
        assert reason in html
    assert_unchanged(project, "intent", "active")


def test_manager_records_the_stage_with_gaps_and_a_reason_on_the_page(client, owner, manager):
    project = make_project(officer=owner, stage="intent")
    response = post_move(
        client,
        manager,
        project,
        stage="operating",
        note="In operation since 17 April 2019 (L1453-1454)",
        record_with_gaps="on",
        occurred_on="2019-04-17",
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == "operating"
    change = StageChange.objects.get(project=project)
    assert change.gaps_at_move == GATE_LIST
    assert (change.occurred_on, change.changed_by) == (date(2019, 4, 17), manager)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "In operation since 17 April 2019 (L1453-1454)" in page
    assert "Recorded with data gaps:" in page


def test_recording_with_gaps_without_a_reason_is_refused_on_the_page(client, owner, manager):
    project = make_project(officer=owner, stage="intent")
    response = post_move(client, manager, project, stage="contracted", record_with_gaps="on")
    assert "Give the reason for recording this stage with data gaps." in response.content.decode()
    assert_unchanged(project, "intent", "active")


def test_moving_back_with_a_reason(client, owner):
    project = make_gated_project(owner, stage="contracted")
    response = post_move(client, owner, project, stage="negotiating")
    assert "Say why the project moved back to an earlier stage." in response.content.decode()
    assert_unchanged(project, "contracted", "active")
    response = post_move(client, owner, project, stage="negotiating", note="The investor reopened the terms")
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == "negotiating"


def test_a_future_date_is_refused_on_the_page(client, owner):
    project = make_project(officer=owner, stage="lead")
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = post_move(client, owner, project, stage="negotiating", occurred_on=tomorrow.isoformat())
    assert "The date a move happened cannot be in the future." in response.content.decode()
    assert_unchanged(project, "lead", "active")
    response = post_move(client, owner, project, stage="negotiating", occurred_on="2999-01-01")
    assert "Enter a date between the years 1900 and 2200." in response.content.decode()
    assert_unchanged(project, "lead", "active")


def test_the_stage_history_shows_when_it_happened_apart_from_when_it_was_recorded(client, owner):
    project = make_project(officer=owner, stage="lead")
    post_move(client, owner, project, stage="negotiating", occurred_on="2019-04-10", occurred_on_precision="month")
    project.refresh_from_db()
    post_move(client, owner, project, stage="intent", occurred_on="2019-05-01", occurred_on_precision="quarter")
    project.refresh_from_db()
    post_move(
        client, owner, project, status="on_hold", stage="intent", occurred_on="2020-03-03", occurred_on_precision="year"
    )
    html = client.get(project.get_absolute_url()).content.decode()
    for shown in ("April 2019", "Q2 2019", ">2020<", "Happened on", "Recorded at"):
        assert shown in html, shown
    assert date_format(timezone.localtime(StageChange.objects.first().changed_at), "DATETIME_FORMAT") in html
