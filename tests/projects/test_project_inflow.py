"""Recording a capital inflow through record_capital_inflow; the utilized amount is their sum."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import CapitalInflow, InvestmentProject
from tests.conftest import make_project, make_rate

pytestmark = pytest.mark.django_db


def url(project):
    return reverse("projects:project_inflow", args=[project.pk])


def test_owner_records_an_inflow_in_another_currency(client, owner):
    make_rate("EUR", "1.12", valid_on=date(2019, 1, 1))
    project = make_project(officer=owner)
    client.force_login(owner)
    response = client.post(
        url(project), {"amount": "1000000", "currency": "EUR", "received_on": "2019-09-01", "note": "First tranche"}
    )
    assert response.status_code == 302
    inflow = CapitalInflow.objects.get(project=project)
    assert (inflow.amount_usd, inflow.usd_rate, inflow.note) == (
        Decimal("1120000.00"),
        Decimal("1.12"),
        "First tranche",
    )
    assert InvestmentProject.objects.with_utilized().get(pk=project.pk).utilized_usd_total == Decimal("1120000.00")
    page = client.get(project.get_absolute_url()).content.decode()
    assert "1,000,000\u00a0EUR" in page and "1,120,000\u00a0USD" in page


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"amount": "-5", "currency": "USD", "received_on": "2019-09-01"},
            "A capital inflow must be a positive amount.",
        ),
        (
            {"amount": "100", "currency": "USD", "received_on": (date.today() + timedelta(days=30)).isoformat()},
            "A capital inflow cannot be dated in the future.",
        ),
        ({"amount": "lots", "currency": "USD", "received_on": "2019-09-01"}, "Enter a number."),
    ],
)
def test_bad_input_shows_the_error_and_records_nothing(client, owner, data, message):
    project = make_project(officer=owner)
    client.force_login(owner)
    response = client.post(url(project), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CapitalInflow.objects.exists()


def test_an_inflow_without_a_rate_is_recorded_with_its_usd_value_pending(client, owner):
    project = make_project(officer=owner)
    client.force_login(owner)
    response = client.post(url(project), {"amount": "100", "currency": "KRW", "received_on": "2019-09-01"}, follow=True)
    assert "its USD value is pending" in response.content.decode()
    assert CapitalInflow.objects.get().amount_usd is None


def test_another_officer_is_refused(client, owner, other_officer):
    project = make_project(officer=owner)
    client.force_login(other_officer)
    assert client.get(url(project)).status_code == 403
    response = client.post(url(project), {"amount": "100", "currency": "USD", "received_on": "2019-09-01"})
    assert response.status_code == 403
    assert not CapitalInflow.objects.exists()


def test_manager_may_record(client, owner, manager):
    project = make_project(officer=owner)
    client.force_login(manager)
    client.post(url(project), {"amount": "100", "currency": "USD", "received_on": "2019-09-01"})
    assert CapitalInflow.objects.get().amount_usd == Decimal("100.00")
