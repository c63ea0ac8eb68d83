"""Managers give several projects to another officer from the list, after a page that lists what changes."""

import pytest
from django.urls import reverse

from projects.models import InvestmentProject
from tests.conftest import make_project

pytestmark = pytest.mark.django_db
LIST = reverse("projects:project_list")
BULK = reverse("projects:project_bulk")


def post(client, projects, officer, confirm=False, follow=False):
    data = {"pk": [p.pk for p in projects], "officer": officer.pk, "next": LIST}
    if confirm:
        data["confirm"] = "yes"
    return client.post(BULK, data, follow=follow)


def test_confirm_page_then_the_change_with_its_history(client, manager, owner, other_officer):
    projects = [make_project("Haier plant", officer=owner), make_project("Teva plant", officer=other_officer)]
    client.force_login(manager)
    content = post(client, projects, other_officer).content.decode()
    assert "Officer: Li Na → Zhang Wei" in content
    assert "Left as it is: Already theirs." in content
    assert InvestmentProject.objects.get(name="Haier plant").officer == owner
    response = post(client, projects, other_officer, confirm=True, follow=True)
    assert "1 project changed." in response.content.decode()
    haier = InvestmentProject.objects.get(name="Haier plant")
    assert haier.officer == other_officer
    assert haier.history.first().history_change_reason == "Officer: Li Na → Zhang Wei"


def test_an_officer_may_not_and_sees_no_checkboxes(client, owner, other_officer):
    project = make_project("Haier plant", officer=owner)
    client.force_login(owner)
    assert post(client, [project], other_officer, confirm=True).status_code == 403
    assert InvestmentProject.objects.get().officer == owner
    assert 'form="bulk-form"' not in client.get(LIST).content.decode()


def test_the_manager_sees_a_checkbox_per_row(client, manager, owner):
    make_project("Haier plant", officer=owner)
    make_project("Teva plant", officer=owner)
    client.force_login(manager)
    assert client.get(LIST).content.decode().count('form="bulk-form"') == 2


def test_no_officer_chosen_changes_nothing(client, manager, owner):
    project = make_project("Haier plant", officer=owner)
    client.force_login(manager)
    response = client.post(BULK, {"pk": [project.pk], "officer": "", "next": LIST, "confirm": "yes"}, follow=True)
    assert "nothing was changed" in response.content.decode()
    assert InvestmentProject.objects.get().officer == owner
