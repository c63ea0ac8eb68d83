"""The seed fixtures load into an empty database, and loading them again changes nothing."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.seed.seed_helpers import seeded_models


def _counts():
    models = [m for app in ("partners", "projects", "crm") for m in apps.get_app_config(app).get_models()]
    models += [get_user_model(), apps.get_model("auth", "Group")]
    return {model._meta.label: model.objects.count() for model in models}


@pytest.mark.django_db
def test_fixtures_load_into_an_empty_database_and_reload_without_duplicates():
    assert all(model.objects.count() == 0 for model in seeded_models())

    call_command("load_seed", verbosity=0)
    first = _counts()
    assert all(first[model._meta.label] > 0 for model in seeded_models())

    call_command("load_seed", verbosity=0)
    assert _counts() == first

    call_command("load_seed", force=True, verbosity=0)
    assert _counts() == first


@pytest.mark.django_db
def test_loading_again_keeps_edits_made_since():
    call_command("load_seed", verbosity=0)
    project_model = apps.get_model("projects", "InvestmentProject")
    project = project_model.objects.order_by("pk").first()
    project.description = "Updated by the officer after the 2019 visit."
    project.save()

    call_command("load_seed", verbosity=0)
    project.refresh_from_db()
    assert project.description == "Updated by the officer after the 2019 visit."


@pytest.mark.django_db
def test_demo_users_arrive_without_a_usable_password():
    call_command("load_seed", verbosity=0)
    users = {user.username: user for user in get_user_model().objects.all()}

    assert set(users) == {"officer", "officer2", "manager", "admin"}
    assert not any(user.has_usable_password() for user in users.values())
    assert [g.name for g in users["officer2"].groups.all()] == ["Officer"]
    assert [g.name for g in users["manager"].groups.all()] == ["Manager"]
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert (users["officer"].first_name, users["officer"].last_name) == ("Li", "Na")


@pytest.mark.django_db
def test_every_seeded_record_gets_one_starting_history_row():
    """History starts from the seeded values, so the first edit shows what it changed."""
    call_command("load_seed", verbosity=0)
    call_command("load_seed", verbosity=0)
    for model in seeded_models():
        if hasattr(model, "history"):
            assert model.history.count() == model.objects.count(), model._meta.label
            assert not model.history.exclude(history_type="+").exists(), model._meta.label


@pytest.mark.django_db
def test_seeded_projects_carry_their_last_activity_day():
    """Fixtures bypass the services; the loader sets the day the stale rule reads, as the services would."""
    from projects.activity import last_activity
    from projects.models import InvestmentProject

    call_command("load_seed", verbosity=0)
    projects = InvestmentProject.objects.annotate(expected=last_activity())
    assert projects.exists()
    assert all(project.last_activity_on == project.expected for project in projects)
