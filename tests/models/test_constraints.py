"""Rules that live in the database hold even when code forgets them; clean() explains them to people."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from crm.models import AgreementParty, Delegation, Event, FollowUp
from partners.models import Country, Organization
from tests.conftest import (
    make_agreement,
    make_country,
    make_delegation,
    make_organization,
    make_project,
)

pytestmark = pytest.mark.django_db


def refused_by_database(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


def test_delegation_cannot_end_before_it_starts():
    delegation = Delegation(
        title="Backwards trip", direction="outbound", start_date=date(2019, 6, 7), end_date=date(2019, 6, 2)
    )
    with pytest.raises(ValidationError) as error:
        delegation.full_clean()
    assert "The end date cannot be before the start date." in error.value.message_dict["end_date"]
    refused_by_database(delegation.save)
    assert not Delegation.objects.exists()


def test_event_cannot_end_before_it_starts():
    refused_by_database(
        lambda: Event.objects.create(name="Fair", start_date=date(2019, 6, 7), end_date=date(2019, 6, 1))
    )


def test_project_amount_cannot_be_negative():
    project = make_project(name="Negative")
    project.contracted_amount, project.currency = -5, "USD"
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert error.value.message_dict["contracted_amount"] == ["An amount cannot be negative."]
    refused_by_database(project.save)


def test_project_amount_needs_a_currency():
    project = make_project(name="No currency")
    project.contracted_amount = 10
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "currency" in error.value.message_dict
    refused_by_database(project.save)


def test_agreement_amount_cannot_be_negative_nor_expire_before_signing():
    refused_by_database(lambda: make_agreement(amount=-1, currency="USD"))
    refused_by_database(lambda: make_agreement(signed_on=date(2019, 6, 2), expires_on=date(2019, 1, 1)))


def test_follow_up_must_concern_a_record(owner):
    follow_up = FollowUp(title="Call back", owner=owner, due_on=date(2019, 7, 1))
    with pytest.raises(ValidationError, match="Say what this follow-up concerns"):
        follow_up.full_clean()
    refused_by_database(follow_up.save)


def test_follow_up_done_needs_a_completion_time(owner):
    refused_by_database(
        lambda: FollowUp.objects.create(
            title="Done without time",
            owner=owner,
            due_on=date(2019, 7, 1),
            status="done",
            organization=make_organization(),
        )
    )


def test_natural_keys_are_unique():
    make_country("IL", "Israel")
    refused_by_database(lambda: Country.objects.create(code="IL", name="Israel again"))
    make_organization(name="Haifa Port")
    refused_by_database(lambda: Organization.objects.create(name="Haifa Port", country=make_country()))
    make_delegation(title="Germany trip", start_date=date(2019, 6, 2))
    refused_by_database(lambda: make_delegation(title="Germany trip", start_date=date(2019, 6, 2)))


def test_country_code_must_be_two_capitals():
    refused_by_database(lambda: Country.objects.create(code="de", name="Lowercase"))


def test_an_organization_signs_an_agreement_once():
    org = make_organization()
    agreement = make_agreement(parties=[(org, AgreementParty.Side.PARTNER)])
    refused_by_database(lambda: AgreementParty.objects.create(agreement=agreement, organization=org, side="qingdao"))


def test_protected_references_refuse_deleting_an_investor():
    from django.db.models import ProtectedError

    investor = make_organization(name="Investor Group")
    make_project(name="Plant", investor=investor)
    with pytest.raises(ProtectedError):
        investor.delete()
    assert Organization.objects.filter(name="Investor Group").exists()


def test_every_save_raises_the_version():
    org = make_organization(name="Versioned")
    assert org.version == 1
    org.notes = "first"
    org.save()
    org.notes = "second"
    org.save(update_fields=["notes"])
    org.refresh_from_db()
    assert org.version == 3
