"""Completing a follow-up keeps what came of it; reopening keeps why; both on its page, for those who may."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_follow_up

pytestmark = pytest.mark.django_db


def test_completing_with_an_outcome_keeps_it_in_the_description_and_history(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    owner_client.post(reverse("crm:followup_complete", args=[follow_up.pk]), {"outcome": "  They  will invest. "})
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    assert follow_up.description.endswith("Outcome: They will invest.")
    assert follow_up.history.first().history_change_reason == "Completed: They will invest."


def test_the_page_asks_its_owner_for_an_outcome_and_for_a_reason_to_reopen(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back")
    html = owner_client.get(follow_up.get_absolute_url()).content.decode()
    assert 'name="outcome"' in html and 'name="reason"' in html  # the reason here is the cancel form's
    done = make_follow_up(owner, "Done one", status="done", completed_at=timezone.now(), completed_by=owner)
    html = owner_client.get(done.get_absolute_url()).content.decode()
    assert reverse("crm:followup_reopen", args=[done.pk]) in html
    assert 'id="reopen-reason"' in html and 'name="outcome"' not in html


def test_reopening_with_a_reason_keeps_it(owner_client, owner):
    follow_up = make_follow_up(owner, "Call back", status="done", completed_at=timezone.now(), completed_by=owner)
    owner_client.post(reverse("crm:followup_reopen", args=[follow_up.pk]), {"reason": "Asked again"})
    follow_up.refresh_from_db()
    assert follow_up.status == "open"
    assert follow_up.history.first().history_change_reason == "Reopened: Asked again"


def test_another_officer_is_offered_neither_and_is_refused(client, owner, other_officer):
    follow_up = make_follow_up(owner, "Call back", status="done", completed_at=timezone.now(), completed_by=owner)
    client.force_login(other_officer)
    html = client.get(follow_up.get_absolute_url()).content.decode()
    assert 'id="reopen-reason"' not in html
    response = client.post(reverse("crm:followup_reopen", args=[follow_up.pk]), {"reason": "x"})
    assert response.status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
