"""The agreement page, and turning an agreement into a project."""

from datetime import date

import pytest
from django.urls import reverse

from crm.models import AgreementParty
from projects.models import InvestmentProject
from tests.conftest import make_agreement, make_organization, make_project, make_rate

pytestmark = pytest.mark.django_db
PARTNER, QINGDAO = AgreementParty.Side.PARTNER, AgreementParty.Side.QINGDAO


@pytest.fixture
def agreement():
    make_rate("EUR", "1.12", date(2019, 1, 1))
    return make_agreement(
        "LOI on a smart-manufacturing centre",
        kind="loi",
        parties=[(make_organization("Siemens AG"), PARTNER), (make_organization("Qingdao Bureau"), QINGDAO)],
        place="Munich",
        amount=45_000_000,
        currency="EUR",
        usd_rate="1.12",
        amount_usd=50_400_000,
        expires_on=date(2020, 6, 6),
    )


def test_shows_kind_parties_by_side_amounts_and_expiry(owner_client, agreement):
    content = owner_client.get(agreement.get_absolute_url()).content.decode()
    for text in (
        "Letter of intent",
        "not binding",
        "Partner side",
        "Siemens AG",
        "Qingdao side",
        "Qingdao Bureau",
        "2 June 2019",
        "Munich",
        "45,000,000\u00a0EUR",
        "50,400,000\u00a0USD",
        "expired",
        "has not produced a project yet",
        "Make a project",
    ):
        assert text in content, text


def test_projects_produced_respect_confidentiality(client, agreement, owner, other_officer):
    agreement.projects.add(make_project("Confidential plant", officer=owner, is_confidential=True))
    client.force_login(other_officer)
    assert "Confidential plant" not in client.get(agreement.get_absolute_url()).content.decode()
    client.force_login(owner)
    assert "Confidential plant" in client.get(agreement.get_absolute_url()).content.decode()


def test_make_project_opens_an_intent_project_linked_to_the_agreement(owner_client, agreement, owner):
    url = reverse("crm:agreement_make_project", args=[agreement.pk])
    assert owner_client.get(url).context["form"].initial["name"] == agreement.title
    response = owner_client.post(url, {"name": "Siemens smart-manufacturing centre"})
    project = InvestmentProject.objects.get(name="Siemens smart-manufacturing centre")
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert project.stage == "intent"
    assert project.officer == owner
    assert list(agreement.projects.all()) == [project]


def test_make_project_shows_the_refusal_and_creates_nothing(owner_client, agreement):
    agreement.is_binding = True
    agreement.save()
    response = owner_client.post(reverse("crm:agreement_make_project", args=[agreement.pk]), {"name": "Siemens centre"})
    assert response.status_code == 200
    assert "Only a manager may open a project at contracted or beyond." in response.content.decode()
    assert not InvestmentProject.objects.exists()


def test_make_project_refuses_a_duplicate_name(owner_client, agreement):
    make_project("Existing plant")
    response = owner_client.post(reverse("crm:agreement_make_project", args=[agreement.pk]), {"name": "existing plant"})
    assert "already exists" in response.content.decode()
    assert InvestmentProject.objects.count() == 1
