"""Managers change several follow-ups at once from the list, after one page that lists what will change."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from crm.models import FollowUp
from tests.conftest import make_follow_up

pytestmark = pytest.mark.django_db
LIST = reverse("crm:followup_list")
BULK = reverse("crm:followup_bulk")


def post(client, follow_ups, action, owner=None, confirm=False, follow=False):
    data = {"pk": [f.pk for f in follow_ups], "action": action, "next": LIST}
    if owner is not None:
        data["owner"] = owner.pk
    if confirm:
        data["confirm"] = "yes"
    return client.post(BULK, data, follow=follow)


@pytest.fixture
def two(owner):
    soon = date.today() + timedelta(days=3)
    return [make_follow_up(owner, "Send the survey", due_on=soon), make_follow_up(owner, "Call Teva", due_on=soon)]


def test_the_confirmation_page_lists_each_change_and_changes_nothing(manager_client, two, other_officer):
    response = post(manager_client, two, "reassign", owner=other_officer)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("Owner: Li Na → Zhang Wei") == 2
    assert "2 follow-ups will change as below; nothing changes until you confirm." in content
    assert set(FollowUp.objects.values_list("owner__username", flat=True)) == {"owner"}


def test_confirming_reassigns_with_a_history_reason(manager_client, two, other_officer):
    response = post(manager_client, two, "reassign", owner=other_officer, confirm=True, follow=True)
    assert "2 follow-ups changed." in response.content.decode()
    assert set(FollowUp.objects.values_list("owner__username", flat=True)) == {"other"}
    assert two[0].history.first().history_change_reason == "Owner: Li Na → Zhang Wei"


def test_complete_goes_through_the_one_rule_and_leaves_done_ones(manager_client, manager, two):
    two[1].status = FollowUp.Status.CANCELLED
    two[1].save()
    content = post(manager_client, two, "complete").content.decode()
    assert "Left as it is: Already cancelled." in content
    response = post(manager_client, two, "complete", confirm=True, follow=True)
    assert "1 follow-up changed. 1 left as it was." in response.content.decode()
    two[0].refresh_from_db()
    assert (two[0].status, two[0].completed_by) == (FollowUp.Status.DONE, manager)
    two[1].refresh_from_db()
    assert two[1].status == FollowUp.Status.CANCELLED


def test_archive_takes_them_off_the_list(manager_client, two):
    post(manager_client, two, "archive", confirm=True)
    assert FollowUp.objects.filter(is_archived=True).count() == 2
    assert manager_client.get(LIST).context["result_count"] == 0


def test_an_officer_is_refused_and_nothing_changes(owner_client, two, other_officer):
    assert post(owner_client, two, "reassign", owner=other_officer, confirm=True).status_code == 403
    assert set(FollowUp.objects.values_list("owner__username", flat=True)) == {"owner"}
    content = owner_client.get(LIST).content.decode()
    assert 'id="bulk-form"' not in content and 'form="bulk-form"' not in content


def test_the_list_offers_managers_a_checkbox_per_row(manager_client, two):
    content = manager_client.get(LIST).content.decode()
    assert 'id="bulk-form"' in content
    assert content.count('form="bulk-form"') == 2


def test_reassigning_needs_a_person_and_a_choice(manager_client, two):
    response = post(manager_client, two, "reassign", follow=True)
    assert "nothing was changed" in response.content.decode()
    response = manager_client.post(BULK, {"action": "archive", "next": LIST}, follow=True)
    assert "Choose at least one follow-up; nothing was changed." in response.content.decode()
    response = post(manager_client, two, "delete", confirm=True, follow=True)
    assert "nothing was changed" in response.content.decode()
    assert FollowUp.objects.filter(is_archived=False).count() == 2


def test_the_list_keeps_a_fixed_number_of_queries_for_managers(manager_client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert manager_client.get(LIST, {"per_page": 100}).status_code == 200
        return len(captured)

    for _number in range(2):
        make_follow_up(owner)
    few = queries()
    for _number in range(58):
        make_follow_up(owner)
    assert queries() == few
