"""The models and the migrations agree, and the roles exist with their permissions."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from crm import roles


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.OFFICER, roles.MANAGER, roles.ADMINISTRATOR])
def test_role_groups_have_exactly_their_permissions(role):
    group = Group.objects.get(name=role)
    have = {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}
    assert have == set(roles.ROLE_PERMISSIONS[role]())


@pytest.mark.django_db
def test_officers_delete_nothing_and_cannot_approve_contracts(owner):
    assert not any(p.startswith("delete") for p in {p.split(".")[1] for p in owner.get_all_permissions()})
    assert not owner.has_perm("projects.approve_contracted_stage")
    assert owner.has_perm("projects.change_investmentproject")


@pytest.mark.django_db
def test_managers_approve_contracts_and_see_confidential_projects(manager):
    assert manager.has_perm("projects.approve_contracted_stage")
    assert manager.has_perm("projects.view_confidential_projects")
    assert manager.has_perm("projects.change_any_project")
