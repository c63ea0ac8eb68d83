"""Editing a project: only who may change it, never its stage, money through the service, stale edits refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import InvestmentProject
from tests.conftest import make_project, make_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(owner):
    return make_project(name="Qingdao port cold store", officer=owner, stage="intent", project_type="greenfield")


def url(project):
    return reverse("projects:project_update", args=[project.pk])


def form_data(project, **overrides):
    data = {
        "name": project.name,
        "name_zh": project.name_zh,
        "district": project.district,
        "project_type": project.project_type,
        "signed_on_precision": project.signed_on_precision,
        "description": "Cold store for Korean food imports.",
        "planned_jobs": "250",
        "contracted_amount": "",
        "currency": "",
        "version": project.version,
    }
    data.update(overrides)
    return data


def test_owner_edits_details(client, owner, project):
    client.force_login(owner)
    response = client.post(url(project), form_data(project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.planned_jobs == 250
    assert project.description == "Cold store for Korean food imports."


def test_stage_and_status_are_not_in_the_edit_form(client, owner, project):
    client.force_login(owner)
    form = client.get(url(project)).context["form"]
    assert "stage" not in form.fields and "status" not in form.fields
    client.post(url(project), form_data(project, stage="operating", status="lost"))
    project.refresh_from_db()
    assert (project.stage, project.status) == ("intent", "active")


def test_another_officer_is_refused(client, other_officer, project):
    client.force_login(other_officer)
    assert client.get(url(project)).status_code == 403
    assert client.post(url(project), form_data(project, planned_jobs="9")).status_code == 403
    project.refresh_from_db()
    assert project.planned_jobs is None


def test_manager_may_edit_and_reassign(client, manager, other_officer, project):
    client.force_login(manager)
    client.post(url(project), form_data(project, officer=other_officer.pk))
    project.refresh_from_db()
    assert project.officer == other_officer


def test_amount_goes_through_the_service_at_the_signing_date_rate(client, owner, project):
    make_rate("EUR", "1.10", valid_on=date(2019, 1, 1))
    make_rate("EUR", "1.20", valid_on=date(2020, 1, 1))
    client.force_login(owner)
    client.post(url(project), form_data(project, contracted_amount="1000000", currency="EUR", signed_on="2019-06-03"))
    project.refresh_from_db()
    assert (project.usd_rate, project.contracted_usd) == (Decimal("1.10"), Decimal("1100000.00"))


def test_an_unchanged_amount_keeps_its_recorded_rate(client, owner, project):
    InvestmentProject.objects.filter(pk=project.pk).update(
        contracted_amount=Decimal("1000000"),
        currency="EUR",
        usd_rate=Decimal("1.10"),
        contracted_usd=Decimal("1100000"),
    )
    project.refresh_from_db()
    # A rate recorded later must not rewrite the USD value while the amount itself stays.
    make_rate("EUR", "1.50", valid_on=date(2019, 1, 1))
    client.force_login(owner)
    client.post(url(project), form_data(project, contracted_amount="1000000.00", currency="EUR", planned_jobs="300"))
    project.refresh_from_db()
    assert project.planned_jobs == 300
    assert (project.usd_rate, project.contracted_usd) == (Decimal("1.10"), Decimal("1100000.00"))


def test_without_a_rate_the_edit_is_saved_with_the_usd_value_pending(client, owner, project):
    client.force_login(owner)
    response = client.post(url(project), form_data(project, contracted_amount="100", currency="JPY", planned_jobs="5"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.planned_jobs, project.contracted_amount, project.currency) == (5, Decimal("100"), "JPY")
    assert project.contracted_usd is None


def test_every_kind_and_the_direction_are_edited_on_the_form(client, owner, project):
    make_rate("CNY", "0.145", date(2019, 1, 1))
    client.force_login(owner)
    data = form_data(
        project,
        direction="outbound",
        planned_amount="1000",
        planned_currency="CNY",
        total_amount="2000",
        total_currency="CNY",
        registered_amount="300",
        registered_currency="USD",
    )
    assert client.post(url(project), data).status_code == 302
    project.refresh_from_db()
    assert project.direction == "outbound"
    assert (project.planned_usd, project.total_usd, project.registered_usd) == (
        Decimal("145.00"),
        Decimal("290.00"),
        Decimal("300.00"),
    )
    assert project.contracted_amount is None


def test_a_stale_edit_is_refused(client, owner, project):
    client.force_login(owner)
    stale_version = project.version
    project.description = "Changed by a colleague"
    project.save()
    response = client.post(url(project), form_data(project, version=stale_version, planned_jobs="5"))
    assert response.status_code == 200
    assert "Your changes were not saved" in response.content.decode()
    project.refresh_from_db()
    assert project.description == "Changed by a colleague" and project.planned_jobs is None
