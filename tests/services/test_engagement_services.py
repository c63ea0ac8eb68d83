"""Completing follow-ups and opening projects from agreements."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crm.models import AgreementParty, FollowUp
from crm.services import complete_follow_up, create_project_from_agreement
from projects.models import InvestmentProject, StageChange
from tests.conftest import make_agreement, make_country, make_follow_up, make_organization, make_park, make_sector

pytestmark = pytest.mark.django_db


def test_owner_completes_a_follow_up(owner):
    follow_up = make_follow_up(owner)
    complete_follow_up(follow_up, user=owner)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.DONE
    assert follow_up.completed_by == owner
    assert follow_up.completed_at is not None


def test_another_officer_may_not_complete_it(owner, other_officer):
    follow_up = make_follow_up(owner)
    with pytest.raises(PermissionDenied):
        complete_follow_up(follow_up, user=other_officer)
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUp.Status.OPEN


def test_manager_completes_anyones_follow_up(owner, manager):
    follow_up = make_follow_up(owner)
    complete_follow_up(follow_up, user=manager)
    assert FollowUp.objects.get(pk=follow_up.pk).completed_by == manager


def test_completing_twice_is_refused(owner):
    follow_up = make_follow_up(owner)
    complete_follow_up(follow_up, user=owner)
    with pytest.raises(ValidationError, match="already done"):
        complete_follow_up(follow_up, user=owner)


def test_project_from_mou_is_linked_both_ways(owner):
    partner = make_organization(name="Haifa Port", country=make_country("IL", "Israel"))
    agreement = make_agreement(
        title="MOU with Haifa Port", parties=[(partner, AgreementParty.Side.PARTNER)], signed_on=date(2019, 6, 2)
    )
    project = create_project_from_agreement(agreement, user=owner, name="Haifa Port logistics cooperation")
    assert project.stage == "intent"
    assert (project.investor, project.origin_country.code, project.officer) == (partner, "IL", owner)
    assert list(project.agreements.all()) == [agreement]
    assert list(agreement.projects.all()) == [project]
    opening = StageChange.objects.get(project=project)
    # The project reached intent the day the MOU was signed, whenever that is recorded.
    assert (opening.to_stage, opening.occurred_on, opening.occurred_on_precision) == ("intent", date(2019, 6, 2), "day")


def test_binding_contract_project_needs_a_manager(owner, manager):
    partner = make_organization(name="Investor AG")
    agreement = make_agreement(
        title="Investment contract",
        kind="investment_contract",
        is_binding=True,
        amount=Decimal("30000000"),
        currency="USD",
        parties=[(partner, "partner")],
    )
    with pytest.raises(PermissionDenied):
        create_project_from_agreement(agreement, user=owner, name="Plant")
    assert not InvestmentProject.objects.exists()
    with pytest.raises(ValidationError) as error:
        create_project_from_agreement(agreement, user=manager, name="Plant")
    assert "Record the sector." in error.value.messages
    assert not InvestmentProject.objects.exists()
    project = create_project_from_agreement(
        agreement, user=manager, name="Plant", sector=make_sector(), park=make_park()
    )
    assert (project.stage, project.contracted_usd) == ("contracted", Decimal("30000000.00"))


def test_duplicate_project_name_is_refused(owner):
    agreement = make_agreement()
    create_project_from_agreement(agreement, user=owner, name="Eco-park hotel")
    with pytest.raises(ValidationError, match="already exists"):
        create_project_from_agreement(agreement, user=owner, name="eco-park HOTEL")
    assert InvestmentProject.objects.count() == 1


def test_new_project_page_logs_the_opening_stage(client, owner):
    client.force_login(owner)
    response = client.post(
        "/projects/new/",
        {
            "name": "Harbour robotics lab",
            "stage": "negotiating",
            "project_type": "greenfield",
            "signed_on_precision": "day",
            "version": 1,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    project = InvestmentProject.objects.get(name="Harbour robotics lab")
    opening = StageChange.objects.get(project=project)
    assert (opening.from_stage, opening.to_stage, opening.changed_by) == ("", "negotiating", owner)
