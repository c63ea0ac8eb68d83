"""The follow-up actions go through crm.services and say what they did and what they refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import FollowUp
from tests.admin.forms import change_form_data
from tests.conftest import make_follow_up

CHANGELIST = reverse("admin:crm_followup_changelist")


def _run(client, action, *follow_ups):
    response = client.post(
        CHANGELIST, {"action": action, "_selected_action": [follow_up.pk for follow_up in follow_ups]}, follow=True
    )
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_mark_done_records_when_and_by_whom(admin_client_, admin_user, owner):
    first, second = make_follow_up(owner), make_follow_up(owner)

    messages = _run(admin_client_, "mark_done", first, second)

    assert "Marked 2 follow-ups done." in messages
    for follow_up in (first, second):
        follow_up.refresh_from_db()
        assert follow_up.status == FollowUp.Status.DONE
        assert follow_up.completed_by == admin_user
        assert abs(follow_up.completed_at - timezone.now()).total_seconds() < 60


def test_an_officers_follow_up_can_be_marked_done_by_the_administrator(admin_client_, admin_user, owner):
    follow_up = make_follow_up(owner, title="Send the Eco-Park brochure")

    _run(admin_client_, "mark_done", follow_up)

    follow_up.refresh_from_db()
    assert (follow_up.owner, follow_up.completed_by) == (owner, admin_user)
    assert follow_up.history.first().history_change_reason == "Completed"


def test_mark_done_reports_each_refusal_with_its_reason_and_does_the_rest(admin_client_, admin_user, owner):
    done_already = make_follow_up(
        owner, title="Book the hall", status=FollowUp.Status.DONE, completed_at=timezone.now()
    )
    cancelled = make_follow_up(owner, title="Call the port", status=FollowUp.Status.CANCELLED)
    still_open = make_follow_up(owner, title="Send the contract draft")

    messages = _run(admin_client_, "mark_done", done_already, cancelled, still_open)

    assert "Marked 1 follow-up done." in messages
    assert "“Book the hall” was not marked done: This follow-up is already done." in messages
    assert "“Call the port” was not marked done: This follow-up is already cancelled." in messages
    cancelled.refresh_from_db()
    assert cancelled.status == FollowUp.Status.CANCELLED
    assert cancelled.completed_at is None


def test_cancel_leaves_done_follow_ups_alone(admin_client_, owner):
    done_already = make_follow_up(
        owner, title="Book the hall", status=FollowUp.Status.DONE, completed_at=timezone.now()
    )
    still_open = make_follow_up(owner)

    messages = _run(admin_client_, "cancel_selected", done_already, still_open)

    assert "Cancelled 1 follow-up." in messages
    assert "“Book the hall” was not cancelled: It is already done." in messages
    still_open.refresh_from_db()
    done_already.refresh_from_db()
    assert (still_open.status, done_already.status) == (FollowUp.Status.CANCELLED, FollowUp.Status.DONE)


def test_status_cannot_be_typed_in_the_change_form(admin_client_, owner):
    follow_up = make_follow_up(owner, title="Send the site plan")
    url = reverse("admin:crm_followup_change", args=[follow_up.pk])
    page = admin_client_.get(url)

    response = admin_client_.post(url, change_form_data(page, title="Send the revised site plan", status="done"))

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.title == "Send the revised site plan"
    assert (follow_up.status, follow_up.completed_at) == (FollowUp.Status.OPEN, None)
