"""The "My calendar feed" page and the one-off .ics downloads of a follow-up or a delegation."""

from datetime import date

import icalendar
import pytest
from django.urls import reverse

from crm.calendar_feeds import issue_calendar_feed
from crm.models import CalendarFeed, Delegation
from tests.conftest import make_delegation, make_follow_up, make_project

pytestmark = pytest.mark.django_db

PAGE = "/calendar/"


def test_an_officer_creates_an_address_and_sees_it_once(client, owner):
    client.force_login(owner)
    assert "Create my calendar address" in client.get(PAGE).content.decode()

    response = client.post(PAGE, {"action": "issue"})

    assert response.status_code == 200
    content = response.content.decode()
    feed = CalendarFeed.objects.get(user=owner)
    start = content.index("http://testserver/calendar/")
    address = content[start : content.index('"', start)]
    assert address.endswith(".ics") and f"/calendar/{feed.token_prefix}" in address
    token = address.removeprefix("http://testserver/calendar/").removesuffix(".ics")
    # Shown once: the page read again names only the prefix.
    assert token not in client.get(PAGE).content.decode()
    client.logout()
    assert client.get(address).status_code == 200
    client.force_login(owner)
    assert "never" not in client.get(PAGE).content.decode()


def test_revoking_stops_the_address(client, owner):
    token = issue_calendar_feed(user=owner)
    client.force_login(owner)
    response = client.post(PAGE, {"action": "revoke"}, follow=True)
    assert "Your calendar address is revoked" in response.content.decode()
    assert "Revoked on" in response.content.decode()
    assert client.get(reverse("crm:calendar_feed", args=[token])).status_code == 404


def test_a_manager_has_a_feed_page_too(client, manager):
    client.force_login(manager)
    assert client.post(PAGE, {"action": "issue"}).status_code == 200
    assert CalendarFeed.objects.filter(user=manager).exists()


def test_an_unknown_action_changes_nothing(client, owner):
    client.force_login(owner)
    response = client.post(PAGE, {"action": "delete-everything"}, follow=True)
    assert "Choose to create, replace or revoke the address." in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_another_officer_sees_and_revokes_only_their_own(client, owner, other_officer):
    token = issue_calendar_feed(user=owner)
    prefix = CalendarFeed.objects.get(user=owner).token_prefix
    client.force_login(other_officer)
    assert prefix not in client.get(PAGE).content.decode()
    client.post(PAGE, {"action": "revoke"})
    client.logout()
    assert client.get(reverse("crm:calendar_feed", args=[token])).status_code == 200


def test_the_page_refuses_the_signed_out_and_those_without_a_role(client, no_role):
    assert client.get(PAGE).status_code == 302
    client.force_login(no_role)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"action": "issue"}).status_code == 403
    assert not CalendarFeed.objects.exists()


def test_a_feed_whose_user_lost_their_role_stops(client, owner):
    token = issue_calendar_feed(user=owner)
    owner.groups.clear()
    assert client.get(reverse("crm:calendar_feed", args=[token])).status_code == 404


def test_a_follow_up_downloads_as_one_event(client, owner):
    follow_up = make_follow_up(owner, "Send the site plan", due_on=date(2026, 2, 3))
    client.force_login(owner)
    assert reverse("crm:followup_ics", args=[follow_up.pk]) in client.get(follow_up.get_absolute_url()).content.decode()

    response = client.get(reverse("crm:followup_ics", args=[follow_up.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="followup-{follow_up.pk}.ics"'
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow-up: Send the site plan"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 2, 3), date(2026, 2, 4))


def test_a_downloaded_follow_up_masks_a_project_the_reader_may_not_see(client, owner, other_officer):
    secret = make_project("Project Nightingale", officer=owner, is_confidential=True)
    follow_up = make_follow_up(owner, "Prepare the land survey", project=secret)
    client.force_login(other_officer)
    body = client.get(reverse("crm:followup_ics", args=[follow_up.pk])).content.decode()
    assert "Prepare the land survey" in body and "Nightingale" not in body
    client.force_login(owner)
    assert "Nightingale" in client.get(reverse("crm:followup_ics", args=[follow_up.pk])).content.decode()


def test_a_delegation_downloads_with_its_report_deadline(client, owner):
    trip = make_delegation(
        "Delegation to Haifa",
        officer=owner,
        start_date=date(2026, 1, 10),
        end_date=date(2026, 1, 14),
        status=Delegation.Status.RETURNED,
    )
    client.force_login(owner)
    assert reverse("crm:delegation_ics", args=[trip.pk]) in client.get(trip.get_absolute_url()).content.decode()

    response = client.get(reverse("crm:delegation_ics", args=[trip.pk]))

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [(e.decoded("DTSTART"), e.decoded("DTEND")) for e in events] == [
        (date(2026, 1, 10), date(2026, 1, 15)),
        (date(2026, 1, 29), date(2026, 1, 30)),
    ]


@pytest.mark.parametrize("name", ["crm:followup_ics", "crm:delegation_ics"])
def test_downloads_refuse_as_their_pages_do(client, owner, no_role, name):
    record = make_follow_up(owner) if name == "crm:followup_ics" else make_delegation(officer=owner)
    url = reverse(name, args=[record.pk])
    assert client.get(url).status_code == 302
    client.force_login(no_role)
    assert client.get(url).status_code == 403
    client.force_login(owner)
    assert client.get(reverse(name, args=[record.pk + 1000])).status_code == 404
