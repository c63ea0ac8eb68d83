"""Adding a follow-up from any page, editing it, and completing it in one click."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from crm.models import FollowUp
from tests.conftest import make_delegation, make_follow_up, make_project

pytestmark = pytest.mark.django_db
CREATE = reverse("crm:followup_create")


def test_add_preselects_what_it_concerns_and_returns_to_next(owner_client, owner):
    project = make_project(officer=owner)
    back = project.get_absolute_url()
    form = owner_client.get(CREATE, {"project": project.pk, "next": back}).context["form"]
    assert str(form.initial["project"]) == str(project.pk)
    assert form.initial["owner"] == owner
    response = owner_client.post(
        f"{CREATE}?project={project.pk}",
        {
            "title": "Send land prices",
            "owner": owner.pk,
            "due_on": "2030-01-10",
            "priority": "normal",
            "project": project.pk,
            "next": back,
        },
    )
    assert response.status_code == 302
    assert response.url == back
    assert FollowUp.objects.get().project == project


def test_add_refuses_an_outside_next(owner_client, owner):
    trip = make_delegation()
    response = owner_client.post(
        CREATE,
        {
            "title": "Write it up",
            "owner": owner.pk,
            "due_on": "2030-01-10",
            "priority": "normal",
            "delegation": trip.pk,
            "next": "https://example.com/phish",
        },
    )
    assert response.url == FollowUp.objects.get().get_absolute_url()


def test_a_follow_up_about_nothing_is_refused_and_nothing_saved(owner_client, owner):
    response = owner_client.post(
        CREATE, {"title": "Vague", "owner": owner.pk, "due_on": "2030-01-10", "priority": "normal"}
    )
    assert response.status_code == 200
    assert "Say what this follow-up concerns" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_confidential_project_of_another_officer_cannot_be_chosen(client, owner, other_officer):
    secret = make_project("Secret", officer=owner, is_confidential=True)
    client.force_login(other_officer)
    response = client.post(
        CREATE,
        {
            "title": "Peek",
            "owner": other_officer.pk,
            "due_on": "2030-01-10",
            "priority": "normal",
            "project": secret.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_only_the_owner_or_a_manager_edits(client, owner, other_officer, manager):
    follow_up = make_follow_up(owner, "Call back")
    url = reverse("crm:followup_update", args=[follow_up.pk])
    client.force_login(other_officer)
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Hijacked"}).status_code == 403
    for user in (owner, manager):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_edit_can_cancel_but_not_mark_done(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    url = reverse("crm:followup_update", args=[follow_up.pk])
    data = {
        "title": "Call back",
        "owner": owner.pk,
        "due_on": follow_up.due_on.isoformat(),
        "priority": "normal",
        "organization": follow_up.organization_id,
        "version": follow_up.version,
    }
    response = owner_client.post(url, {**data, "status": "done"})
    assert response.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
    assert owner_client.post(url, {**data, "status": "cancelled"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "cancelled"


def test_an_edit_from_an_older_version_is_refused(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    url = reverse("crm:followup_update", args=[follow_up.pk])
    stale_version = follow_up.version
    FollowUp.objects.get(pk=follow_up.pk).save()  # someone else saved meanwhile
    response = owner_client.post(
        url,
        {
            "title": "My change",
            "owner": owner.pk,
            "due_on": follow_up.due_on.isoformat(),
            "priority": "normal",
            "status": "open",
            "organization": follow_up.organization_id,
            "version": stale_version,
        },
    )
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    assert FollowUp.objects.get(pk=follow_up.pk).title == "Call back"


def test_the_owner_completes_in_one_click_and_returns_to_next(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back", due_on=date.today() - timedelta(days=2))
    response = owner_client.post(
        reverse("crm:followup_complete", args=[follow_up.pk]), {"next": reverse("crm:my_work")}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("crm:my_work")
    assert "Done: “Call back”." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    assert follow_up.completed_by == owner
    assert follow_up.completed_at is not None


def test_a_manager_may_complete_it(manager_client, owner):
    follow_up = make_follow_up(owner)
    manager_client.post(reverse("crm:followup_complete", args=[follow_up.pk]))
    follow_up.refresh_from_db()
    assert follow_up.status == "done"


def test_another_officer_gets_403_and_nothing_changes(client, owner, other_officer):
    follow_up = make_follow_up(owner)
    client.force_login(other_officer)
    assert client.post(reverse("crm:followup_complete", args=[follow_up.pk])).status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_completing_twice_says_so(owner_client, owner):
    follow_up = make_follow_up(owner)
    url = reverse("crm:followup_complete", args=[follow_up.pk])
    owner_client.post(url)
    response = owner_client.post(url, follow=True)
    assert "This follow-up is already done." in response.content.decode()
