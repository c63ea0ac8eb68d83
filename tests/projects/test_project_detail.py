"""The project page: every field that matters, money, stage history, related records, timeline, access."""

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from crm.models import AgreementParty
from projects.models import CapitalInflow, InvestmentProject, StageChange
from tests.conftest import (
    make_agreement,
    make_country,
    make_delegation,
    make_follow_up,
    make_gated_project,
    make_meeting,
    make_organization,
    make_project,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def project(owner):
    investor = make_organization("Siemens Healthineers", country=make_country())
    project = make_gated_project(
        owner,
        name="Siemens imaging plant",
        name_zh="西门子医疗影像工厂",
        investor=investor,
        origin_country=investor.country,
        district="huangdao",
        project_type="expansion",
        planned_jobs=400,
        actual_jobs=120,
        contracted_amount=Decimal("80000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        contracted_usd=Decimal("89600000"),
        provenance="Brochure, lines 210-214: “Siemens expands in the Sino-German Eco-Park”",
    )
    StageChange.objects.create(
        project=project,
        from_stage="negotiating",
        to_stage="intent",
        from_status="active",
        to_status="active",
        occurred_on=date(2019, 6, 5),
        changed_at=datetime(2019, 6, 5, 15, tzinfo=SHANGHAI),
        changed_by=owner,
        note="MOU signed in Munich",
    )
    CapitalInflow.objects.create(
        project=project,
        received_on=date(2019, 9, 1),
        amount=Decimal("10000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        amount_usd=Decimal("11200000"),
        note="First tranche",
    )
    return project


def detail(client, user, project):
    client.force_login(user)
    return client.get(reverse("projects:project_detail", args=[project.pk]))


def test_shows_every_field_that_matters(client, owner, project):
    response = detail(client, owner, project)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Siemens imaging plant",
        "西门子医疗影像工厂",
        f'<a href="{project.investor.get_absolute_url()}">Siemens Healthineers</a>',
        "Germany",
        "Advanced manufacturing",
        "Sino-German Eco-Park",
        "Huangdao District (West Coast New Area)",
        "Expansion or capital increase",
        "Li Na",
        "400 / 120",
        "Visible to all officers",
        "Siemens expands in the Sino-German Eco-Park",
    ]:
        assert text in html, text


def test_contracted_and_utilized_in_currency_and_usd_with_rate(client, owner, project):
    html = detail(client, owner, project).content.decode()
    assert "80,000,000\u00a0EUR" in html
    assert "89,600,000\u00a0USD" in html and "1 EUR = 1.12 USD" in html
    # Utilized is the sum of the capital inflows, never typed in.
    assert "11,200,000\u00a0USD" in html
    assert "Sum of 1 capital inflow" in html
    assert "12% of the contracted amount has arrived." in html


def test_amounts_by_kind_with_pending_usd_and_direction(client, owner, project):
    InvestmentProject.objects.filter(pk=project.pk).update(
        planned_amount=5000, planned_currency="KRW", direction="outbound"
    )
    html = detail(client, owner, project).content.decode()
    for label in (
        "Planned investment",
        "Total project investment",
        "Contracted foreign investment",
        "Registered capital",
        "Utilized foreign investment",
    ):
        assert label in html
    assert "5,000\u00a0KRW" in html and "USD pending" in html and "no rate for KRW recorded yet" in html
    assert "Outbound (Qingdao investment abroad)" in html


def test_stage_history_and_time_in_stage(client, owner, project):
    response = detail(client, owner, project)
    html = response.content.decode()
    assert "Negotiating → Intent (LOI/MOU)" in html
    assert "MOU signed in Munich" in html
    assert "5 June 2019, 15:00" in html
    stages = [span.stage for span in response.context["stage_times"]]
    assert stages == ["negotiating", "intent"]


def test_related_records_and_timeline(client, owner, project):
    delegation = make_delegation("Qingdao delegation to Germany")
    agreement = make_agreement("Imaging plant MOU", delegation=delegation, signed_on=date(2019, 6, 5))
    AgreementParty.objects.create(agreement=agreement, organization=project.investor, side="partner")
    agreement.projects.add(project)
    make_meeting("Site visit in Huangdao", project=project, date=date(2019, 6, 10))
    make_follow_up(owner, "Send the land-use offer", project=project)
    phase = make_project(name="Siemens imaging plant phase 2", parent=project)

    response = detail(client, owner, project)
    html = response.content.decode()
    assert reverse("crm:agreement_detail", args=[agreement.pk]) in html
    assert reverse("crm:delegation_detail", args=[delegation.pk]) in html
    assert "Site visit in Huangdao" in html
    assert "Send the land-use offer" in html
    assert f'href="{phase.get_absolute_url()}"' in html
    kinds = [entry.kind for entry in response.context["timeline"]]
    assert sorted(kinds) == ["agreement", "capital_inflow", "follow_up", "meeting", "stage_change"]
    # Newest first: the open follow-up (due next week), the inflow, the meeting, the MOU and the move.
    assert [entry.date for entry in response.context["timeline"]][1:5] == [
        date(2019, 9, 1),
        date(2019, 6, 10),
        date(2019, 6, 5),
        date(2019, 6, 5),
    ]


def test_add_follow_up_link_returns_here(client, owner, project):
    url = reverse("projects:project_detail", args=[project.pk])
    html = detail(client, owner, project).content.decode()
    expected = f"{reverse('crm:followup_create')}?project={project.pk}&amp;next={quote(url)}"
    assert expected in html


def test_parent_shown_on_a_later_phase(client, owner, project):
    phase = make_project(name="Phase 2", parent=project, officer=owner)
    html = detail(client, owner, phase).content.decode()
    assert f'<a href="{project.get_absolute_url()}">Siemens imaging plant</a>' in html


def test_history_link(client, owner, project):
    html = detail(client, owner, project).content.decode()
    assert reverse("record_history", args=["projects", "investmentproject", project.pk]) in html


def test_change_buttons_only_for_those_who_may_change(client, owner, other_officer, project):
    move_url = reverse("projects:project_move", args=[project.pk])
    assert move_url in detail(client, owner, project).content.decode()
    assert move_url not in detail(client, other_officer, project).content.decode()
