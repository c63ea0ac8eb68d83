"""The admin: one save, one history entry; no "None" for a missing reason; people by name; listed records kept."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from crm.models import Meeting
from partners.models import Organization
from tests.admin.forms import change_form_data
from tests.conftest import make_agreement, make_meeting, make_organization, make_project

pytestmark = pytest.mark.django_db


def test_an_admin_edit_of_a_projects_amount_makes_one_history_entry(client, admin_user, owner):
    project = make_project("Cold store", officer=owner)
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    client.force_login(admin_user)
    before = project.history.count()
    data = change_form_data(client.get(url), planned_amount="2000000", planned_currency="USD")
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert (project.planned_amount, project.planned_usd) == (Decimal("2000000"), Decimal("2000000"))
    assert project.history.count() == before + 1


def test_an_admin_edit_of_an_agreements_amount_makes_one_history_entry(client, admin_user):
    agreement = make_agreement(title="Port MOU")
    url = reverse("admin:crm_agreement_change", args=[agreement.pk])
    client.force_login(admin_user)
    before = agreement.history.count()
    assert client.post(url, change_form_data(client.get(url), amount="500", currency="USD")).status_code == 302
    agreement.refresh_from_db()
    assert agreement.amount_usd == Decimal("500")
    assert agreement.history.count() == before + 1


def test_an_officers_edit_of_a_projects_amount_makes_one_history_entry(client, owner):
    project = make_project("Cold store", officer=owner, project_type="greenfield")
    client.force_login(owner)
    before = project.history.count()
    data = {
        "name": project.name,
        "project_type": "greenfield",
        "signed_on_precision": "day",
        "planned_amount": "1000",
        "planned_currency": "USD",
        "version": project.version,
    }
    response = client.post(reverse("projects:project_update", args=[project.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.planned_usd == Decimal("1000")
    assert project.history.count() == before + 1


def test_the_admin_history_names_the_officer_and_leaves_a_missing_reason_blank(client, admin_user, owner, manager):
    project = make_project("Cold store", officer=owner)
    project.officer = manager
    project.save()
    client.force_login(admin_user)
    html = client.get(reverse("admin:projects_investmentproject_history", args=[project.pk])).content.decode()
    assert manager.get_full_name() in html and owner.get_full_name() in html
    assert f"&rarr;&nbsp;&nbsp;{manager.username}" not in html
    assert "<td>\n          None\n        </td>" not in html
    project.planned_jobs = 12
    project.save()
    html = client.get(reverse("admin:projects_investmentproject_history", args=[project.pk])).content.decode()
    assert re.search(r"\(empty\)\s*&nbsp;&rarr;&nbsp;&nbsp;12", html)


def test_an_organization_listed_as_met_cannot_be_deleted_anywhere(client, admin_user):
    organization = make_organization("Siemens AG")
    meeting = make_meeting("Talks")
    meeting.organizations.add(organization)
    with pytest.raises(ProtectedError):
        organization.delete()
    with pytest.raises(ProtectedError):
        Organization.objects.filter(pk=organization.pk).delete()
    client.force_login(admin_user)
    url = reverse("admin:partners_organization_delete", args=[organization.pk])
    html = client.get(url).content.decode()
    assert "Meeting_organizations object" not in html
    assert "Talks" in html
    assert 'type="submit"' not in html.split('id="content"')[1]
    client.post(url, {"post": "yes"})
    assert Organization.objects.filter(pk=organization.pk).exists()
    assert list(Meeting.objects.get().organizations.all()) == [organization]


def test_an_organization_nothing_lists_can_still_be_deleted_by_an_administrator(client, admin_user):
    organization = make_organization("Nobody's partner")
    client.force_login(admin_user)
    response = client.post(reverse("admin:partners_organization_delete", args=[organization.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_the_admin_shows_no_rate_for_a_usd_amount_and_the_rate_for_another(client, admin_user, owner):
    from projects.services import set_project_amount
    from tests.conftest import make_rate

    make_rate("EUR", "1.12")
    project = make_project("Cold store", officer=owner, signed_on=date(2019, 6, 3))
    set_project_amount(project=project, kind="planned", amount=Decimal("65000000"), currency="USD", user=admin_user)
    set_project_amount(project=project, kind="total", amount=Decimal("1000000"), currency="EUR", user=admin_user)
    client.force_login(admin_user)
    html = client.get(reverse("admin:projects_investmentproject_change", args=[project.pk])).content.decode()
    assert "65,000,000\u00a0USD</div>" in html
    assert "1 USD = " not in html and "65,000,000.00" not in html
    assert "1,120,000\u00a0USD at 1 EUR = 1.12 USD" in html
