"""My work shows the longest-overdue follow-ups, the true total and a link to the overdue list."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.views.my_work import OVERDUE_SHOWN
from tests.conftest import make_follow_up, make_organization, make_project

pytestmark = pytest.mark.django_db
URL = reverse("crm:my_work")
TODAY = date.today()


def add_overdue(owner, count: int, prefix: str = "Late") -> None:
    organization = make_organization()
    for number in range(count):
        make_follow_up(
            owner, f"{prefix} {number:03d}", organization=organization, due_on=TODAY - timedelta(days=number + 1)
        )


def test_overdue_is_capped_with_the_true_total_and_a_link_to_the_overdue_list(owner_client, owner, other_officer):
    add_overdue(owner, OVERDUE_SHOWN + 5)
    add_overdue(other_officer, 3, prefix="Colleague")
    make_follow_up(
        owner, "Archived", organization=make_organization(), due_on=TODAY - timedelta(days=2), is_archived=True
    )

    response = owner_client.get(URL)

    assert response.status_code == 200
    overdue = response.context["overdue"]
    assert len(overdue) == OVERDUE_SHOWN and response.context["overdue_total"] == OVERDUE_SHOWN + 5
    # The longest overdue first.
    assert overdue[0].title == f"Late {OVERDUE_SHOWN + 4:03d}"
    content = response.content.decode()
    assert f"Show all {OVERDUE_SHOWN + 5}" in content
    listed = owner_client.get(response.context["overdue_list_url"])
    assert listed.context["result_count"] == OVERDUE_SHOWN + 5


def test_a_short_overdue_list_has_no_show_all_link(owner_client, owner):
    add_overdue(owner, 2)
    response = owner_client.get(URL)
    assert response.context["overdue_total"] == 2
    assert "Show all" not in response.content.decode()


def test_follow_ups_about_a_confidential_project_count_for_their_owner(owner_client, owner, other_officer):
    secret = make_project("Secret plant", officer=other_officer, is_confidential=True)
    make_follow_up(owner, "Ask about it", project=secret, due_on=TODAY - timedelta(days=1))
    response = owner_client.get(URL)
    assert response.context["overdue_total"] == 1
    assert owner_client.get(response.context["overdue_list_url"]).context["result_count"] == 1


def test_query_count_is_the_same_at_2_and_60_overdue(owner_client, owner, other_officer):
    def count(shows: list[str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = owner_client.get(URL)
        assert response.status_code == 200
        content = response.content.decode()
        assert [text for text in shows if text not in content] == []
        return len(captured)

    add_overdue(owner, 2)
    owner_client.get(URL)
    small = count(["Late 000", "Late 001"])
    add_overdue(owner, 58, prefix="More")
    # The longest overdue first, the rest behind the link.
    assert count(["More 057", f"More {57 - OVERDUE_SHOWN + 1:03d}", "Show all 60"]) == small
