"""The follow-up list: owner, status, priority, due dates, overdue, and a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import FollowUp
from tests.conftest import make_agreement, make_follow_up, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:followup_list")
TODAY = date.today()


def titles(response):
    return sorted(follow_up.title for follow_up in response.context["object_list"])


@pytest.fixture
def follow_ups(owner, other_officer):
    make_follow_up(owner, "Late call", due_on=TODAY - timedelta(days=3), priority="high")
    make_follow_up(owner, "Due today", due_on=TODAY)
    make_follow_up(other_officer, "Colleague's task", due_on=TODAY + timedelta(days=5))
    done = make_follow_up(owner, "Finished", due_on=TODAY - timedelta(days=10))
    FollowUp.objects.filter(pk=done.pk).update(status="done", completed_at=timezone.now(), completed_by=owner)


def test_overdue_is_open_and_past_its_due_date(owner_client, follow_ups):
    response = owner_client.get(URL, {"overdue": "true"})
    assert titles(response) == ["Late call"]
    assert "Overdue" in response.content.decode()
    assert titles(owner_client.get(URL, {"overdue": "false"})) == ["Colleague's task", "Due today", "Finished"]


def test_filters_by_owner_status_priority_and_due_dates(owner_client, follow_ups, other_officer):
    assert titles(owner_client.get(URL, {"owner": other_officer.pk})) == ["Colleague's task"]
    assert titles(owner_client.get(URL, {"status": "done"})) == ["Finished"]
    assert titles(owner_client.get(URL, {"priority": "high"})) == ["Late call"]
    assert titles(owner_client.get(URL, {"due_after": TODAY.isoformat()})) == ["Colleague's task", "Due today"]
    assert titles(owner_client.get(URL, {"due_before": (TODAY - timedelta(days=1)).isoformat()})) == [
        "Finished",
        "Late call",
    ]
    assert titles(owner_client.get(URL, {"completed_after": TODAY.isoformat()})) == ["Finished"]
    assert titles(owner_client.get(URL, {"q": "colleague"})) == ["Colleague's task"]


def test_complete_buttons_only_on_follow_ups_the_user_may_close(owner_client, follow_ups):
    content = owner_client.get(URL, {"o": "due_on"}).content.decode()
    assert content.count('class="d-inline complete-form"') == 2  # own open ones, not the colleague's or the done one


def test_a_manager_may_complete_anyones(manager_client, follow_ups):
    content = manager_client.get(URL).content.decode()
    assert content.count('class="d-inline complete-form"') == 3


def test_confidential_project_is_not_named_to_other_officers(client, owner, other_officer):
    make_follow_up(owner, "Call investor", project=make_project("Secret plant", officer=owner, is_confidential=True))
    client.force_login(other_officer)
    content = client.get(URL).content.decode()
    assert "Call investor" in content
    assert "Secret plant" not in content


def test_query_count_does_not_grow_with_rows(owner_client, owner):
    def add(count, start):
        for number in range(start, start + count):
            make_follow_up(owner, f"Task {number:03}", agreement=make_agreement(), project=make_project(officer=owner))

    add(2, 0)
    few = queries_for(owner_client, f"{URL}?per_page=100", shows=["Task 000", "Task 001"])
    add(58, 2)
    assert queries_for(owner_client, f"{URL}?per_page=100", shows=["Task 000", "Task 059"]) == few
