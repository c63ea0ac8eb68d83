"""Amounts keep their currency; USD values are fixed at a recorded rate; utilized follows inflows."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from projects.models import CapitalInflow, InvestmentProject
from projects.services import record_capital_inflow, set_contracted_amount
from tests.conftest import make_project, make_rate

pytestmark = pytest.mark.django_db


def test_contracted_amount_fixes_usd_at_the_recorded_rate(owner):
    make_rate("EUR", "1.12", date(2019, 6, 1))
    make_rate("EUR", "1.30", date(2020, 1, 1))
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_contracted_amount(project, user=owner, amount=Decimal("50000000"), currency="EUR")
    project.refresh_from_db()
    assert (project.usd_rate, project.contracted_usd) == (Decimal("1.12"), Decimal("56000000.00"))


def test_unknown_currency_rate_is_refused_and_nothing_saved(owner):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="No exchange rate for KRW is recorded"):
        set_contracted_amount(project, user=owner, amount=Decimal("1000"), currency="KRW")
    project.refresh_from_db()
    assert project.contracted_amount is None


def test_negative_contracted_amount_is_refused(owner):
    project = make_project(officer=owner)
    with pytest.raises(ValidationError, match="cannot be negative"):
        set_contracted_amount(project, user=owner, amount=Decimal("-1"), currency="USD")
    project.refresh_from_db()
    assert project.contracted_amount is None


def test_capital_inflows_make_the_utilized_amount(owner):
    make_rate("CNY", "0.145", date(2019, 1, 1))
    project = make_project(officer=owner)
    record_capital_inflow(project, user=owner, amount=Decimal("1000000"), currency="USD", received_on=date(2019, 8, 1))
    record_capital_inflow(project, user=owner, amount=Decimal("2000000"), currency="CNY", received_on=date(2019, 9, 1))
    assert project.utilized_usd() == Decimal("1290000.00")
    annotated = InvestmentProject.objects.with_utilized().get(pk=project.pk)
    assert annotated.utilized_usd_total == Decimal("1290000.00")


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
