"""The exchange-rate page: managers add rates (which fills pending USD values), officers read, others are refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import ExchangeRate
from projects.services import set_project_amount
from tests.conftest import make_project, make_rate

pytestmark = pytest.mark.django_db
URL = "/projects/rates/"


def rate_data(**overrides):
    return {
        "currency": "KRW",
        "valid_on": "2019-01-01",
        "usd_per_unit": "0.00085810",
        "source": "Federal Reserve G.5A, 2019 average",
        **overrides,
    }


def test_the_url_is_named():
    assert reverse("projects:rate_list") == URL


def test_a_manager_adds_a_rate_and_pending_amounts_are_filled(client, owner, manager):
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="contracted", amount=Decimal("1000000"), currency="KRW", user=owner)
    client.force_login(manager)

    response = client.post(URL, rate_data(), follow=True)

    assert "Rate for KRW recorded; 1 amount waiting for it now has its USD value." in response.content.decode()
    rate = ExchangeRate.objects.get(currency="KRW")
    assert (rate.usd_per_unit, rate.created_by) == (Decimal("0.00085810"), manager)
    project.refresh_from_db()
    assert project.contracted_usd == Decimal("858.10")
    assert "Federal Reserve G.5A, 2019 average" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"usd_per_unit": "0"}, "usd_per_unit", "A rate must be more than zero."),
        ({"usd_per_unit": "-2"}, "usd_per_unit", "A rate must be more than zero."),
        ({"usd_per_unit": "a lot"}, "usd_per_unit", "Enter a number."),
        ({"currency": "XYZ"}, "currency", "Select a valid choice."),
        ({"valid_on": "2019-13-45"}, "valid_on", "Enter a valid date."),
        ({"source": ""}, "source", "This field is required."),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(client, manager, overrides, field, message):
    client.force_login(manager)
    response = client.post(URL, rate_data(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not ExchangeRate.objects.exists()


def test_a_second_rate_for_the_same_day_is_refused(client, manager):
    make_rate("KRW", "0.0009", date(2019, 1, 1))
    client.force_login(manager)
    response = client.post(URL, rate_data())
    assert response.status_code == 200
    assert response.context["form"].errors
    assert ExchangeRate.objects.get().usd_per_unit == Decimal("0.0009")


def test_an_officer_reads_the_rates_but_may_not_add_one(client, owner):
    make_rate("EUR", "1.1195", date(2019, 1, 1))
    client.force_login(owner)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1.1195" in html and "0.8933" in html  # USD per unit and its inverse
    assert "Add a rate" not in html
    assert client.post(URL, rate_data()).status_code == 403
    assert ExchangeRate.objects.count() == 1


def test_a_user_without_a_role_is_refused(client, no_role):
    client.force_login(no_role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, rate_data()).status_code == 403
    assert not ExchangeRate.objects.exists()


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client, manager, django_assert_max_num_queries, count):
    for day in range(count):
        make_rate("EUR", f"1.{day:04d}", date(2019, 1, 1 + day % 28) if day < 28 else date(2019, 2, day - 27))
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        response = client.get(URL)
    assert len(response.context["object_list"]) == count
    assert response.content.decode().count("<abbr title=") == count
