"""Creating and editing delegations, meetings, agreements and events through their forms."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from crm.models import Agreement, Delegation, Event, Meeting
from tests.conftest import (
    make_agreement,
    make_delegation,
    make_meeting,
    make_organization,
    make_project,
    make_rate,
)

pytestmark = pytest.mark.django_db


def test_create_a_delegation(owner_client, owner):
    response = owner_client.post(
        reverse("crm:delegation_create"),
        {
            "title": "Trip to Seoul",
            "direction": "outbound",
            "status": "planned",
            "start_date": "2030-05-12",
            "end_date": "2030-05-15",
            "date_precision": "day",
            "officer": owner.pk,
        },
    )
    delegation = Delegation.objects.get()
    assert response.url == delegation.get_absolute_url()
    assert delegation.officer == owner


def test_a_delegation_ending_before_it_starts_is_refused(owner_client):
    response = owner_client.post(
        reverse("crm:delegation_create"),
        {
            "title": "Backwards",
            "direction": "outbound",
            "status": "planned",
            "start_date": "2030-05-12",
            "end_date": "2030-05-01",
            "date_precision": "day",
        },
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Delegation.objects.exists()


def test_edit_a_delegation_and_mark_it_reported_only_with_a_report(owner_client, owner):
    trip = make_delegation("Trip", status="returned", officer=owner)
    url = reverse("crm:delegation_update", args=[trip.pk])
    data = {
        "title": "Trip",
        "direction": "outbound",
        "start_date": "2019-06-02",
        "end_date": "2019-06-07",
        "date_precision": "day",
        "status": "reported",
        "officer": owner.pk,
        "version": trip.version,
    }
    response = owner_client.post(url, data)
    assert "only be marked reported once its report is written" in response.content.decode()
    assert owner_client.post(url, {**data, "report": "Met 14 companies."}).status_code == 302
    trip.refresh_from_db()
    assert trip.status == "reported"


def test_create_a_meeting_for_a_delegation(owner_client, owner):
    trip = make_delegation()
    teva = make_organization("Teva")
    form = owner_client.get(reverse("crm:meeting_create"), {"delegation": trip.pk}).context["form"]
    assert str(form.initial["delegation"]) == str(trip.pk)
    owner_client.post(
        reverse("crm:meeting_create"),
        {
            "title": "Talks with Teva",
            "kind": "meeting",
            "date": "2019-06-03",
            "date_precision": "day",
            "delegation": trip.pk,
            "organizations": [teva.pk],
            "officers": [owner.pk],
        },
    )
    meeting = Meeting.objects.get()
    assert meeting.delegation == trip
    assert list(meeting.organizations.all()) == [teva]


def test_editing_a_meeting_keeps_a_confidential_project_link_the_editor_cannot_see(client, owner, other_officer):
    secret = make_project("Secret", officer=owner, is_confidential=True)
    meeting = make_meeting("Talks", project=secret)
    meeting.officers.add(other_officer)  # who attended may edit it
    client.force_login(other_officer)
    url = reverse("crm:meeting_update", args=[meeting.pk])
    assert "project" not in client.get(url).context["form"].fields
    response = client.post(
        url,
        {
            "title": "Talks, renamed",
            "kind": "meeting",
            "date": "2019-06-03",
            "date_precision": "day",
            "officers": [other_officer.pk],
            "version": meeting.version,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Talks, renamed"
    assert meeting.project == secret


def agreement_data(**extra):
    data = {
        "title": "MOU on cold chain",
        "kind": "mou",
        "status": "signed",
        "signed_on": "2019-06-04",
        "date_precision": "day",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_create_an_agreement_with_parties_and_a_usd_value(owner_client):
    make_rate("EUR", "1.12", date(2019, 1, 1))
    busan, port = make_organization("Busan Port Authority"), make_organization("Qingdao Port")
    response = owner_client.post(
        reverse("crm:agreement_create"),
        agreement_data(
            amount="1000000",
            currency="EUR",
            **{
                "parties-0-organization": busan.pk,
                "parties-0-side": "partner",
                "parties-1-organization": port.pk,
                "parties-1-side": "qingdao",
            },
        ),
    )
    agreement = Agreement.objects.get()
    assert response.url == agreement.get_absolute_url()
    assert agreement.amount_usd == Decimal("1120000.00")
    assert agreement.usd_rate == Decimal("1.12")
    assert {(link.organization, link.side) for link in agreement.party_links.all()} == {
        (busan, "partner"),
        (port, "qingdao"),
    }


def test_an_amount_in_a_currency_without_a_rate_is_saved_with_its_usd_value_pending(owner_client, owner):
    response = owner_client.post(
        reverse("crm:agreement_create"), agreement_data(amount="5000", currency="JPY"), follow=True
    )
    assert "No exchange rate for JPY is recorded yet" in response.content.decode()
    agreement = Agreement.objects.get()
    assert (agreement.amount, agreement.currency, agreement.amount_usd) == (Decimal("5000"), "JPY", None)
    assert agreement.created_by == owner


def test_an_amount_without_its_currency_is_refused_and_nothing_saved(owner_client):
    response = owner_client.post(reverse("crm:agreement_create"), agreement_data(amount="5000"))
    assert "Say which currency the amount is written in." in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_bad_party_row_saves_nothing(owner_client):
    response = owner_client.post(
        reverse("crm:agreement_create"),
        agreement_data(**{"parties-0-organization": make_organization().pk}),  # no side
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Agreement.objects.exists()


def test_editing_an_agreement_keeps_links_to_projects_the_editor_cannot_see(client, owner, other_officer):
    agreement = make_agreement("MOU", created_by=other_officer)
    secret = make_project("Secret", officer=owner, is_confidential=True)
    agreement.projects.add(secret)
    client.force_login(other_officer)
    response = client.post(
        reverse("crm:agreement_update", args=[agreement.pk]),
        agreement_data(title="MOU, renamed", version=agreement.version),
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "MOU, renamed"
    assert list(agreement.projects.all()) == [secret]


def test_create_and_edit_an_event(owner_client):
    owner_client.post(
        reverse("crm:event_create"),
        {"name": "Qingdao Week", "kind": "qingdao_week", "start_date": "2019-06-05", "date_precision": "day"},
    )
    event = Event.objects.get()
    response = owner_client.post(
        reverse("crm:event_update", args=[event.pk]),
        {
            "name": "Qingdao Week in Germany",
            "kind": "qingdao_week",
            "start_date": "2019-06-05",
            "end_date": "2019-06-07",
            "date_precision": "day",
            "version": event.version,
        },
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.name == "Qingdao Week in Germany"


def test_archived_organizations_are_not_offered(owner_client):
    make_organization("Closed company", is_archived=True)
    form = owner_client.get(reverse("crm:meeting_create")).context["form"]
    assert "Closed company" not in [str(choice) for choice in form.fields["organizations"].queryset]
