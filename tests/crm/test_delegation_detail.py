"""The delegation page: every field, dates as precise as known, the trip report's due date, related records."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from crm.models import AgreementParty, Delegation
from projects.models import StageChange
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_project,
)

pytestmark = pytest.mark.django_db


def page(client, delegation):
    response = client.get(reverse("crm:delegation_detail", args=[delegation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_shows_the_trip_its_meetings_agreements_and_follow_ups(owner_client, owner):
    leader = make_contact("Wang Qing", title="Deputy Mayor")
    trip = make_delegation(
        "Delegation to Israel and Germany",
        leader=leader,
        cities="Tel Aviv, Munich",
        purpose="Promote the Sino-German Eco-Park",
        members_note="Bureau of Commerce (3)",
        officer=owner,
        provenance="Brochure lines 40-52",
    )
    trip.countries.add(make_country("IL", "Israel"))
    teva = make_organization("Teva Pharmaceutical")
    meeting = make_meeting("Talks with Teva", delegation=trip, outcome="Site survey in Q3")
    meeting.organizations.add(teva)
    make_agreement("MOU on an API plant", delegation=trip, amount=120_000_000, currency="USD", amount_usd=120_000_000)
    make_follow_up(owner, "Send the survey invitation", delegation=trip)
    content = page(owner_client, trip)
    for text in (
        "Delegation to Israel and Germany",
        "Outbound from Qingdao",
        "2 June 2019 – 7 June 2019",
        "Israel",
        "Tel Aviv, Munich",
        "Wang Qing",
        "Bureau of Commerce (3)",
        "Promote the Sino-German Eco-Park",
        "Talks with Teva",
        "Teva Pharmaceutical",
        "Site survey in Q3",
        "MOU on an API plant",
        "120,000,000\u00a0USD",
        "Send the survey invitation",
        "Brochure lines 40-52",
        "History",
    ):
        assert text in content, text
    assert f"{reverse('crm:followup_create')}?delegation={trip.pk}&amp;next=" in content


def test_a_month_precision_trip_reads_as_a_month(owner_client):
    trip = make_delegation("Delegation to Japan", start_date=date(2019, 3, 1), end_date=None, date_precision="month")
    content = page(owner_client, trip)
    assert "March 2019" in content
    assert "1 March 2019" not in content


def test_report_due_fifteen_days_after_return_and_flagged_when_late(owner_client):
    today = date.today()
    late = make_delegation(
        "Late",
        status=Delegation.Status.RETURNED,
        start_date=today - timedelta(days=20),
        end_date=today - timedelta(days=16),
    )
    content = page(owner_client, late)
    due = date_format(late.end_date + timedelta(days=15), "DATE_FORMAT")
    assert f"Due {due} (15 days after return)." in content
    assert "Overdue" in content
    on_time = make_delegation(
        "On time",
        status=Delegation.Status.RETURNED,
        start_date=today - timedelta(days=5),
        end_date=today - timedelta(days=2),
    )
    content = page(owner_client, on_time)
    assert "Pending" in content
    assert "Overdue" not in content


def test_timeline_shows_stage_changes_of_related_projects_the_user_may_see(client, owner, other_officer):
    trip = make_delegation()
    open_project = make_project("Open plant", officer=owner)
    secret = make_project("Secret plant", officer=owner, is_confidential=True)
    make_meeting("About the open plant", delegation=trip, project=open_project)
    make_meeting("About the secret plant", delegation=trip, project=secret)
    for project in (open_project, secret):
        StageChange.objects.create(project=project, to_stage="lead", to_status="active", changed_by=owner)
    client.force_login(other_officer)
    content = page(client, trip)
    assert "Open plant: Opened at" in content
    assert "Secret plant" not in content
    client.force_login(owner)
    assert "Secret plant: Opened at" in page(client, trip)


def test_archived_related_records_are_left_out(owner_client):
    trip = make_delegation()
    make_meeting("Cancelled meeting", delegation=trip, is_archived=True)
    assert "Cancelled meeting" not in page(owner_client, trip)


def test_agreement_parties_are_links_and_the_members_note_reads_as_text(owner_client):
    trip = make_delegation("Port visit", members_note="Members from Qingdao Port")
    haifa = make_organization("Haifa Port")
    make_agreement("Sister port agreement", delegation=trip, parties=[(haifa, AgreementParty.Side.PARTNER)])
    content = page(owner_client, trip)
    assert f'<a href="{haifa.get_absolute_url()}">Haifa Port</a>' in content
    assert '<div class="pre-line">Members from Qingdao Port</div>' in content
    assert 'class="provenance">Members from Qingdao Port' not in content
