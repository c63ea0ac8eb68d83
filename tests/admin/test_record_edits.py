"""Admin edits keep the record's rules: stale edits are refused, old versions are not written back,
and a stated amount gets its USD value at the recorded rate."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from crm.models import Agreement
from tests.admin.forms import change_form_data
from tests.conftest import make_agreement, make_organization, make_rate


def test_a_save_started_from_an_older_version_is_refused(client, admin_user):
    organization = make_organization(name="Qingdao Port", city="Qingdao")
    url = reverse("admin:partners_organization_change", args=[organization.pk])
    client.force_login(admin_user)
    page = client.get(url)
    organization.city = "Huangdao"
    organization.save()

    response = client.post(url, change_form_data(page, city="Jiaozhou"))

    assert response.status_code == 200
    assert "after you opened it" in response.text
    organization.refresh_from_db()
    assert organization.city == "Huangdao"


def test_history_shows_old_versions_but_does_not_restore_them(client, admin_user):
    organization = make_organization(name="Qingdao Port", city="Qingdao")
    organization.city = "Huangdao"
    organization.save()
    old = organization.history.last()
    url = reverse("admin:partners_organization_simple_history", args=[organization.pk, old.history_id])
    client.force_login(admin_user)

    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Qingdao Port", "city": "Qingdao"}).status_code == 403
    organization.refresh_from_db()
    assert organization.city == "Huangdao"


def test_agreement_amount_gets_its_usd_value_at_the_signing_days_rate(client, admin_user):
    make_rate("EUR", "1.13", date(2019, 6, 1))
    agreement = make_agreement(title="Sino-German Eco-Park MOU", signed_on=date(2019, 6, 2))
    url = reverse("admin:crm_agreement_change", args=[agreement.pk])
    client.force_login(admin_user)
    page = client.get(url)

    response = client.post(url, change_form_data(page, amount="10000000", currency="EUR", amount_usd="1"))

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.usd_rate, agreement.amount_usd) == (Decimal("1.13"), Decimal("11300000.00"))


def test_agreement_amount_without_a_currency_is_a_form_error(client, admin_user):
    agreement = make_agreement(title="Korean port MOU")
    url = reverse("admin:crm_agreement_change", args=[agreement.pk])
    client.force_login(admin_user)
    page = client.get(url)

    response = client.post(url, change_form_data(page, amount="5000000000", currency=""))

    assert response.status_code == 200
    assert "Say which currency the amount is written in." in response.text
    assert Agreement.objects.get(pk=agreement.pk).amount is None
