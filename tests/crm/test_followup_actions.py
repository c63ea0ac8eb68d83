"""Adding a follow-up from any page, editing it, and completing it in one click."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

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


def test_the_edit_form_does_not_move_the_status(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    url = reverse("crm:followup_update", args=[follow_up.pk])
    assert "status" not in owner_client.get(url).context["form"].fields
    data = {
        "title": "Call back today",
        "owner": owner.pk,
        "due_on": follow_up.due_on.isoformat(),
        "priority": "normal",
        "organization": follow_up.organization_id,
        "version": follow_up.version,
    }
    for status in ("done", "cancelled"):
        assert owner_client.post(url, {**data, "status": status}).status_code == 302
        follow_up.refresh_from_db()
        data["version"] = follow_up.version
        assert (follow_up.title, follow_up.status) == ("Call back today", "open")


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


def test_complete_is_post_only(owner_client, owner):
    follow_up = make_follow_up(owner)
    assert owner_client.get(reverse("crm:followup_complete", args=[follow_up.pk])).status_code == 405


# Cancelling and reopening from the follow-up page.


def test_the_owner_cancels_with_a_reason_and_returns_to_the_page(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    response = owner_client.post(
        reverse("crm:followup_cancel", args=[follow_up.pk]), {"reason": "The investor withdrew."}, follow=True
    )
    assert response.redirect_chain[-1][0] == follow_up.get_absolute_url()
    assert "Cancelled: “Call back”." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == "cancelled"
    assert "Cancelled: The investor withdrew." in follow_up.description


def test_cancelling_without_a_reason_says_so_and_changes_nothing(owner_client, owner):
    follow_up = make_follow_up(owner)
    response = owner_client.post(reverse("crm:followup_cancel", args=[follow_up.pk]), follow=True)
    assert "Say why the follow-up is cancelled." in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


def test_the_owner_reopens_a_done_follow_up(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back", status="done", completed_at=timezone.now(), completed_by=owner)
    response = owner_client.post(reverse("crm:followup_reopen", args=[follow_up.pk]), follow=True)
    assert "Reopened: “Call back”." in response.content.decode()
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.completed_at, follow_up.completed_by) == ("open", None, None)


def test_another_officer_can_neither_cancel_nor_reopen(client, owner, other_officer):
    open_one = make_follow_up(owner)
    done = make_follow_up(owner, status="done", completed_at=timezone.now(), completed_by=owner)
    client.force_login(other_officer)
    assert client.post(reverse("crm:followup_cancel", args=[open_one.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("crm:followup_reopen", args=[done.pk])).status_code == 403
    assert FollowUp.objects.get(pk=open_one.pk).status == "open"
    assert FollowUp.objects.get(pk=done.pk).status == "done"


def test_the_page_offers_cancel_and_reopen_only_to_those_allowed_and_when_the_status_allows(
    client, owner, other_officer, manager
):
    open_one = make_follow_up(owner)
    done = make_follow_up(owner, status="done", completed_at=timezone.now(), completed_by=owner)
    cancel = f'action="{reverse("crm:followup_cancel", args=[open_one.pk])}"'
    reopen = f'action="{reverse("crm:followup_reopen", args=[done.pk])}"'
    for user, offered in ((owner, True), (manager, True), (other_officer, False)):
        client.force_login(user)
        open_page = client.get(open_one.get_absolute_url()).content.decode()
        done_page = client.get(done.get_absolute_url()).content.decode()
        assert (cancel in open_page, reopen in done_page) == (offered, offered), user
        assert "followup_reopen" not in open_page and "/cancel/" not in done_page


def test_cancel_and_reopen_are_post_only(owner_client, owner):
    follow_up = make_follow_up(owner)
    for name in ("crm:followup_cancel", "crm:followup_reopen"):
        assert owner_client.get(reverse(name, args=[follow_up.pk])).status_code == 405
