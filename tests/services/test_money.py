"""Amounts keep their kind and currency; USD values are fixed at a recorded rate, or pending until one is added."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crm.models import Agreement
from crm.services import set_agreement_amount
from projects.models import AmountKind, CapitalInflow, ExchangeRate, InvestmentProject
from projects.services import add_exchange_rate, fill_pending_usd, record_capital_inflow, set_project_amount
from tests.conftest import make_agreement, make_delegation, make_project, make_rate

pytestmark = pytest.mark.django_db


def test_contracted_amount_fixes_usd_at_the_recorded_rate(owner):
    make_rate("EUR", "1.12", date(2019, 6, 1))
    make_rate("EUR", "1.30", date(2020, 1, 1))
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="contracted", amount=Decimal("50000000"), currency="EUR", user=owner)
    project.refresh_from_db()
    assert (project.usd_rate, project.contracted_usd) == (Decimal("1.12"), Decimal("56000000.00"))


@pytest.mark.parametrize(
    ("kind", "amount_field", "currency_field", "rate_field", "usd_field"),
    [
        ("planned", "planned_amount", "planned_currency", "planned_usd_rate", "planned_usd"),
        ("total", "total_amount", "total_currency", "total_usd_rate", "total_usd"),
        ("registered", "registered_amount", "registered_currency", "registered_usd_rate", "registered_usd"),
    ],
)
def test_each_kind_is_kept_in_its_own_fields(owner, kind, amount_field, currency_field, rate_field, usd_field):
    make_rate("CNY", "0.145", date(2019, 1, 1))
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind=kind, amount=Decimal("1000"), currency="CNY", user=owner)
    project.refresh_from_db()
    assert [getattr(project, f) for f in (amount_field, currency_field, rate_field, usd_field)] == [
        Decimal("1000"),
        "CNY",
        Decimal("0.145"),
        Decimal("145.00"),
    ]
    assert project.contracted_amount is None


def test_without_a_rate_the_amount_is_kept_and_its_usd_value_pending(owner):
    project = make_project(officer=owner)
    set_project_amount(project=project, kind="contracted", amount=Decimal("1000"), currency="KRW", user=owner)
    project.refresh_from_db()
    assert (project.contracted_amount, project.currency, project.usd_rate, project.contracted_usd) == (
        Decimal("1000"),
        "KRW",
        None,
        None,
    )
    assert list(InvestmentProject.objects.usd_pending(AmountKind.CONTRACTED)) == [project]


def test_negative_amount_unknown_kind_and_wrong_person_are_refused(owner, other_officer):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="cannot be negative"):
        set_project_amount(project=project, kind="planned", amount=Decimal("-1"), currency="USD", user=owner)
    with pytest.raises(ValidationError, match="Unknown kind"):
        set_project_amount(project=project, kind="utilized", amount=Decimal("1"), currency="USD", user=owner)
    with pytest.raises(PermissionDenied):
        set_project_amount(project=project, kind="planned", amount=Decimal("1"), currency="USD", user=other_officer)
    project.refresh_from_db()
    assert project.planned_amount is None


def test_capital_inflows_make_the_utilized_amount(owner):
    make_rate("CNY", "0.145", date(2019, 1, 1))
    project = make_project(officer=owner)
    record_capital_inflow(project, user=owner, amount=Decimal("1000000"), currency="USD", received_on=date(2019, 8, 1))
    record_capital_inflow(project, user=owner, amount=Decimal("2000000"), currency="CNY", received_on=date(2019, 9, 1))
    assert project.utilized_usd() == Decimal("1290000.00")
    annotated = InvestmentProject.objects.with_utilized().get(pk=project.pk)
    assert annotated.utilized_usd_total == Decimal("1290000.00")


def test_an_inflow_without_a_rate_is_saved_pending(owner):
    project = make_project(officer=owner)
    inflow = record_capital_inflow(
        project, user=owner, amount=Decimal("500"), currency="ILS", received_on=date(2019, 8, 1)
    )
    inflow.refresh_from_db()
    assert (inflow.amount, inflow.usd_rate, inflow.amount_usd) == (Decimal("500.00"), None, None)


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-10")])
def test_inflow_must_be_positive(owner, amount):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="must be a positive amount"):
        record_capital_inflow(project, user=owner, amount=amount, currency="USD", received_on=date(2019, 8, 1))
    assert not CapitalInflow.objects.exists()


def test_inflow_on_someone_elses_project_is_refused(owner, other_officer):
    project = make_project(officer=owner)
    with pytest.raises(PermissionDenied):
        record_capital_inflow(
            project, user=other_officer, amount=Decimal("5"), currency="USD", received_on=date(2019, 8, 1)
        )
    assert not CapitalInflow.objects.exists()


def test_a_new_rate_fills_every_pending_amount_in_its_currency(owner, manager):
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="contracted", amount=Decimal("100"), currency="KRW", user=owner)
    set_project_amount(project=project, kind="planned", amount=Decimal("200"), currency="KRW", user=owner)
    set_project_amount(project=project, kind="total", amount=Decimal("300"), currency="JPY", user=owner)
    record_capital_inflow(project, user=owner, amount=Decimal("50"), currency="KRW", received_on=date(2019, 8, 1))
    mou = make_agreement(delegation=make_delegation(officer=owner), signed_on=date(2019, 6, 3))
    set_agreement_amount(mou, user=owner, amount=Decimal("400"), currency="KRW")

    rate, filled = add_exchange_rate(
        user=manager, currency="KRW", valid_on=date(2019, 1, 1), usd_per_unit=Decimal("0.001"), source="Test bank"
    )

    assert filled == 4
    project.refresh_from_db()
    assert (project.contracted_usd, project.usd_rate, project.planned_usd) == (
        Decimal("0.10"),
        Decimal("0.001"),
        Decimal("0.20"),
    )
    assert project.total_usd is None  # JPY still has no rate
    assert CapitalInflow.objects.get().amount_usd == Decimal("0.05")
    assert Agreement.objects.get(pk=mou.pk).amount_usd == Decimal("0.40")
    assert project.history.first().history_change_reason == "USD value filled in at the recorded rate"
    assert fill_pending_usd(currency="KRW") == 0


def test_a_fixed_usd_value_is_not_rewritten_by_a_later_rate(owner, manager):
    make_rate("EUR", "1.12", date(2019, 1, 1))
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="contracted", amount=Decimal("100"), currency="EUR", user=owner)
    add_exchange_rate(
        user=manager, currency="EUR", valid_on=date(2019, 6, 1), usd_per_unit=Decimal("2"), source="Test bank"
    )
    project.refresh_from_db()
    assert project.contracted_usd == Decimal("112.00")


@pytest.mark.parametrize(
    ("currency", "usd_per_unit", "source", "field"),
    [
        ("EUR", Decimal("0"), "Bank", "usd_per_unit"),
        ("EUR", Decimal("-1"), "Bank", "usd_per_unit"),
        ("XXX", Decimal("1"), "Bank", "currency"),
        ("EUR", Decimal("1"), "", "source"),
    ],
)
def test_a_bad_rate_is_refused_and_nothing_is_saved(manager, currency, usd_per_unit, source, field):
    with pytest.raises(ValidationError) as refusal:
        add_exchange_rate(
            user=manager, currency=currency, valid_on=date(2019, 1, 1), usd_per_unit=usd_per_unit, source=source
        )
    assert field in refusal.value.message_dict
    assert not ExchangeRate.objects.exists()


def test_only_a_manager_adds_a_rate(owner):
    with pytest.raises(PermissionDenied):
        add_exchange_rate(
            user=owner, currency="EUR", valid_on=date(2019, 1, 1), usd_per_unit=Decimal("1.1"), source="Bank"
        )
    assert not ExchangeRate.objects.exists()
