"""My work, the home page: my overdue and soon-due follow-ups, my projects by stage, my trip reports."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import Delegation, FollowUp
from tests.conftest import make_delegation, make_follow_up, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:my_work")
TODAY = date.today()


def titles(items):
    return [item.title for item in items]


def test_is_the_home_page():
    assert URL == "/"


def test_lists_my_overdue_and_this_weeks_follow_ups_only(owner_client, owner, other_officer):
    make_follow_up(owner, "Yesterday", due_on=TODAY - timedelta(days=1))
    make_follow_up(owner, "Today", due_on=TODAY)
    make_follow_up(owner, "In a week", due_on=TODAY + timedelta(days=7))
    make_follow_up(owner, "In a fortnight", due_on=TODAY + timedelta(days=14))
    make_follow_up(other_officer, "Not mine", due_on=TODAY - timedelta(days=1))
    make_follow_up(owner, "Archived", due_on=TODAY - timedelta(days=1), is_archived=True)
    done = make_follow_up(owner, "Done", due_on=TODAY - timedelta(days=3))
    FollowUp.objects.filter(pk=done.pk).update(status="done", completed_at=timezone.now())
    response = owner_client.get(URL)
    assert titles(response.context["overdue"]) == ["Yesterday"]
    assert titles(response.context["due_soon"]) == ["Today", "In a week"]
    content = response.content.decode()
    assert content.count('class="d-inline complete-form"') == 3
    assert f'action="{reverse("crm:followup_complete", args=[response.context["overdue"][0].pk])}"' in content


def test_project_counts_by_stage_link_to_the_same_number_on_the_project_list(owner_client, owner, other_officer):
    make_project("Lead A", stage="lead", officer=owner)
    make_project("Lead B", stage="lead", officer=owner, is_confidential=True)
    make_project("Intent", stage="intent", officer=owner)
    make_project("Lost", stage="intent", officer=owner, status="lost", lost_reason="Went elsewhere")
    make_project("Archived", stage="lead", officer=owner, is_archived=True)
    make_project("Someone else's", stage="lead", officer=other_officer)
    stages = owner_client.get(URL).context["stages"]
    counts = {stage["label"]: stage["count"] for stage in stages}
    assert counts["Lead"] == 2
    assert counts["Intent (LOI/MOU)"] == 1
    for stage in stages:
        assert owner_client.get(stage["url"]).context["result_count"] == stage["count"], stage["label"]


def test_lists_my_trips_whose_report_is_due_or_overdue(owner_client, owner, other_officer):
    make_delegation(
        "Late",
        officer=owner,
        status=Delegation.Status.RETURNED,
        start_date=TODAY - timedelta(days=25),
        end_date=TODAY - timedelta(days=20),
    )
    make_delegation(
        "Due soon",
        officer=owner,
        status=Delegation.Status.RETURNED,
        start_date=TODAY - timedelta(days=4),
        end_date=TODAY - timedelta(days=2),
    )
    make_delegation("Reported", officer=owner, status=Delegation.Status.REPORTED, report="Written")
    make_delegation("Planned", officer=owner, status=Delegation.Status.PLANNED)
    make_delegation("Colleague's", officer=other_officer, status=Delegation.Status.RETURNED)
    reports = owner_client.get(URL).context["reports"]
    assert titles(reports) == ["Late", "Due soon"]
    assert [report.report_is_overdue for report in reports] == [True, False]


def test_the_same_number_of_queries_at_2_and_60_rows(owner_client, owner):
    def add(count, start):
        for number in range(start, start + count):
            project = make_project(f"Project {number:03}", officer=owner, stage=["lead", "intent"][number % 2])
            make_follow_up(owner, f"Late {number}", due_on=TODAY - timedelta(days=1), project=project)
            make_follow_up(owner, f"Soon {number}", due_on=TODAY + timedelta(days=1), project=project)
            make_delegation(f"Trip {number}", officer=owner, status=Delegation.Status.RETURNED)

    add(2, 0)
    few = queries_for(owner_client, URL, shows=["Late 0", "Late 1", "Soon 1", "Trip 1", "Project 001"])
    add(58, 2)
    # Both follow-up lists are capped, each with its "Show all" link.
    assert queries_for(owner_client, URL, shows=["Late 0", "Show all 60", "Soon 0", "Trip 59", "Project 000"]) == few
    assert owner_client.get(URL).content.decode().count("Show all 60") == 2
