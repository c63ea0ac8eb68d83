"""The pipeline dashboard: managers only, every figure equal to the list it links to, fixed queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crm import dashboard
from crm.models import FollowUp
from projects.models import CapitalInflow, InvestmentProject, StageChange
from tests.conftest import (
    make_agreement,
    make_country,
    make_follow_up,
    make_gated_project,
    make_park,
    make_project,
    make_sector,
)
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
URL = reverse("crm:dashboard")
TODAY = date.today()


def make_pipeline(owner, other_officer, manager, rows: int = 1, start: int = 0):
    """Projects, agreements and follow-ups of every kind the dashboard counts, ``rows`` of each."""
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    sector, park = make_sector(), make_park()
    long_ago = TODAY - timedelta(days=400)
    for number in range(start, start + rows):
        make_project(f"Lead {number}", stage="lead", origin_country=germany, sector=sector, officer=owner)
        make_project(f"Secret {number}", stage="negotiating", origin_country=korea, officer=owner, is_confidential=True)
        make_project(
            f"Lost {number}", stage="intent", status="lost", lost_reason="Went to Tianjin", origin_country=germany
        )
        make_project(f"Archived {number}", stage="intent", origin_country=germany, is_archived=True)
        signed = make_gated_project(
            other_officer, name=f"Plant {number}", stage="construction", origin_country=korea, park=park, sector=sector
        )
        CapitalInflow.objects.create(
            project=signed, received_on=TODAY, amount=40_000_000, currency="USD", usd_rate=1, amount_usd=40_000_000
        )
        StageChange.objects.create(project=signed, from_stage="contracted", to_stage="construction", to_status="active")
        old = make_agreement(f"Old MOU {number}", kind="mou", signed_on=long_ago)
        make_agreement(f"Old LOI {number}", kind="loi", signed_on=long_ago)
        make_agreement(f"Fresh MOU {number}", kind="mou", signed_on=TODAY)
        make_agreement(f"Old contract {number}", kind="investment_contract", signed_on=long_ago)
        make_agreement(f"Archived MOU {number}", kind="mou", signed_on=long_ago, is_archived=True)
        produced = make_agreement(f"Productive MOU {number}", kind="mou", signed_on=long_ago)
        produced.projects.add(signed)
        make_follow_up(owner, f"Late {number}", due_on=TODAY - timedelta(days=2), agreement=old)
        make_follow_up(other_officer, f"Late too {number}", due_on=TODAY - timedelta(days=9))
        make_follow_up(owner, f"Not yet {number}", due_on=TODAY + timedelta(days=2))
        make_follow_up(manager, f"Archived late {number}", due_on=TODAY - timedelta(days=2), is_archived=True)
        done = make_follow_up(owner, f"Done {number}", due_on=TODAY - timedelta(days=5))
        FollowUp.objects.filter(pk=done.pk).update(status="done", completed_at=timezone.now(), completed_by=owner)
    # Nothing moved or met for a long time: stale.
    InvestmentProject.objects.filter(name__startswith="Lead").update(created_at=timezone.now() - timedelta(days=200))


def result_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["result_count"]


def test_every_figure_equals_the_list_it_links_to(manager_client, owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager)
    context = manager_client.get(URL).context
    rows = [
        *context["funnel"],
        *context["by_country"],
        *context["by_sector"],
        *context["by_park"],
        *context["money_by_country"],
        *context["overdue"],
    ]
    assert rows
    for row in rows:
        assert result_count(manager_client, row.url) == row.count, (row.label, row.url)
    assert result_count(manager_client, context["active_url"]) == context["active_total"]
    assert result_count(manager_client, context["intents"]["url"]) == context["intents"]["count"]
    assert result_count(manager_client, context["overdue_url"]) == context["overdue_total"]
    assert result_count(manager_client, context["stale"]["url"]) == context["stale"]["count"]
    week = context["week"]
    assert result_count(manager_client, week["projects_url"]) == week["projects_moved"]
    assert result_count(manager_client, week["agreements_url"]) == week["agreements_count"]
    assert result_count(manager_client, week["completed_url"]) == week["completed_count"]


def test_figures_count_what_they_say(manager_client, owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager)
    context = manager_client.get(URL).context
    funnel = {row.label: row.count for row in context["funnel"]}
    assert funnel["Lead"] == 1
    assert funnel["Negotiating"] == 1  # confidential projects count for managers
    assert funnel["Intent (LOI/MOU)"] == 0  # lost and archived ones do not
    assert funnel["Construction"] == 1
    assert context["active_total"] == 3
    korea = next(row for row in context["money_by_country"] if row.label == "South Korea")
    assert (korea.usd, korea.second) == (Decimal("100000000.00"), Decimal("40000000.00"))
    assert context["intents"]["count"] == 2
    assert {agreement.title for agreement in context["intents"]["oldest"]} == {"Old MOU 0", "Old LOI 0"}
    assert {row.label: row.count for row in context["overdue"]} == {"Li Na": 1, "Zhang Wei": 1}
    assert context["stale"]["count"] == 1
    assert context["week"]["projects_moved"] == 1
    assert context["week"]["agreements_count"] == 1
    assert context["week"]["completed_count"] == 1


def test_numbers_on_the_page_are_links(manager_client, owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager)
    content = manager_client.get(URL).content.decode()
    context = manager_client.get(URL).context
    assert f'href="{context["intents"]["url"].replace("&", "&amp;")}">{context["intents"]["count"]}</a>' in content
    for row in context["funnel"]:
        assert f'<a href="{row.url.replace("&", "&amp;")}">{row.count}</a>' in content
    assert "<svg" in content and "<title>" in content


def test_six_months_back_keeps_to_the_calendar():
    assert dashboard.months_before(date(2019, 8, 31), 6) == date(2019, 2, 28)
    assert dashboard.months_before(date(2020, 1, 15), 6) == date(2019, 7, 15)


def test_the_same_number_of_queries_at_2_and_60_rows(manager_client, owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager, rows=2)
    # Recomputed each time: the count is of the figures' queries, not of a cached page.
    fresh = URL + "?refresh=1"
    few = queries_for(
        manager_client, fresh, shows=["Plant 1", "Fresh MOU 1", "Lead 1", "Old MOU 1", "<td>Zhang Wei</td>"]
    )
    make_pipeline(owner, other_officer, manager, rows=58, start=2)
    # This week's changes and agreements, the stalest projects, and each owner's 60 overdue follow-ups.
    many = queries_for(
        manager_client,
        fresh,
        shows=["Plant 59", "Fresh MOU 17", "Lead 17", 'overdue=true">60</a></td>', "<td>Li Na</td>"],
    )
    assert many == few


def test_figures_are_computed_once_until_a_record_changes_and_say_when(manager_client, owner, other_officer, manager):
    make_pipeline(owner, other_officer, manager, rows=2)
    with CaptureQueriesContext(connection) as first:
        response = manager_client.get(URL)
    assert "Figures computed at" in response.content.decode()
    with CaptureQueriesContext(connection) as second:
        cached = manager_client.get(URL)
    # The cached figures: far fewer queries, the same numbers.
    assert len(second) < len(first) - 10
    assert cached.context["active_total"] == response.context["active_total"]
    # A saved record makes them out of date: the next visit computes them anew.
    make_project("Added after the figures", officer=owner)
    assert manager_client.get(URL).context["active_total"] == response.context["active_total"] + 1


def test_nothing_overdue_reads_as_one_message(manager_client, owner):
    make_follow_up(owner, "Not yet", due_on=TODAY + timedelta(days=2))
    content = manager_client.get(URL).content.decode()
    card = content.split('id="overdue"', 1)[1].split("</section>", 1)[0]
    assert card.count("Nothing is overdue.") == 1
    assert "No data yet." not in card
    assert "<table" not in card


def test_overdue_card_shows_chart_and_table_when_something_is_late(manager_client, owner):
    make_follow_up(owner, "Late", due_on=TODAY - timedelta(days=2))
    content = manager_client.get(URL).content.decode()
    card = content.split('id="overdue"', 1)[1].split("</section>", 1)[0]
    assert "<svg" in card and "<table" in card
    assert "Nothing is overdue." not in card
