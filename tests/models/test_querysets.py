"""The named questions asked often: active, in_stage, overdue, due_within, without_projects, stale."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from crm import activity
from crm.models import Agreement, Delegation, FollowUp
from projects.models import InvestmentProject, StageChange
from tests.conftest import (
    make_agreement,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_project,
)

pytestmark = pytest.mark.django_db


def test_active_projects_exclude_lost_and_archived():
    make_project(name="Live")
    make_project(name="Lost", status="lost", lost_reason="Went elsewhere")
    make_project(name="Archived", is_archived=True)
    assert list(InvestmentProject.objects.active().values_list("name", flat=True)) == ["Live"]


def test_in_stage_takes_several_stages():
    make_project(name="A", stage="lead")
    make_project(name="B", stage="intent")
    make_project(name="C", stage="operating")
    assert set(InvestmentProject.objects.in_stage("lead", "operating").values_list("name", flat=True)) == {"A", "C"}
    assert set(InvestmentProject.objects.contracted_or_beyond().values_list("name", flat=True)) == {"C"}


def test_confidential_projects_are_visible_to_their_officer_and_managers(owner, other_officer, manager):
    make_project(name="Secret", is_confidential=True, officer=owner)
    make_project(name="Open", officer=owner)
    assert InvestmentProject.objects.visible_to(owner).count() == 2
    assert InvestmentProject.objects.visible_to(manager).count() == 2
    assert list(InvestmentProject.objects.visible_to(other_officer).values_list("name", flat=True)) == ["Open"]


def test_overdue_and_due_within(owner):
    today = date(2019, 7, 10)
    late = make_follow_up(owner, title="Late", due_on=today - timedelta(days=1))
    make_follow_up(owner, title="Today", due_on=today)
    make_follow_up(owner, title="Next week", due_on=today + timedelta(days=7))
    make_follow_up(owner, title="Far", due_on=today + timedelta(days=30))
    make_follow_up(
        owner, title="Late but done", due_on=today - timedelta(days=3), status="done", completed_at=timezone.now()
    )
    assert list(FollowUp.objects.overdue(today=today)) == [late]
    assert [f.title for f in FollowUp.objects.due_within(7, today=today)] == ["Today", "Next week"]


def test_agreements_without_projects():
    with_project = make_agreement(title="Produced one")
    with_project.projects.add(make_project())
    make_agreement(title="Just paper")
    assert list(Agreement.objects.without_projects().values_list("title", flat=True)) == ["Just paper"]
    assert Agreement.objects.intents().count() == 2


def test_stale_projects_have_no_recent_stage_change_or_meeting():
    now, today = timezone.now(), timezone.localdate()
    long_ago = today - timedelta(days=120)
    quiet = make_project(name="Quiet")
    StageChange.objects.create(project=quiet, to_stage="lead", to_status="active", occurred_on=long_ago)
    # Recorded today, but the move happened long ago: the project has been quiet since.
    recorded_late = make_project(name="Recorded late")
    StageChange.objects.create(
        project=recorded_late, to_stage="lead", to_status="active", occurred_on=long_ago, changed_at=now
    )
    met = make_project(name="Met recently")
    StageChange.objects.create(project=met, to_stage="lead", to_status="active", occurred_on=long_ago)
    make_meeting(project=met, date=today - timedelta(days=10))
    moved = make_project(name="Moved recently")
    StageChange.objects.create(
        project=moved, to_stage="lead", to_status="active", occurred_on=today - timedelta(days=5), changed_at=now
    )
    projects = [quiet.pk, recorded_late.pk, met.pk, moved.pk]
    InvestmentProject.objects.filter(pk__in=projects).update(created_at=now - timedelta(days=200))
    stale = activity.stale(InvestmentProject.objects.all(), 90).order_by("name")
    assert list(stale.values_list("name", flat=True)) == ["Quiet", "Recorded late"]


def test_report_overdue_fifteen_days_after_return():
    today = date(2019, 7, 1)
    make_delegation(
        title="Back 20 days",
        end_date=today - timedelta(days=20),
        start_date=today - timedelta(days=25),
        status=Delegation.Status.RETURNED,
    )
    make_delegation(
        title="Back 5 days",
        end_date=today - timedelta(days=5),
        start_date=today - timedelta(days=9),
        status=Delegation.Status.RETURNED,
    )
    make_delegation(
        title="Reported",
        end_date=today - timedelta(days=40),
        start_date=today - timedelta(days=45),
        status=Delegation.Status.REPORTED,
        report="Done",
    )
    assert [d.title for d in Delegation.objects.report_overdue(today=today)] == ["Back 20 days"]
    assert Delegation.objects.report_pending().count() == 2
    assert Delegation.objects.get(title="Back 5 days").report_due_on == today + timedelta(days=10)


def test_similar_organization_names_match_both_ways_and_ignore_short_fragments():
    from partners.models import Organization
    from tests.conftest import make_organization

    make_organization(name="Qingdao Port")
    make_organization(name="Haifa Port")
    make_organization(name="AG")
    similar = Organization.objects.similar_to
    assert list(similar("Qingdao Port Group").values_list("name", flat=True)) == ["Qingdao Port"]
    assert list(similar("  qingdao   port ").values_list("name", flat=True)) == ["Qingdao Port"]
    assert set(similar("Port").values_list("name", flat=True)) == {"Qingdao Port", "Haifa Port"}
    assert list(similar("Siemens AG").values_list("name", flat=True)) == []
    assert list(similar("").values_list("name", flat=True)) == []
