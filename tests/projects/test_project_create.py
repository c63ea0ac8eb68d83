"""Creating a project: the officer owns it by default, managers may choose, the amount is fixed in USD."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import InvestmentProject
from tests.conftest import make_country, make_organization, make_park, make_rate, make_sector

pytestmark = pytest.mark.django_db
URL = reverse("projects:project_create")


def form_data(**overrides):
    data = {
        "name": "Haier–Siemens smart kitchen plant",
        "name_zh": "",
        "stage": "negotiating",
        "investor": make_organization("Siemens").pk,
        "origin_country": make_country().pk,
        "sector": make_sector().pk,
        "park": make_park().pk,
        "district": "huangdao",
        "project_type": "joint_venture",
        "signed_on": "2019-06-03",
        "signed_on_precision": "day",
        "contracted_amount": "",
        "currency": "",
        "description": "Met at the Munich forum.",
    }
    data.update(overrides)
    return data


def test_officer_creates_a_project_they_are_responsible_for(client, owner):
    client.force_login(owner)
    response = client.post(URL, form_data())
    project = InvestmentProject.objects.get(name="Haier–Siemens smart kitchen plant")
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.officer == owner
    assert project.stage == "negotiating"
    assert project.contracted_amount is None


def test_officer_form_has_no_officer_choice(client, owner):
    client.force_login(owner)
    response = client.get(URL)
    assert response.status_code == 200
    assert "officer" not in response.context["form"].fields
    assert 'name="stage"' in response.content.decode()


def test_an_officer_cannot_hand_the_project_to_someone_else(client, owner, other_officer):
    client.force_login(owner)
    client.post(URL, form_data(officer=other_officer.pk))
    assert InvestmentProject.objects.get().officer == owner


def test_manager_chooses_another_officer(client, manager, owner):
    client.force_login(manager)
    assert client.get(URL).context["form"]["officer"].value() == manager.pk
    client.post(URL, form_data(officer=owner.pk))
    assert InvestmentProject.objects.get().officer == owner


def test_contracted_amount_is_fixed_in_usd_at_the_recorded_rate(client, owner):
    make_rate("EUR", "1.12", valid_on=date(2019, 1, 1))
    client.force_login(owner)
    client.post(URL, form_data(contracted_amount="80000000", currency="EUR"))
    project = InvestmentProject.objects.get()
    assert (project.contracted_amount, project.currency) == (Decimal("80000000"), "EUR")
    assert project.usd_rate == Decimal("1.12")
    assert project.contracted_usd == Decimal("89600000.00")


def test_without_a_rate_the_project_is_saved_with_its_usd_value_pending(client, owner):
    client.force_login(owner)
    response = client.post(URL, form_data(contracted_amount="5000000000", currency="KRW"), follow=True)
    assert "No exchange rate for KRW is recorded yet" in response.content.decode()
    project = InvestmentProject.objects.get()
    assert (project.contracted_amount, project.currency, project.contracted_usd) == (Decimal("5000000000"), "KRW", None)
    assert "USD pending" in response.content.decode()


def test_amount_without_currency_is_refused(client, owner):
    client.force_login(owner)
    response = client.post(URL, form_data(contracted_amount="100"))
    assert response.context["form"].errors["currency"] == ["Say which currency the amount is written in."]
    assert not InvestmentProject.objects.exists()


def test_a_new_project_cannot_start_at_contracted(client, owner, manager):
    client.force_login(manager)
    response = client.post(URL, form_data(stage="contracted", officer=owner.pk))
    assert "stage" in response.context["form"].errors
    assert not InvestmentProject.objects.exists()


def test_duplicate_name_is_refused(client, owner):
    client.force_login(owner)
    data = form_data()
    client.post(URL, data)
    response = client.post(URL, data)
    assert "name" in response.context["form"].errors
    assert InvestmentProject.objects.count() == 1


def test_refused_without_add_permission(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("visitor", password="a-long-password-1"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not InvestmentProject.objects.exists()
