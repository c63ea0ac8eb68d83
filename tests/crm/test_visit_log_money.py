"""A German MOU at EUR 60 m is logged with the visit, with no conversion by hand, whether or not a EUR rate exists."""

from datetime import date
from decimal import Decimal

import pytest

from crm.models import Agreement
from tests.conftest import make_country, make_organization, make_rate
from tests.crm.test_visit_log import URL, visit_data

pytestmark = pytest.mark.django_db

EUR_60_M = {
    "agreements-0-title": "MOU with a Bavarian machine builder",
    "agreements-0-amount": "60000000",
    "agreements-0-currency": "EUR",
    "agreements-0-signed_on": "2019-06-03",
}


@pytest.fixture
def siemens():
    return make_organization("Siemens AG", country=make_country())


@pytest.fixture
def bureau():
    return make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))


@pytest.fixture(params=["owner", "manager"])
def logger(request, client):
    user = request.getfixturevalue(request.param)
    client.force_login(user)
    return user


def test_with_a_eur_rate_the_usd_value_is_fixed(client, logger, siemens, bureau):
    make_rate("EUR", "1.1195", date(2019, 1, 1))
    response = client.post(URL, visit_data(logger, siemens, bureau, **EUR_60_M))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.amount, agreement.currency, agreement.usd_rate, agreement.amount_usd) == (
        Decimal("60000000"),
        "EUR",
        Decimal("1.1195"),
        Decimal("67170000.00"),
    )
    assert "No exchange rate" not in client.get(response.url).content.decode()


def test_without_a_eur_rate_it_is_saved_pending_and_filled_when_a_manager_adds_one(
    client, logger, manager, siemens, bureau
):
    response = client.post(URL, visit_data(logger, siemens, bureau, **EUR_60_M))
    assert response.status_code == 302
    assert "No exchange rate for EUR is recorded yet" in client.get(response.url).content.decode()
    agreement = Agreement.objects.get()
    assert (agreement.amount, agreement.currency, agreement.amount_usd) == (Decimal("60000000"), "EUR", None)

    client.force_login(manager)
    client.post(
        "/projects/rates/",
        {"currency": "EUR", "valid_on": "2019-01-01", "usd_per_unit": "1.1195", "source": "ECB, 2019 average"},
    )
    agreement.refresh_from_db()
    assert (agreement.usd_rate, agreement.amount_usd) == (Decimal("1.1195"), Decimal("67170000.00"))
