"""The move form offers only the moves the user may make, says why not for the others, and a gate's
refusal leads to recording what is missing and back to the move with the note kept."""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from projects.services import stage_options
from tests.conftest import make_gated_project, make_project

pytestmark = pytest.mark.django_db


def options(project, user):
    return {option.stage: option for option in stage_options(project, user)}


def test_an_officer_may_not_choose_contracted_or_beyond_and_is_told_why(owner):
    offered = options(make_gated_project(owner), owner)
    assert offered["negotiating"].allowed and offered["intent"].current
    for stage in ("contracted", "registered", "construction", "operating"):
        assert not offered[stage].allowed
        assert offered[stage].reason == "Only a manager may move a project to contracted or beyond."
        assert not offered[stage].fixable


def test_a_manager_may_choose_them(owner, manager):
    offered = options(make_gated_project(owner), manager)
    assert all(option.allowed for option in offered.values())


def test_the_page_disables_what_the_officer_may_not_choose(client, owner):
    project = make_gated_project(owner)
    client.force_login(owner)
    html = client.get(reverse("projects:project_move", args=[project.pk])).content.decode()
    contracted = html.split('value="contracted"')[1].split(">")[0]
    assert "disabled" in contracted
    negotiating = html.split('value="negotiating"')[1].split(">")[0]
    assert "disabled" not in negotiating
    assert "Only a manager may move a project to contracted or beyond." in html


def test_posting_a_refused_stage_anyway_is_refused_without_the_useless_edit_link(client, owner):
    project = make_gated_project(owner)
    client.force_login(owner)
    data = {"stage": "contracted", "status": "active", "version": project.version}
    data |= {"occurred_on": date.today().isoformat(), "occurred_on_precision": "day"}
    html = client.post(reverse("projects:project_move", args=[project.pk]), data).content.decode()
    assert "Only a manager may move a project to contracted or beyond." in html
    assert "Record what is missing, then come back here" not in html
    project.refresh_from_db()
    assert project.stage == "intent"


def test_a_gate_refusal_leads_to_the_edit_and_back_with_the_note_kept(client, manager):
    project = make_project(officer=manager, stage="intent")
    client.force_login(manager)
    move = reverse("projects:project_move", args=[project.pk])
    data = {"stage": "contracted", "status": "active", "version": project.version, "note": "Signed at the fair"}
    data |= {"occurred_on": date.today().isoformat(), "occurred_on_precision": "day"}
    response = client.post(move, data)
    fix = response.context["form"].fix_url
    assert fix in response.content.decode().replace("&amp;", "&")
    back = parse_qs(urlparse(fix).query)["next"][0]
    assert back.startswith(move)
    edit = client.get(fix).content.decode()
    assert 'name="next"' in edit
    again = client.get(back).content.decode()
    assert "Signed at the fair" in again
    assert 'value="contracted" id="id_stage_4" checked' in again or 'value="contracted"' in again
