"""Every change is in the history, and the history page says when, who and which field changed."""

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template

from crm.models import FollowUp
from partners.models import Organization
from projects.models import InvestmentProject
from projects.services import move_project
from tests.conftest import make_country, make_follow_up, make_organization, make_project

pytestmark = pytest.mark.django_db


def history_url(record):
    return f"/history/{record._meta.app_label}/{record._meta.model_name}/{record.pk}/"


def test_creating_a_record_writes_a_history_row():
    organization = make_organization("Qingdao Port")
    rows = organization.history.all()
    assert [row.history_type for row in rows] == ["+"]
    assert rows[0].name == "Qingdao Port"


def test_changing_a_record_writes_a_row_with_the_diff():
    organization = make_organization("Qingdao Port")
    organization.notes = "Berth 7"
    organization.save()
    newer, older = organization.history.all()[:2]
    assert newer.history_type == "~"
    delta = newer.diff_against(older)
    assert delta.changed_fields == ["notes"]


def test_deleting_a_record_writes_a_row_and_the_page_still_shows_it(client, manager):
    organization = make_organization("Short-lived GmbH")
    url = history_url(organization)
    organization.delete()
    assert Organization.history.filter(id=int(url.split("/")[-2]), history_type="-").exists()
    client.force_login(manager)
    content = client.get(url).content.decode()
    assert "has been deleted" in content
    assert "Deleted" in content and "Short-lived GmbH" in content


def test_a_stage_move_writes_a_row_with_its_reason(owner):
    project = make_project(officer=owner, stage="lead")
    move_project(project, user=owner, stage="negotiating", note="Second meeting in Haifa")
    newer, older = project.history.all()[:2]
    assert (older.stage, newer.stage) == ("lead", "negotiating")
    assert newer.history_change_reason == "Second meeting in Haifa"


@pytest.mark.urls("tests.trust.admin_site")
def test_an_admin_action_writes_rows_with_the_administrator(client, admin_user, owner):
    first, second = make_follow_up(owner, title="Send brochure"), make_follow_up(owner, title="Call back")
    client.force_login(admin_user)
    response = client.post(
        "/trust-admin/crm/followup/",
        {"action": "complete_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    for follow_up in (first, second):
        latest = follow_up.history.first()
        assert (latest.status, latest.history_user, latest.history_change_reason) == ("done", admin_user, "Completed")
    assert FollowUp.objects.filter(status="done").count() == 2


@pytest.mark.urls("tests.trust.admin_site")
def test_the_history_page_shows_who_changed_which_field(client, admin_user, manager):
    organization = make_organization("Qingdao Port", notes="Original notes")
    admin_user.first_name, admin_user.last_name = "Chen", "Jie"
    admin_user.save()
    client.force_login(admin_user)
    response = client.post(
        f"/trust-admin/partners/organization/{organization.pk}/change/",
        {"name": "Qingdao Port", "kind": "port", "country": organization.country_id, "notes": "Berth 7", "version": 1},
    )
    assert response.status_code == 302

    client.force_login(manager)
    response = client.get(history_url(organization))
    assert response.status_code == 200
    content = response.content.decode()
    assert "History of Qingdao Port" in content
    assert "Chen Jie" in content
    assert "<dt>Notes</dt>" in content
    assert "Original notes</del> → <ins>Berth 7</ins>" in content
    assert "<dt>Kind</dt>" in content and "Company</del> → <ins>Port</ins>" in content
    assert "Created" in content and "Changed" in content


def test_related_records_are_named_not_numbered(client, manager, owner, other_officer):
    project = make_project("Battery plant", officer=owner)
    project.officer = other_officer
    project.save()
    client.force_login(manager)
    content = client.get(history_url(project)).content.decode()
    assert "Li Na</del> → <ins>Zhang Wei</ins>" in content  # people by their names, not usernames


def test_the_page_runs_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries):
    organization = make_organization("Busy Port")
    client.force_login(manager)
    for count in (3, 40):
        for number in range(count):
            organization.notes = f"Note {number}"
            organization.sector = None
            organization.save()
        with django_assert_max_num_queries(12):
            response = client.get(history_url(organization))
        assert response.status_code == 200
        assert f"Note {count - 2}</del> → <ins>Note {count - 1}</ins>" in response.content.decode()


def test_long_histories_are_paginated(client, manager):
    organization = make_organization("Busy Port")
    for number in range(60):
        organization.notes = f"Note {number}"
        organization.save()
    client.force_login(manager)
    first = client.get(history_url(organization)).content.decode()
    assert "Note 58</del> → <ins>Note 59</ins>" in first and "Page 1 of 2" in first
    second = client.get(history_url(organization) + "?page=2").content.decode()
    # The oldest change on page 2 is still compared with its predecessor, and the creation row closes the list.
    assert "Note 8</del> → <ins>Note 9</ins>" in second
    assert "Created" in second


def test_a_confidential_project_is_hidden_from_other_officers(client, owner, other_officer, manager):
    project = make_project("Secret fund", officer=owner, is_confidential=True)
    stage_change = project.stage_changes.create(to_stage="lead", to_status="active", changed_by=owner)
    for url in (history_url(project), history_url(stage_change)):
        client.force_login(other_officer)
        assert client.get(url).status_code == 404
        client.force_login(owner)
        assert client.get(url).status_code == 200
        client.force_login(manager)
        assert client.get(url).status_code == 200


def test_a_follow_up_about_a_confidential_project_shows_with_the_project_masked(client, owner, other_officer):
    project = make_project("Secret fund", officer=owner, is_confidential=True)
    follow_up = make_follow_up(owner, title="Call the investor")
    follow_up.project = project
    follow_up.save()
    client.force_login(other_officer)
    response = client.get(history_url(follow_up))
    assert response.status_code == 200
    assert "Call the investor" in response.content.decode()
    assert "Secret fund" not in response.content.decode()
    client.force_login(owner)
    assert "Secret fund" in client.get(history_url(follow_up)).content.decode()


def test_unknown_models_and_records_are_not_found(client, manager):
    client.force_login(manager)
    assert client.get("/history/auth/user/1/").status_code == 404
    assert client.get("/history/partners/nothing/1/").status_code == 404
    assert client.get("/history/partners/organization/999999/").status_code == 404


def test_officers_see_histories_of_ordinary_records(client, other_officer, owner):
    project = make_project("Open project", officer=owner)
    assert Group.objects.get(name="Officer") in other_officer.groups.all()
    client.force_login(other_officer)
    assert client.get(history_url(project)).status_code == 200


def test_the_history_link_for_detail_pages():
    project = InvestmentProject.objects.create(name="Linked")
    rendered = Template('{% include "history/_link.html" with object=project %}').render(Context({"project": project}))
    assert f'href="/history/projects/investmentproject/{project.pk}/"' in rendered
    assert ">History</a>" in rendered
    tag = Template("{% load record_history %}{% history_link project %}").render(Context({"project": project}))
    assert tag.strip() == rendered.strip()


def test_a_record_loaded_without_history_says_its_earlier_values_are_unknown(client, manager):
    # Fixtures (loaddata) and bulk_create write no history row for the record's creation.
    (organization,) = Organization.objects.bulk_create([Organization(name="Seeded Port", country=make_country())])
    organization.notes = "First edit"
    organization.save()
    client.force_login(manager)
    content = client.get(history_url(organization)).content.decode()
    assert "The values before this change were not recorded." in content
    assert "No visible field changed" not in content
