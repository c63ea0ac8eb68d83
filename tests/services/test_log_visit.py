"""Logging a visit from plain data, as the visit page and (later) the API call it: all of it or nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crm.models import Agreement, AgreementParty, Delegation, FollowUp, Meeting
from crm.services import log_visit
from partners.models import Organization
from tests.conftest import make_contact, make_country, make_organization, make_rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def germany():
    return make_country()


def trip(germany, **changes):
    return {
        "title": "Munich chemical cluster visit",
        "direction": Delegation.Direction.OUTBOUND,
        "status": Delegation.Status.RETURNED,
        "start_date": date(2030, 6, 2),
        "end_date": date(2030, 6, 5),
        "countries": [germany],
        **changes,
    }


def test_the_trip_and_every_row_are_saved_and_created_by_the_officer(owner, other_officer, germany):
    make_rate("EUR", "1.10", date(2030, 1, 1))
    siemens = make_organization("Siemens AG", country=germany)
    bureau = make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))
    chemical_park = {"name": "Ludwigshafen Chemical Park", "country": germany, "confirm_similar": False}

    delegation = log_visit(
        user=owner,
        delegation=trip(germany),
        meetings=[
            {
                "title": "Smart-manufacturing centre",
                "date": date(2030, 6, 3),
                "organizations": [siemens],
                "contacts": [make_contact("Klaus Richter", organization=siemens)],
                "new_organization": chemical_park,
            }
        ],
        agreements=[
            {
                "kind": Agreement.Kind.MOU,
                "title": "MOU on a training centre",
                "signed_on": date(2030, 6, 3),
                "status": Agreement.Status.PLANNED,  # a signing still ahead
                "amount": Decimal("2000000"),
                "currency": "EUR",
                "partner_parties": [siemens],
                "qingdao_parties": [bureau],
                "new_organization": {**chemical_park, "name": "ludwigshafen  chemical park"},
            }
        ],
        follow_ups=[{"title": "Send the draft contract", "owner": other_officer, "due_on": date(2030, 6, 20)}],
    )

    assert (delegation.officer, delegation.created_by, list(delegation.countries.all())) == (owner, owner, [germany])
    park = Organization.objects.get(name="Ludwigshafen Chemical Park")  # once, though two rows name it
    assert park.created_by == owner
    meeting = Meeting.objects.get()
    assert (meeting.delegation, meeting.created_by, list(meeting.officers.all())) == (delegation, owner, [owner])
    assert set(meeting.organizations.all()) == {siemens, park}
    agreement = Agreement.objects.get()
    assert (agreement.delegation, agreement.created_by, agreement.amount_usd) == (
        delegation,
        owner,
        Decimal("2200000.00"),
    )
    assert {(link.organization, link.side) for link in agreement.party_links.all()} == {
        (siemens, "partner"),
        (park, "partner"),
        (bureau, "qingdao"),
    }
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner, follow_up.delegation, follow_up.created_by) == (other_officer, delegation, owner)


@pytest.mark.parametrize(
    ("rows", "place"),
    [
        ({"meetings": [{"title": "No date"}]}, "meetings-0"),
        ({"agreements": [{"kind": "mou", "title": "MOU", "amount": Decimal("5"), "currency": ""}]}, "agreements-0"),
        ({"follow_ups": [{"title": "Someday", "owner": None, "due_on": date(2030, 7, 1)}]}, "follow_ups-0"),
        ({"delegation_changes": {"end_date": date(2030, 5, 1)}}, "delegation"),
    ],
)
def test_one_bad_part_saves_nothing_and_says_which(owner, germany, rows, place):
    changes = rows.pop("delegation_changes", {})
    with pytest.raises(ValidationError) as refusal:
        log_visit(user=owner, delegation=trip(germany, **changes), **rows)
    assert list(refusal.value.message_dict) == [place]
    assert not Delegation.objects.exists()
    assert not Meeting.objects.exists()
    assert not Agreement.objects.exists()


def test_a_new_organization_like_a_recorded_one_needs_confirming(owner, germany):
    make_organization("Siemens AG", country=germany)
    meeting = {"title": "Talks", "date": date(2030, 6, 3), "organizations": []}
    new = {"name": "Siemens", "country": germany, "confirm_similar": False}

    with pytest.raises(ValidationError) as refusal:
        log_visit(user=owner, delegation=trip(germany), meetings=[{**meeting, "new_organization": new}])
    assert [organization.name for organization in refusal.value.similar] == ["Siemens AG"]
    assert not Delegation.objects.exists()

    log_visit(
        user=owner,
        delegation=trip(germany),
        meetings=[{**meeting, "new_organization": {**new, "confirm_similar": True}}],
    )
    assert Organization.objects.filter(name="Siemens").exists()


def test_an_organization_cannot_sign_on_both_sides(owner, germany):
    port = make_organization("Qingdao Port")
    agreement = {"kind": "mou", "title": "MOU", "partner_parties": [port], "qingdao_parties": [port]}
    with pytest.raises(ValidationError, match="Qingdao Port cannot sign on both sides."):
        log_visit(user=owner, delegation=trip(germany), agreements=[agreement])
    assert not AgreementParty.objects.exists()


def test_someone_without_a_role_logs_nothing(django_user_model, germany):
    visitor = django_user_model.objects.create_user("visitor", password="a-long-test-password")
    with pytest.raises(PermissionDenied):
        log_visit(user=visitor, delegation=trip(germany))
    assert not Delegation.objects.exists()
