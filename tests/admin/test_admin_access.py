"""Who gets into the admin, and what a staff member without the managers' permissions sees there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from crm import roles
from tests.admin.factories import make_rows
from tests.conftest import make_project, make_user

CHANGELIST = reverse("admin:projects_investmentproject_changelist")


def test_a_superuser_sees_confidential_projects(client, admin_user, owner):
    make_project(name="Confidential battery plant", is_confidential=True, officer=owner)
    client.force_login(admin_user)

    response = client.get(CHANGELIST)

    assert "Confidential battery plant" in response.text


def test_staff_without_the_confidential_permission_do_not_see_others_confidential_projects(
    client, owner, other_officer
):
    owner.is_staff = True
    owner.save()
    make_project(name="Own confidential plant", is_confidential=True, officer=owner)
    make_project(name="Other confidential plant", is_confidential=True, officer=other_officer)
    make_project(name="Open plant", officer=other_officer)
    client.force_login(owner)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    names = {project.name for project in response.context["cl"].result_list}
    assert names == {"Own confidential plant", "Open plant"}


def test_staff_officer_may_view_but_not_change_another_officers_project(client, owner, other_officer):
    owner.is_staff = True
    owner.save()
    project = make_project(name="Open plant", officer=other_officer)
    client.force_login(owner)

    response = client.get(reverse("admin:projects_investmentproject_change", args=[project.pk]))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


@pytest.fixture
def administrator(db):
    """A member of the Administrator group who is staff but not a superuser."""
    return make_user("chen", roles.ADMINISTRATOR, is_staff=True)


PRODUCT_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in ("partners", "projects", "crm")),
    key=lambda model: model._meta.label,
)


@pytest.mark.parametrize("model", PRODUCT_MODELS, ids=lambda model: model._meta.label)
def test_the_administrator_group_opens_every_list_and_record(client, administrator, model):
    (obj,) = make_rows(model, 1)
    client.force_login(administrator)
    opts = model._meta

    listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))

    assert (listing.status_code, change.status_code) == (200, 200)


def test_the_administrator_group_sees_and_changes_every_project(client, administrator, owner):
    project = make_project(name="Confidential battery plant", is_confidential=True, officer=owner)
    client.force_login(administrator)

    response = client.get(reverse("admin:projects_investmentproject_change", args=[project.pk]))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is True
