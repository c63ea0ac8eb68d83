"""The project-list filters the KPI and figure links use: direction, district, country group, signing year,
reached stage, phases, and the intents that produced a project."""

from datetime import date

import pytest
from django.urls import reverse

from partners.models import CountryGroup
from projects.models import InvestmentProject, StageChange
from tests.conftest import make_agreement, make_country, make_project

pytestmark = pytest.mark.django_db
URL = reverse("projects:project_list")


@pytest.fixture
def projects():
    russia, germany = make_country("RU", "Russia"), make_country("DE", "Germany")
    CountryGroup.objects.create(code="sco", name="SCO member").countries.add(russia)
    made = {
        "plant": make_project(
            "Plant", stage="operating", signed_on=date(2019, 4, 17), district="jimo", origin_country=germany
        ),
        "fridge": make_project(
            "Fridge works", stage="operating", direction="outbound", origin_country=russia, signed_on=date(2018, 3, 1)
        ),
        "slipped": make_project("Slipped", stage="negotiating", origin_country=russia, signed_on=date(2019, 12, 31)),
        "lead": make_project("Lead", stage="lead"),
    }
    made["phase"] = make_project("Plant phase 2", stage="intent", parent=made["plant"], district="jimo")
    StageChange.objects.create(project=made["slipped"], from_stage="intent", to_stage="registered", to_status="active")
    StageChange.objects.create(
        project=made["slipped"], from_stage="registered", to_stage="negotiating", to_status="active"
    )
    make_agreement("MOU 2019", kind="mou", signed_on=date(2019, 1, 5)).projects.add(made["plant"])
    make_agreement("Contract", kind="investment_contract", signed_on=date(2019, 1, 5)).projects.add(made["lead"])
    make_agreement("MOU 2018", kind="mou", signed_on=date(2018, 1, 5)).projects.add(made["slipped"])
    return made


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return sorted(project.name for project in response.context["object_list"])


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def test_reached_counts_the_stage_now_or_once(projects):
    reached = InvestmentProject.objects.reached("registered")
    assert sorted(reached.values_list("name", flat=True)) == ["Fridge works", "Plant", "Slipped"]
    assert sorted(InvestmentProject.objects.reached("operating").values_list("name", flat=True)) == [
        "Fridge works",
        "Plant",
    ]


def test_filters(projects, manager_client):
    assert names(manager_client, reached="registered") == ["Fridge works", "Plant", "Slipped"]
    assert names(manager_client, direction="outbound") == ["Fridge works"]
    assert names(manager_client, district="jimo") == ["Plant", "Plant phase 2"]
    assert names(manager_client, origin_group="sco") == ["Fridge works", "Slipped"]
    assert names(manager_client, signed_year="2019") == ["Plant", "Slipped"]
    assert names(manager_client, phase="true") == ["Plant phase 2"]
    assert "Plant phase 2" not in names(manager_client, phase="false")
    assert names(manager_client, from_intent="true") == ["Plant", "Slipped"]
    assert names(manager_client, from_intent="false") == ["Fridge works", "Lead", "Plant phase 2"]
    assert names(manager_client, intent_year="2018") == ["Slipped"]


@pytest.mark.parametrize(
    "params",
    [
        {"signed_year": "99999999999999999999"},
        {"signed_year": "2019.5"},
        {"signed_year": "²"},
        {"intent_year": "-1"},
        {"reached": "nowhere"},
        {"origin_group": "\x00"},
        {"direction": "sideways"},
    ],
)
def test_bad_values_give_an_empty_list(projects, manager_client, params):
    response = manager_client.get(URL, params)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
