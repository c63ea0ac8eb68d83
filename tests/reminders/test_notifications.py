"""In-app notifications: who is told what, the count in the navigation bar, opening and reading them."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework.test import APIClient

from core.models import Notification
from core.notifications import notify, responsible_user
from core.signals import record_commented
from crm.services import BulkAction, change_follow_ups
from projects.services import move_project
from tests.conftest import make_follow_up, make_organization, make_project

pytestmark = pytest.mark.django_db
DUE = date.today() + timedelta(days=5)


def follow_up_data(owner, **extra):
    return {
        "title": "Send the site plan",
        "owner": owner.pk,
        "due_on": DUE.isoformat(),
        "priority": "normal",
        "organization": make_organization().pk,
        **extra,
    }


def test_follow_up_given_by_someone_else_tells_its_owner(client, manager, owner):
    client.force_login(manager)
    response = client.post(reverse("crm:followup_create"), follow_up_data(owner))
    assert response.status_code == 302
    [notification] = Notification.objects.filter(recipient=owner)
    assert notification.kind == Notification.Kind.ASSIGNED
    assert notification.actor == manager
    assert notification.text == "Send the site plan"
    assert notification.target.title == "Send the site plan"


def test_own_follow_up_tells_nobody(client, owner):
    client.force_login(owner)
    response = client.post(reverse("crm:followup_create"), follow_up_data(owner))
    assert response.status_code == 302
    assert not Notification.objects.exists()


def test_follow_up_given_through_the_api_tells_its_owner(manager, owner):
    client = APIClient()
    client.force_login(manager)
    data = {"title": "Call back", "owner": owner.pk, "due_on": "2030-01-01", "organization": make_organization().pk}
    assert client.post("/api/v1/follow-ups/", data, format="json").status_code == 201
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.actor, notification.text) == (owner, manager, "Call back")


def test_owner_changed_on_the_edit_page_tells_the_new_owner_only(client, manager, owner, other_officer):
    follow_up = make_follow_up(owner, "Hand over")
    client.force_login(manager)
    data = follow_up_data(other_officer, title="Hand over", version=follow_up.version)
    data["organization"] = follow_up.organization_id
    response = client.post(reverse("crm:followup_update", args=[follow_up.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [n.recipient for n in Notification.objects.all()] == [other_officer]
    data["title"] = "Hand over, renamed"
    data["version"] = follow_up.version + 1
    client.post(reverse("crm:followup_update", args=[follow_up.pk]), data)
    assert Notification.objects.count() == 1  # an edit that keeps the owner tells nobody


def test_bulk_reassign_tells_the_new_owner(manager, owner, other_officer):
    follow_up = make_follow_up(owner, "Visit Haier")
    change_follow_ups([follow_up], user=manager, action=BulkAction.REASSIGN, owner=other_officer)
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.actor) == (other_officer, manager)


def test_stage_moved_by_manager_tells_the_officer(manager, owner):
    project = make_project("Battery plant", officer=owner, stage="lead")
    move_project(project, user=manager, stage="negotiating")
    [notification] = Notification.objects.filter(recipient=owner)
    assert notification.kind == Notification.Kind.MOVED
    assert notification.actor == manager
    assert notification.text == "Battery plant: Lead → Negotiating"


def test_stage_moved_by_the_officer_tells_nobody(owner):
    project = make_project("Own move", officer=owner, stage="lead")
    move_project(project, user=owner, stage="negotiating")
    assert not Notification.objects.exists()


def test_comment_signal_tells_the_records_officer(other_officer, owner):
    project = make_project("Commented project", officer=owner)
    record_commented.send(
        sender=type(project), record=project, note="Investor asked for the land price", author=other_officer
    )
    [notification] = Notification.objects.all()
    assert notification.recipient == owner
    assert notification.kind == Notification.Kind.COMMENTED
    assert "Investor asked for the land price" in notification.text
    assert notification.target == project


def test_comment_by_the_officer_themselves_tells_nobody(owner):
    project = make_project("Self note", officer=owner)
    record_commented.send(sender=type(project), record=project, note="my note", author=owner)
    assert not Notification.objects.exists()


def test_responsible_user_of_records(owner, other_officer):
    assert responsible_user(make_project(officer=owner)) == owner
    assert responsible_user(make_follow_up(other_officer)) == other_officer
    assert responsible_user(make_project()) is None


def _notification(recipient, actor, target, text="Something happened"):
    return notify(recipient=recipient, actor=actor, kind=Notification.Kind.COMMENTED, target=target, text=text)


def test_nav_bar_counts_unread(client, owner, manager):
    project = make_project("Counted", officer=owner)
    _notification(owner, manager, project)
    _notification(owner, manager, project)
    client.force_login(owner)
    content = client.get(reverse("crm:my_work")).content.decode()
    assert '<span class="badge rounded-pill text-bg-warning nav-unread" title="Unread notifications">2<' in content
    Notification.objects.update(read_at="2026-01-01T00:00:00Z")
    content = client.get(reverse("crm:my_work")).content.decode()
    assert "nav-unread" not in content


def test_open_marks_read_and_redirects_to_the_record(client, owner, manager):
    project = make_project("Open me", officer=owner)
    notification = _notification(owner, manager, project)
    client.force_login(owner)
    response = client.get(notification.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_open_without_link_when_the_record_is_no_longer_visible(client, owner, other_officer, manager):
    project = make_project("Secret deal", officer=other_officer, is_confidential=True)
    notification = _notification(owner, manager, project, text="Secret deal: note")
    client.force_login(owner)
    response = client.get(notification.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "you may no longer see it" in content
    assert project.get_absolute_url() not in content


def test_cannot_open_someone_elses_notification(client, owner, other_officer, manager):
    notification = _notification(owner, manager, make_project(officer=owner))
    client.force_login(other_officer)
    assert client.get(notification.get_absolute_url()).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_list_requires_login(client):
    response = client.get(reverse("notification_list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_list_shows_mine_newest_first_and_mark_all_read(client, owner, other_officer, manager):
    project = make_project(officer=owner)
    _notification(owner, manager, project, text="First")
    _notification(owner, manager, project, text="Second")
    _notification(other_officer, manager, project, text="Not yours")
    client.force_login(owner)
    content = client.get(reverse("notification_list")).content.decode()
    assert content.index("Second") < content.index("First")
    assert "Not yours" not in content
    assert "Mark all read" in content
    response = client.post(reverse("notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=owner, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_officer, read_at__isnull=True).count() == 1


def test_mark_all_read_refuses_get(client, owner):
    client.force_login(owner)
    assert client.get(reverse("notification_read_all")).status_code == 405


def test_bad_page_number_is_no_error(client, owner):
    client.force_login(owner)
    assert client.get(reverse("notification_list") + "?page=abc").status_code == 200
    assert client.get(reverse("notification_list") + "?page=99999").status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_list_query_count_does_not_grow(client, owner, manager, django_assert_max_num_queries, count):
    project = make_project(officer=owner)
    project_type = ContentType.objects.get_for_model(project)
    Notification.objects.bulk_create(
        Notification(
            recipient=owner,
            actor=manager,
            kind=Notification.Kind.MOVED,
            target_type=project_type,
            target_id=project.pk,
            text=f"Move {n}",
        )
        for n in range(count)
    )
    client.force_login(owner)
    client.get(reverse("notification_list"))  # the session and content types are loaded once
    # Session, user, page count, rows, unread count, and the layout's own.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("notification_list"))
    assert response.status_code == 200
    assert f"Move {count - 1}" in response.content.decode()


def test_no_name_of_a_record_the_recipient_may_not_see(owner, other_officer, manager):
    secret = make_project("Secret acquisition", officer=other_officer, is_confidential=True)
    notification = notify(
        recipient=owner, actor=manager, kind=Notification.Kind.COMMENTED, target=secret, text="Secret acquisition"
    )
    assert notification.text == ""
