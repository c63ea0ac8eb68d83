"""The follow-up actions go through crm.services and say what they did and what they refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import FollowUp
from tests.admin.forms import change_form_data
from tests.conftest import make_follow_up

CHANGELIST = reverse("admin:crm_followup_changelist")


def _run(client, action, *follow_ups, **extra):
    response = client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [follow_up.pk for follow_up in follow_ups], **extra},
        follow=True,
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


def test_cancel_asks_for_the_reason_first(admin_client_, owner):
    still_open = make_follow_up(owner, title="Send the contract draft")

    response = admin_client_.post(CHANGELIST, {"action": "cancel_selected", "_selected_action": [still_open.pk]})

    assert response.status_code == 200
    assert "Send the contract draft" in response.text
    assert 'name="reason"' in response.text
    still_open.refresh_from_db()
    assert still_open.status == FollowUp.Status.OPEN


def test_cancel_with_a_reason_leaves_done_follow_ups_alone(admin_client_, owner):
    done_already = make_follow_up(
        owner, title="Book the hall", status=FollowUp.Status.DONE, completed_at=timezone.now()
    )
    still_open = make_follow_up(owner)

    messages = _run(admin_client_, "cancel_selected", done_already, still_open, apply="1", reason="Event cancelled")

    assert "Cancelled 1 follow-up." in messages
    assert "“Book the hall” was not cancelled: This follow-up is already done." in messages
    still_open.refresh_from_db()
    done_already.refresh_from_db()
    assert (still_open.status, done_already.status) == (FollowUp.Status.CANCELLED, FollowUp.Status.DONE)
    assert still_open.history.first().history_change_reason == "Cancelled: Event cancelled"


def test_reopen_opens_done_and_cancelled_follow_ups_and_says_which_were_open(admin_client_, owner):
    done = make_follow_up(owner, status=FollowUp.Status.DONE, completed_at=timezone.now(), completed_by=owner)
    cancelled = make_follow_up(owner, status=FollowUp.Status.CANCELLED)
    still_open = make_follow_up(owner, title="Call the port")

    messages = _run(admin_client_, "reopen_selected", done, cancelled, still_open)

    assert "Reopened 2 follow-ups." in messages
    assert "“Call the port” was not reopened: This follow-up is already open." in messages
    done.refresh_from_db()
    assert (done.status, done.completed_at, done.completed_by) == (FollowUp.Status.OPEN, None, None)
    assert FollowUp.objects.get(pk=cancelled.pk).status == FollowUp.Status.OPEN


def test_status_cannot_be_typed_in_the_change_form(admin_client_, owner):
    follow_up = make_follow_up(owner, title="Send the site plan")
    url = reverse("admin:crm_followup_change", args=[follow_up.pk])
    page = admin_client_.get(url)

    response = admin_client_.post(url, change_form_data(page, title="Send the revised site plan", status="done"))

    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.title == "Send the revised site plan"
    assert (follow_up.status, follow_up.completed_at) == (FollowUp.Status.OPEN, None)


def test_a_staff_officer_cannot_cancel_or_reopen_another_officers_follow_ups(client, owner, other_officer):
    other_officer.is_staff = True
    other_officer.save()
    client.force_login(other_officer)
    open_one = make_follow_up(owner, title="Call the port")
    done = make_follow_up(owner, title="Book the hall", status=FollowUp.Status.DONE, completed_at=timezone.now())

    refused = _run(client, "cancel_selected", open_one, apply="1", reason="Not needed")
    refused += _run(client, "reopen_selected", done)

    assert (
        "“Call the port” was not cancelled: Only its owner, whoever created it or a manager may cancel this follow-up."
        in refused
    )
    assert (
        "“Book the hall” was not reopened: Only its owner, whoever created it or a manager may reopen this follow-up."
        in refused
    )
    assert FollowUp.objects.get(pk=open_one.pk).status == FollowUp.Status.OPEN
    assert FollowUp.objects.get(pk=done.pk).status == FollowUp.Status.DONE
