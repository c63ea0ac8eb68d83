"""Dates that cannot be are refused, dates that look wrong are pointed out."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from crm.dashboard import this_week
from crm.models import Agreement
from crm.services import date_warnings
from tests.conftest import make_agreement, make_delegation, make_follow_up, make_meeting, make_organization

pytestmark = pytest.mark.django_db
NEXT_MONTH = date.today() + timedelta(days=30)


def test_an_agreement_dated_ahead_cannot_be_signed():
    agreement = Agreement(title="Port MOU", kind="mou", signed_on=NEXT_MONTH, status="signed")
    with pytest.raises(ValidationError) as refusal:
        agreement.full_clean()
    assert "has not been signed yet: record it as “Signing planned”" in str(refusal.value.message_dict["status"])


def test_an_agreement_dated_ahead_may_be_a_planned_signing():
    Agreement(title="Port MOU", kind="mou", signed_on=NEXT_MONTH, status="planned").full_clean()


def test_a_month_already_begun_may_be_signed():
    this_month = date.today().replace(day=1)
    Agreement(title="Port MOU", kind="mou", signed_on=this_month, date_precision="month", status="signed").full_clean()


def test_a_planned_signing_does_not_count_as_signed_this_week():
    make_agreement("Signed", signed_on=date.today())
    make_agreement("Planned", signed_on=date.today() + timedelta(days=2), status="planned")
    assert this_week(date.today())["agreements_count"] == 1


def test_the_agreement_form_refuses_signed_in_the_future(owner_client):
    response = owner_client.post(
        reverse("crm:agreement_create"),
        {
            "title": "Port MOU",
            "kind": "mou",
            "signed_on": NEXT_MONTH.isoformat(),
            "date_precision": "day",
            "status": "signed",
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "has not been signed yet" in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_meeting_outside_its_trip_is_pointed_out():
    trip = make_delegation(start_date=date(2026, 12, 1), end_date=date(2026, 12, 5))
    inside = make_meeting("Talks", delegation=trip, date=date(2026, 12, 3))
    outside = make_meeting("Old talks", delegation=trip, date=date(2025, 3, 3))
    assert date_warnings(inside) == []
    (warning,) = date_warnings(outside)
    assert "“Old talks” is dated 3 March 2025, outside its trip's dates (1 December 2026 – 5 December 2026)" in warning


def test_a_follow_up_due_in_the_past_is_pointed_out_when_saved(owner_client, owner):
    organization = make_organization("Siemens AG")
    data = {
        "title": "Call back",
        "owner": owner.pk,
        "due_on": "2020-01-10",
        "priority": "normal",
        "organization": organization.pk,
    }
    response = owner_client.post(reverse("crm:followup_create"), data, follow=True)
    assert "is due 10 January 2020, a day already past" in response.content.decode()
    assert date_warnings(make_follow_up(owner, due_on=date.today() + timedelta(days=1))) == []
