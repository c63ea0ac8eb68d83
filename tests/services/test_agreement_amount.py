"""An agreement's stated amount is recorded by one service that fixes its USD value, or leaves it pending."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crm.models import Agreement
from crm.services import set_agreement_amount
from tests.admin.forms import change_form_data
from tests.conftest import make_agreement, make_delegation, make_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def mou(owner):
    return make_agreement("Eco-Park MOU", delegation=make_delegation(officer=owner), signed_on=date(2019, 6, 3))


def test_the_usd_value_is_fixed_at_the_signing_days_rate(owner, mou):
    make_rate("EUR", "1.12", date(2019, 6, 1))
    make_rate("EUR", "1.30", date(2020, 1, 1))
    set_agreement_amount(mou, user=owner, amount=Decimal("10000000"), currency="EUR")
    mou.refresh_from_db()
    assert (mou.amount, mou.currency, mou.usd_rate, mou.amount_usd) == (
        Decimal("10000000"),
        "EUR",
        Decimal("1.12"),
        Decimal("11200000.00"),
    )
    set_agreement_amount(mou, user=owner, amount=Decimal("10000000"), currency="EUR", on_date=date(2020, 2, 1))
    assert Agreement.objects.get(pk=mou.pk).amount_usd == Decimal("13000000.00")


def test_without_a_recorded_rate_the_amount_is_kept_and_its_usd_value_pending(owner, mou):
    set_agreement_amount(mou, user=owner, amount=Decimal("5000000000"), currency="KRW")
    mou.refresh_from_db()
    assert (mou.amount, mou.currency, mou.usd_rate, mou.amount_usd) == (Decimal("5000000000"), "KRW", None, None)


def test_no_amount_clears_the_usd_value(owner, mou):
    set_agreement_amount(mou, user=owner, amount=Decimal("100"), currency="USD")
    set_agreement_amount(mou, user=owner, amount=None, currency="USD")
    mou.refresh_from_db()
    assert (mou.amount, mou.currency, mou.usd_rate, mou.amount_usd) == (None, "", None, None)


@pytest.mark.parametrize(
    ("amount", "currency", "field"), [(Decimal("-1"), "USD", "amount"), (Decimal("1"), "", "currency")]
)
def test_a_negative_amount_or_no_currency_is_refused_and_nothing_changes(owner, mou, amount, currency, field):
    with pytest.raises(ValidationError) as refusal:
        set_agreement_amount(mou, user=owner, amount=amount, currency=currency)
    assert field in refusal.value.message_dict
    assert Agreement.objects.get(pk=mou.pk).amount is None


def test_another_officer_may_not_and_a_manager_may(owner, other_officer, manager, mou):
    with pytest.raises(PermissionDenied):
        set_agreement_amount(mou, user=other_officer, amount=Decimal("1"), currency="USD")
    assert Agreement.objects.get(pk=mou.pk).amount is None
    set_agreement_amount(mou, user=manager, amount=Decimal("1"), currency="USD")
    assert Agreement.objects.get(pk=mou.pk).amount_usd == Decimal("1.00")


def test_the_edit_page_records_a_pending_value_and_fixes_it_once_a_rate_exists(client, owner, mou):
    client.force_login(owner)
    url = reverse("crm:agreement_update", args=[mou.pk])
    data = {
        "title": "Eco-Park MOU",
        "kind": "mou",
        "status": "signed",
        "signed_on": "2019-06-03",
        "date_precision": "day",
        "delegation": mou.delegation_id,
        "amount": "1000000",
        "currency": "JPY",
        "parties-TOTAL_FORMS": "0",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, {**data, "version": mou.version}, follow=True)
    assert "No exchange rate for JPY is recorded yet: the USD value of “Eco-Park MOU” stays pending." in response.text
    mou.refresh_from_db()
    assert (mou.amount, mou.amount_usd) == (Decimal("1000000"), None)

    make_rate("JPY", "0.0092", date(2019, 1, 1))
    client.post(url, {**data, "version": mou.version})
    mou.refresh_from_db()
    assert (mou.usd_rate, mou.amount_usd) == (Decimal("0.0092"), Decimal("9200.00"))


def test_an_edit_that_hands_the_agreement_away_may_not_also_set_its_amount(client, owner, mou):
    client.force_login(owner)
    response = client.post(
        reverse("crm:agreement_update", args=[mou.pk]),
        {
            "title": "Eco-Park MOU",
            "kind": "mou",
            "status": "signed",
            "signed_on": "2019-06-03",
            "date_precision": "day",
            "amount": "1000000",
            "currency": "USD",
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
            "version": mou.version,
        },
    )
    assert "no longer yours to change" in response.content.decode()
    stored = Agreement.objects.get(pk=mou.pk)
    assert (stored.delegation, stored.amount) == (mou.delegation, None)


def test_the_admin_records_the_amount_through_the_service(client, admin_user, mou):
    client.force_login(admin_user)
    url = reverse("admin:crm_agreement_change", args=[mou.pk])
    response = client.post(url, change_form_data(client.get(url), amount="5000000000", currency="KRW"), follow=True)
    assert "the USD value of “Eco-Park MOU” stays pending" in response.text
    mou.refresh_from_db()
    assert (mou.amount, mou.currency, mou.amount_usd) == (Decimal("5000000000"), "KRW", None)
    assert mou.history.first().history_change_reason == "Stated amount recorded"
