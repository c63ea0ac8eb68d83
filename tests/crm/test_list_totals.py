"""Project and agreement lists sum their money over every filtered row, by kind and in USD, above the table."""

from decimal import Decimal

import pytest
from django.urls import reverse

from crm.models import Agreement, AgreementParty
from projects.models import Stage, Status
from tests.conftest import make_agreement, make_organization, make_project

pytestmark = pytest.mark.django_db
PROJECTS = reverse("projects:project_list")
AGREEMENTS = reverse("crm:agreement_list")


def planned(amount_usd: int, **extra):
    return make_project(
        planned_amount=Decimal(amount_usd), planned_currency="USD", planned_usd=Decimal(amount_usd), **extra
    )


def totals_by_label(response) -> dict:
    return {total.label: total.usd for total in response.context["totals"]["rows"]}


def test_project_totals_count_every_page_not_only_the_first(owner_client, owner):
    for _number in range(30):
        planned(1_000_000, officer=owner)
    response = owner_client.get(PROJECTS, {"per_page": 25})
    assert len(response.context["object_list"]) == 25
    assert totals_by_label(response) == {"Planned investment": Decimal("30000000")}
    content = response.content.decode()
    assert "Totals of the 30 results (every page), in USD" in content
    assert "US$30\u00a0m" in content


def test_project_totals_follow_the_filters_and_keep_kinds_apart(owner_client, owner):
    planned(5_000_000, officer=owner, status=Status.ON_HOLD)
    planned(2_000_000, officer=owner)
    make_project(
        officer=owner,
        stage=Stage.CONTRACTED,
        contracted_amount=Decimal(7_000_000),
        currency="USD",
        contracted_usd=Decimal(7_000_000),
    )
    response = owner_client.get(PROJECTS, {"status": Status.ACTIVE})
    assert totals_by_label(response) == {
        "Planned investment": Decimal("2000000"),
        "Contracted foreign investment": Decimal("7000000"),
    }
    assert "1 signed project, counted once" in response.content.decode()


def test_project_totals_leave_out_what_the_user_may_not_see(owner_client, other_officer, owner):
    planned(1_000_000, officer=owner)
    planned(9_000_000, officer=other_officer, is_confidential=True)
    assert totals_by_label(owner_client.get(PROJECTS)) == {"Planned investment": Decimal("1000000")}


def test_a_pending_amount_is_named_and_in_no_sum(owner_client, owner):
    planned(1_000_000, officer=owner)
    make_project(officer=owner, planned_amount=Decimal(500), planned_currency="EUR")
    response = owner_client.get(PROJECTS)
    assert totals_by_label(response) == {"Planned investment": Decimal("1000000")}
    assert response.context["totals"]["pending"] == 1
    assert "1 amount waits for an exchange rate and is in no total" in response.content.decode()


def test_agreement_totals_by_kind_count_each_agreement_once(owner_client):
    haifa, port = make_organization("Haifa Port"), make_organization("Haifa Port Company")
    both = [(haifa, AgreementParty.Side.PARTNER), (port, AgreementParty.Side.PARTNER)]
    make_agreement(
        "Port MOU",
        kind=Agreement.Kind.MOU,
        amount=Decimal(3_000_000),
        currency="USD",
        amount_usd=Decimal(3_000_000),
        parties=both,
    )
    make_agreement(
        "Port contract",
        kind=Agreement.Kind.INVESTMENT_CONTRACT,
        amount=Decimal(8_000_000),
        currency="USD",
        amount_usd=Decimal(8_000_000),
        parties=both,
    )
    make_agreement("Unpriced MOU", kind=Agreement.Kind.MOU)
    # The search matches both parties of each agreement: still one row each, one amount each.
    response = owner_client.get(AGREEMENTS, {"q": "haifa"})
    assert response.context["result_count"] == 2
    assert totals_by_label(response) == {
        "Memorandum of understanding": Decimal("3000000"),
        "Investment contract": Decimal("8000000"),
    }


def test_an_empty_list_shows_no_totals(owner_client):
    response = owner_client.get(AGREEMENTS, {"q": "nothing like this"})
    assert "totals" not in response.context
    assert "list-totals" not in response.content.decode()
