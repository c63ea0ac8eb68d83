"""Nothing others depend on can be deleted: the admin refuses, and officers and managers cannot delete at all."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from crm import roles
from partners.models import Organization
from projects.models import InvestmentProject
from tests.conftest import make_organization, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def investor():
    organization = make_organization("Siemens Healthineers")
    make_project("Imaging centre", investor=organization)
    return organization


def test_the_admin_refuses_to_delete_an_organization_with_projects(client, admin_user, investor):
    client.force_login(admin_user)
    url = f"/admin/partners/organization/{investor.pk}/delete/"
    page = client.get(url)
    content = page.content.decode()
    assert "Cannot delete organization" in content
    assert "would require deleting the following protected related objects" in content
    assert "Imaging centre" in content

    refused = client.post(url, {"post": "yes"})
    assert refused.status_code == 200
    assert "Cannot delete organization" in refused.content.decode()
    assert Organization.objects.filter(pk=investor.pk).exists()
    assert InvestmentProject.objects.filter(investor=investor).exists()


def test_the_admin_bulk_delete_refuses_too(client, admin_user, investor):
    client.force_login(admin_user)
    response = client.post(
        "/admin/partners/organization/",
        {"action": "delete_selected", "_selected_action": [investor.pk], "post": "yes"},
    )
    content = response.content.decode()
    assert "would require deleting the following protected related objects" in content
    assert Organization.objects.filter(pk=investor.pk).exists()


def test_an_organization_nothing_depends_on_can_be_deleted_by_the_administrator(client, admin_user):
    lonely = make_organization("Nobody's partner")
    client.force_login(admin_user)
    response = client.post(f"/admin/partners/organization/{lonely.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=lonely.pk).exists()
    assert Organization.history.filter(name="Nobody's partner", history_type="-").exists()


@pytest.mark.parametrize("role", [roles.OFFICER, roles.MANAGER])
def test_officers_and_managers_have_no_delete_permission(role):
    group = Group.objects.get(name=role)
    deletes = list(group.permissions.filter(codename__startswith="delete_").values_list("codename", flat=True))
    assert deletes == []


def test_every_product_model_has_an_archive_flag_instead():
    for app_label in ("partners", "projects", "crm"):
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical") or model._meta.label in {
                "projects.StageChange",
                "crm.AgreementParty",
                # A user's subscription address, not a record: revoked, never archived.
                "crm.CalendarFeed",
                "crm.Report",  # an issued report is never deleted, nor archived: it is what was sent upward
                "crm.ListExport",  # a log of exports: written once, never changed or deleted
                # An upload kept between an import's preview and its commit: a log entry, not a record.
                "crm.ImportFile",
            }:
                continue
            assert hasattr(model, "is_archived"), model._meta.label
