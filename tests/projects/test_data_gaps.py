"""Data gaps: what a project's stage gate asks for and is not recorded, on the page, the list and the dashboard."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.gates import has_gaps_q, missing_items
from projects.models import InvestmentProject
from tests.conftest import make_gated_project, make_organization, make_park, make_project, make_sector
from tests.partners.helpers import names_on_page, queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("projects:project_list")


@pytest.fixture
def projects(owner, other_officer):
    """A project at each kind of standing: gaps for its stage, none, and a stage that asks for nothing."""
    return {
        "gapped": make_project(
            name="Airbus H135 line",
            stage="operating",
            officer=owner,
            data_gap_note="In operation since 17 April 2019 (L402); no amount is given.",
        ),
        "complete": make_gated_project(owner, name="Complete plant", stage="contracted"),
        "early": make_project(name="Early lead", stage="lead", officer=other_officer),
        "outbound": make_project(
            name="Haier Russia",
            stage="operating",
            direction="outbound",
            investor=make_organization("Haier"),
            sector=make_sector(),
            park=make_park(),
            total_amount=Decimal("50000000"),
            total_currency="USD",
            officer=owner,
        ),
    }


def test_one_definition_answers_for_a_project_and_for_the_database(projects):
    assert missing_items(projects["gapped"]) == [
        "Record the investor.",
        "Record the contracted amount and its currency.",
        "Record the sector.",
        "Record the park or zone.",
    ]
    assert missing_items(projects["complete"]) == []
    assert missing_items(projects["early"]) == []
    # An outbound project brings no foreign capital: its total investment is the amount of its kind.
    assert missing_items(projects["outbound"]) == []
    with_gaps = set(InvestmentProject.objects.filter(has_gaps_q()).values_list("name", flat=True))
    assert with_gaps == {p.name for p in InvestmentProject.objects.all() if missing_items(p)}
    assert with_gaps == {"Airbus H135 line"}


def test_an_inbound_project_needs_contracted_foreign_investment_not_only_a_total(owner):
    project = make_gated_project(
        owner,
        stage="registered",
        contracted_amount=None,
        currency="",
        contracted_usd=None,
        usd_rate=None,
        total_amount=Decimal("1000000"),
        total_currency="USD",
    )
    assert missing_items(project) == ["Record the contracted amount and its currency."]
    assert InvestmentProject.objects.filter(has_gaps_q(), pk=project.pk).exists()


def test_the_gap_list_for_another_stage(projects):
    assert missing_items(projects["early"], "contracted")[0] == "Record the investor."
    assert missing_items(projects["early"], "intent") == []


def test_project_page_shows_the_badge_and_the_panel_with_the_note(client, owner, projects):
    client.force_login(owner)
    response = client.get(projects["gapped"].get_absolute_url())
    html = response.content.decode()
    assert response.context["data_gaps"] == missing_items(projects["gapped"])
    assert "gaps-badge" in html and "Data gaps" in html
    assert "The project stands at Operating, but what that stage asks for is not all recorded:" in html
    assert "<li>Record the park or zone.</li>" in html
    assert "In operation since 17 April 2019 (L402); no amount is given." in html
    assert "Fill in what is missing" in html
    assert reverse("projects:project_update", args=[projects["gapped"].pk]) in html


def test_no_badge_or_panel_without_gaps(client, owner, projects):
    client.force_login(owner)
    html = client.get(projects["complete"].get_absolute_url()).content.decode()
    assert "gaps-badge" not in html and 'id="gaps-heading"' not in html


def test_another_officer_sees_the_gaps_but_not_the_button_to_fill_them(client, other_officer, projects):
    client.force_login(other_officer)
    html = client.get(projects["gapped"].get_absolute_url()).content.decode()
    assert "<li>Record the investor.</li>" in html
    assert "Fill in what is missing" not in html


def test_the_manager_sees_and_may_fill_them(client, manager, projects):
    client.force_login(manager)
    html = client.get(projects["gapped"].get_absolute_url()).content.decode()
    assert "<li>Record the investor.</li>" in html and "Fill in what is missing" in html


def test_gaps_filter_on_the_list(client, owner, projects):
    client.force_login(owner)
    with_gaps = client.get(LIST, {"gaps": "1"})
    assert names_on_page(with_gaps) == ["Airbus H135 line"]
    assert "gaps-badge" in with_gaps.content.decode()
    without = client.get(LIST, {"gaps": "0"})
    assert names_on_page(without) == ["Complete plant", "Early lead", "Haier Russia"]
    assert "gaps-badge" not in without.content.decode()


def test_gaps_filter_hides_another_officers_confidential_project(client, other_officer, manager, projects):
    make_project(name="Secret gigafactory", stage="contracted", is_confidential=True, officer=manager)
    client.force_login(other_officer)
    assert names_on_page(client.get(LIST, {"gaps": "1"})) == ["Airbus H135 line"]
    client.force_login(manager)
    assert names_on_page(client.get(LIST, {"gaps": "1"})) == ["Airbus H135 line", "Secret gigafactory"]


def test_gaps_filter_query_count_does_not_grow_with_rows(client, owner):
    client.force_login(owner)

    def add(count, start):
        for number in range(start, start + count):
            make_project(name=f"Gapped {number:03d}", stage="registered", officer=owner)
            make_gated_project(owner, name=f"Whole {number:03d}", stage="registered")

    add(2, 0)
    few = queries_for(client, f"{LIST}?gaps=1&per_page=100", shows=["Gapped 000", "Gapped 001", "gaps-badge"])
    add(40, 2)
    many = queries_for(client, f"{LIST}?gaps=1&per_page=100", shows=["Gapped 000", "Gapped 041", "gaps-badge"])
    assert few == many
    page = client.get(f"{LIST}?gaps=1&per_page=100")
    assert page.context["result_count"] == 42
    assert not [name for name in names_on_page(page) if name.startswith("Whole")]


def test_dashboard_counts_projects_with_gaps_and_links_to_the_filtered_list(client, manager, projects):
    make_project(name="Archived gapped", stage="contracted", is_archived=True)
    client.force_login(manager)
    response = client.get(reverse("crm:dashboard"))
    assert response.context["gaps"]["count"] == 1
    html = response.content.decode()
    url = reverse("projects:project_list") + "?gaps=1"
    assert f'<a href="{url}">1</a> project has data gaps for its stage' in html
    assert names_on_page(client.get(url)) == ["Airbus H135 line"]


def test_the_dashboard_stays_refused_to_an_officer(client, owner, projects):
    client.force_login(owner)
    assert client.get(reverse("crm:dashboard")).status_code == 403
