"""A project opened from an MOU goes to the officer who logged the trip, with the sector and park the agreement says."""

import pytest
from django.urls import reverse

from crm.models import AgreementParty
from projects.models import InvestmentProject
from tests.conftest import make_agreement, make_delegation, make_organization, make_park, make_sector

pytestmark = pytest.mark.django_db
PARTNER, QINGDAO = AgreementParty.Side.PARTNER, AgreementParty.Side.QINGDAO


@pytest.fixture
def mou(owner):
    trip = make_delegation("Munich visit", officer=owner)
    make_park()  # Sino-German Eco-Park
    siemens = make_organization("Siemens AG", sector=make_sector())
    committee = make_organization("Sino-German Eco-Park Management Committee")
    return make_agreement("Siemens MOU", delegation=trip, parties=[(siemens, PARTNER), (committee, QINGDAO)])


def test_the_manager_clicking_opens_it_for_the_officer_who_logged_the_visit(manager_client, owner, mou):
    url = reverse("crm:agreement_make_project", args=[mou.pk])
    response = manager_client.post(url, {"name": "Siemens plant"})
    assert response.status_code == 302
    project = InvestmentProject.objects.get(name="Siemens plant")
    assert project.officer == owner
    assert project.sector.name == "Advanced manufacturing"
    assert project.park.name == "Sino-German Eco-Park"
    assert project.investor.name == "Siemens AG"


def test_without_a_trip_it_goes_to_whoever_recorded_the_agreement(manager_client, other_officer):
    mou = make_agreement("Loose MOU", created_by=other_officer)
    manager_client.post(reverse("crm:agreement_make_project", args=[mou.pk]), {"name": "Loose plant"})
    assert InvestmentProject.objects.get(name="Loose plant").officer == other_officer


def test_an_unclear_park_is_left_empty(manager_client, mou):
    make_park(code="another", name="Eco")  # "eco" also appears in the committee's name
    manager_client.post(reverse("crm:agreement_make_project", args=[mou.pk]), {"name": "Siemens plant"})
    assert InvestmentProject.objects.get(name="Siemens plant").park is None


def test_the_page_says_who_will_be_responsible_and_what_is_carried(manager_client, owner, mou):
    html = manager_client.get(reverse("crm:agreement_make_project", args=[mou.pk])).content.decode()
    assert f"Responsible officer: <strong>{owner.get_full_name()}</strong>" in html
    assert "sector: Advanced manufacturing" in html and "park or zone: Sino-German Eco-Park" in html
