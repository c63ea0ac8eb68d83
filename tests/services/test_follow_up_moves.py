"""Cancelling and reopening follow-ups: who may, from which status, and what is kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crm.models import FollowUp
from crm.services import cancel_follow_up, complete_follow_up, reopen_follow_up
from tests.conftest import make_follow_up

pytestmark = pytest.mark.django_db


def test_the_owner_cancels_an_open_follow_up_with_the_reason_kept(owner):
    follow_up = make_follow_up(owner, description="Send the land prices.")
    cancel_follow_up(follow_up, user=owner, reason="  The investor chose Tianjin. ")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.CANCELLED
    assert (follow_up.completed_at, follow_up.completed_by) == (None, None)
    assert follow_up.description == "Send the land prices.\n\nCancelled: The investor chose Tianjin."
    latest = follow_up.history.first()
    assert (latest.history_change_reason, latest.status) == ("Cancelled: The investor chose Tianjin.", "cancelled")


def test_a_cancellation_needs_a_reason(owner):
    follow_up = make_follow_up(owner)
    with pytest.raises(ValidationError, match="Say why the follow-up is cancelled."):
        cancel_follow_up(follow_up, user=owner, reason="   ")
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.OPEN


@pytest.mark.parametrize("status", [FollowUp.Status.DONE, FollowUp.Status.CANCELLED])
def test_only_an_open_follow_up_is_cancelled(owner, status):
    follow_up = make_follow_up(owner, status=status, completed_at=timezone.now())
    with pytest.raises(ValidationError, match=f"This follow-up is already {status}."):
        cancel_follow_up(follow_up, user=owner, reason="No longer needed")


def test_another_officer_may_not_cancel_or_reopen_and_a_manager_may(owner, other_officer, manager):
    follow_up = make_follow_up(owner)
    with pytest.raises(PermissionDenied):
        cancel_follow_up(follow_up, user=other_officer, reason="Not mine, but")
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.OPEN
    cancel_follow_up(follow_up, user=manager, reason="Merged into another follow-up")
    with pytest.raises(PermissionDenied):
        reopen_follow_up(follow_up, user=other_officer)
    reopen_follow_up(follow_up, user=manager)
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.OPEN


def test_whoever_created_it_may_cancel_it_for_its_owner(owner, other_officer):
    follow_up = make_follow_up(other_officer, created_by=owner)
    cancel_follow_up(follow_up, user=owner, reason="Promised by mistake")
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.CANCELLED


def test_reopening_a_done_follow_up_clears_when_and_by_whom_it_was_completed(owner):
    follow_up = make_follow_up(owner)
    complete_follow_up(follow_up, user=owner)
    reopen_follow_up(follow_up, user=owner, note="The investor asked again.")
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.completed_at, follow_up.completed_by) == ("open", None, None)
    assert follow_up.description.endswith("Reopened: The investor asked again.")
    assert follow_up.history.first().history_change_reason == "Reopened: The investor asked again."


def test_reopening_a_cancelled_follow_up_without_a_note(owner):
    follow_up = make_follow_up(owner, status=FollowUp.Status.CANCELLED, description="Call back.")
    reopen_follow_up(follow_up, user=owner)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.description) == ("open", "Call back.")
    assert follow_up.history.first().history_change_reason == "Reopened"


def test_an_open_follow_up_is_not_reopened(owner):
    with pytest.raises(ValidationError, match="This follow-up is already open."):
        reopen_follow_up(make_follow_up(owner), user=owner)


def test_a_move_reads_the_stored_status_not_a_stale_copy(owner, manager):
    follow_up = make_follow_up(owner)
    stale = FollowUp.objects.get(pk=follow_up.pk)
    complete_follow_up(follow_up, user=manager)
    with pytest.raises(ValidationError, match="already done"):
        cancel_follow_up(stale, user=owner, reason="Too late")
    assert FollowUp.objects.get(pk=follow_up.pk).status == FollowUp.Status.DONE
