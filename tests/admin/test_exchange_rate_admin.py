"""A rate added in the admin goes through ``add_exchange_rate``: pending USD values in its currency are filled."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import ExchangeRate
from projects.services import set_project_amount
from tests.conftest import make_project

pytestmark = pytest.mark.django_db


def test_adding_a_rate_in_the_admin_fills_pending_amounts(client, admin_user, owner):
    project = make_project(officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="registered", amount=Decimal("1000"), currency="CHF", user=owner)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:projects_exchangerate_add"),
        {
            "currency": "CHF",
            "valid_on": "2019-01-01",
            "usd_per_unit": "1.00623868",
            "source": "Federal Reserve G.5A",
            "provenance": "Checked against the release",
        },
        follow=True,
    )

    assert "1 amount waiting for a CHF rate now has its USD value." in response.content.decode()
    rate = ExchangeRate.objects.get()
    assert (rate.created_by, rate.provenance) == (admin_user, "Checked against the release")
    project.refresh_from_db()
    assert project.registered_usd == Decimal("1006.24")
