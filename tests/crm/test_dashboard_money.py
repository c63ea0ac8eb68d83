"""Dashboard money: each total sums one kind, signed projects count once, inbound stays apart, pending shows."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import CapitalInflow, InvestmentProject
from projects.services import add_exchange_rate, set_project_amount
from tests.conftest import make_country, make_project

pytestmark = pytest.mark.django_db
URL = reverse("crm:dashboard")


def usd(amount):
    return {"currency": "USD", "usd_rate": 1, "contracted_amount": amount, "contracted_usd": amount}


@pytest.fixture
def korea():
    return make_country("KR", "South Korea")


def test_each_total_sums_only_its_kind(manager_client, korea):
    # A film park whose only figure is its total investment: it is not contracted money.
    make_project(
        "Film park", stage="contracted", origin_country=korea, total_amount=50, total_currency="USD", total_usd=50
    )
    make_project(
        "Plant",
        stage="construction",
        origin_country=korea,
        planned_amount=7,
        planned_currency="USD",
        planned_usd=7,
        **usd(100),
    )
    make_project("Lab", stage="intent", origin_country=korea, planned_amount=3, planned_currency="USD", planned_usd=3)
    context = manager_client.get(URL).context
    money = context["money"]
    assert (money["contracted"], money["total"], money["planned"]) == (Decimal(100), Decimal(50), Decimal(10))
    funnel = {row.label: (row.count, row.usd, row.second) for row in context["funnel"]}
    assert funnel["Contracted"] == (1, Decimal(0), Decimal(0))
    assert funnel["Construction"] == (1, Decimal(100), Decimal(7))
    assert funnel["Intent (LOI/MOU)"] == (1, Decimal(0), Decimal(3))
    html = manager_client.get(URL).content.decode()
    assert "contracted foreign investment (合同外资)" in html
    assert "Planned investment (USD)" in html and "Contracted foreign investment (USD)" in html


def test_a_later_phase_counts_only_its_increment(manager_client, korea):
    first = make_project("Plant", stage="operating", origin_country=korea, **usd(100))
    make_project("Plant, phase 2", stage="contracted", origin_country=korea, parent=first, **usd(30))
    make_project("Plant, phase 3 talks", stage="negotiating", origin_country=korea, parent=first)
    context = manager_client.get(URL).context
    money = context["money"]
    assert (money["contracted"], money["signed"], money["phases"]) == (Decimal(130), 2, 1)
    assert sum(row.usd for row in context["funnel"]) == Decimal(130)
    assert [row.usd for row in context["money_by_country"]] == [Decimal(130)]
    assert InvestmentProject.objects.signed_counted_once().first_signings().count() == 1
    assert "1 later phase counts only its increment" in manager_client.get(URL).content.decode()


def test_inbound_and_outbound_are_kept_apart(manager_client, korea):
    russia = make_country("RU", "Russia")
    inbound = make_project("Korean plant", stage="contracted", origin_country=korea, **usd(100))
    outbound = make_project(
        "Haier in Russia", stage="operating", origin_country=russia, direction="outbound", **usd(50)
    )
    make_project(
        "Shanghai fund", stage="intent", direction="domestic", total_amount=9, total_currency="USD", total_usd=9
    )
    for project in (inbound, outbound):
        CapitalInflow.objects.create(
            project=project, received_on=date(2019, 8, 1), amount=10, currency="USD", usd_rate=1, amount_usd=10
        )
    context = manager_client.get(URL).context
    assert (context["active_total"], context["money"]["contracted"], context["money"]["utilized"]) == (
        1,
        Decimal(100),
        Decimal(10),
    )
    assert [row.label for row in context["money_by_country"]] == ["South Korea"]
    assert [row.label for row in context["by_country"]] == ["South Korea"]
    others = {row.label: (row.count, row.usd, row.second) for row in context["other_directions"]}
    assert others == {
        "Outbound (Qingdao investment abroad)": (1, Decimal(50), Decimal(0)),
        "Domestic (from elsewhere in China)": (1, Decimal(0), Decimal(9)),
    }
    for row in context["other_directions"]:
        assert manager_client.get(row.url).context["result_count"] == row.count
    assert "Outbound and domestic, not counted above" in manager_client.get(URL).content.decode()


def test_a_pending_amount_is_counted_as_pending_then_filled_when_a_rate_is_added(manager_client, manager, korea):
    project = make_project("Seoul plant", stage="contracted", origin_country=korea, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="contracted", amount=Decimal("1000000"), currency="KRW", user=manager)
    money = manager_client.get(URL).context["money"]
    assert (money["contracted"], money["contracted_pending"], money["pending"]) == (Decimal(0), 1, 1)
    assert "1 amount waits for an exchange rate and is in no total" in manager_client.get(URL).content.decode()

    add_exchange_rate(
        user=manager, currency="KRW", valid_on=date(2019, 1, 1), usd_per_unit=Decimal("0.0008581"), source="Fed G.5A"
    )

    money = manager_client.get(URL).context["money"]
    assert (money["contracted"], money["pending"]) == (Decimal("858.10"), 0)
    assert "waits for an exchange rate" not in manager_client.get(URL).content.decode()
