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


def permissions_of(group) -> set[tuple[str, str]]:
    return {(p.content_type.app_label, p.codename) for p in group.permissions.select_related("content_type")}


@pytest.mark.django_db
def test_migrate_brings_an_existing_database_in_step_with_the_roles(monkeypatch, owner, django_user_model):
    officer, manager = Group.objects.get(name=roles.OFFICER), Group.objects.get(name=roles.MANAGER)
    managers_before = permissions_of(manager)
    assert ("crm", "view_event") in permissions_of(officer)
    assert ("partners", "delete_contact") not in permissions_of(officer)

    changed = [p for p in roles.officer_permissions() if p != ("crm", "view_event")] + [("partners", "delete_contact")]
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, roles.OFFICER, lambda: changed)
    call_command("migrate", verbosity=0)

    assert permissions_of(officer) == set(changed)
    assert permissions_of(manager) == managers_before
    owner = django_user_model.objects.get(pk=owner.pk)  # a fresh permission cache
    assert owner.has_perm("partners.delete_contact") and not owner.has_perm("crm.view_event")

    # Once more changes nothing; back to the roles in the code, the group follows again.
    call_command("migrate", verbosity=0)
    assert permissions_of(officer) == set(changed)
    monkeypatch.undo()
    call_command("migrate", verbosity=0)
    assert permissions_of(officer) == set(roles.officer_permissions())


@pytest.mark.django_db
def test_migrate_restores_a_deleted_role_group():
    Group.objects.filter(name=roles.MANAGER).delete()
    call_command("migrate", verbosity=0)
    assert permissions_of(Group.objects.get(name=roles.MANAGER)) == set(roles.manager_permissions())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_country_figures_outbound_projects_and_stage_dates_carry_over():
    """Upgrading keeps every country figure (now a figure scoped to its country) and states directions."""
    from datetime import UTC, date, datetime

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("partners", "0002_created_by"), ("projects", "0004_project_reference"), ("crm", "0003_created_by")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    germany = old.get_model("partners", "Country").objects.create(code="DE", name="Germany")
    old.get_model("partners", "CountryFigure").objects.create(
        country=germany,
        metric="trade_volume",
        label="Trade with Germany",
        value=2,
        currency="USD",
        as_of=date(2018, 1, 1),
        as_of_precision="year",
        provenance="brochure L243",
    )
    project = old.get_model("projects", "InvestmentProject").objects.create(
        name="Haier Russia", project_type="outbound"
    )
    old.get_model("projects", "StageChange").objects.create(
        project=project, to_stage="lead", to_status="active", changed_at=datetime(2019, 4, 17, 3, tzinfo=UTC)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps
    figure = new.get_model("projects", "Figure").objects.get()
    assert (figure.scope, figure.country_id, figure.label, figure.provenance) == (
        "country",
        germany.pk,
        "Trade with Germany",
        "brochure L243",
    )
    moved = new.get_model("projects", "InvestmentProject").objects.get(pk=project.pk)
    assert (moved.direction, moved.project_type) == ("outbound", "other")
    assert new.get_model("projects", "StageChange").objects.get().occurred_on == date(2019, 4, 17)
