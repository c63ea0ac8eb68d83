"""The private calendar feed: what it holds, how its token is kept, who it answers."""

from datetime import date, timedelta

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.calendar_feeds import issue_calendar_feed, revoke_calendar_feed, token_digest
from crm.models import CalendarFeed, Delegation, FollowUp
from tests.conftest import make_delegation, make_follow_up, make_project

pytestmark = pytest.mark.django_db


def feed_url(token: str) -> str:
    return reverse("crm:calendar_feed", args=[token])


def read_feed(client, token: str) -> icalendar.Calendar:
    response = client.get(feed_url(token))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar) -> dict:
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_exactly_the_users_follow_ups_trips_and_report_deadlines(client, owner, other_officer):
    mine = make_follow_up(owner, "Call Siemens about the site visit", due_on=date(2026, 3, 9))
    make_follow_up(owner, "Already done", due_on=date(2026, 3, 9), status=FollowUp.Status.CANCELLED)
    make_follow_up(other_officer, "Someone else's promise", due_on=date(2026, 3, 9))
    trip = make_delegation(
        "Delegation to Munich",
        officer=owner,
        start_date=date(2026, 4, 1),
        end_date=date(2026, 4, 5),
        status=Delegation.Status.RETURNED,
        cities="Munich",
    )
    make_delegation("Another officer's trip", officer=other_officer)
    make_delegation("An archived trip", officer=owner, is_archived=True)
    token = issue_calendar_feed(user=owner)

    events = events_by_uid(read_feed(client, token))

    assert set(events) == {f"followup-{mine.pk}", f"delegation-{trip.pk}", f"delegation-report-{trip.pk}"}
    follow_up = events[f"followup-{mine.pk}"]
    assert str(follow_up["SUMMARY"]) == "Follow-up: Call Siemens about the site visit"
    assert follow_up.decoded("DTSTART") == date(2026, 3, 9)
    assert follow_up.decoded("DTEND") == date(2026, 3, 10)
    assert f"http://testserver/follow-ups/{mine.pk}/" in str(follow_up["DESCRIPTION"])
    delegation = events[f"delegation-{trip.pk}"]
    # All-day, DTEND the day after the trip's last day.
    assert (delegation.decoded("DTSTART"), delegation.decoded("DTEND")) == (date(2026, 4, 1), date(2026, 4, 6))
    assert str(delegation["LOCATION"]) == "Munich"
    report = events[f"delegation-report-{trip.pk}"]
    assert report.decoded("DTSTART") == trip.report_due_on == date(2026, 4, 20)


def test_days_are_shanghai_days_and_versions_become_sequence(client, owner):
    follow_up = make_follow_up(owner, "Send the brochure", due_on=date(2026, 5, 1))
    follow_up.title = "Send the brochure in Chinese"
    follow_up.save()
    token = issue_calendar_feed(user=owner)

    calendar = read_feed(client, token)
    event = events_by_uid(calendar)[f"followup-{follow_up.pk}"]

    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    # A date, not a moment: no time zone can move it to 30 April or 2 May.
    assert type(event.decoded("DTSTART")) is date
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event["SEQUENCE"] == 1
    follow_up.refresh_from_db()
    assert event.decoded("LAST-MODIFIED") == follow_up.updated_at.replace(microsecond=0)


def test_a_trip_known_only_to_the_month_spans_the_month_and_says_so(client, owner):
    trip = make_delegation(
        "Trip to Japan", officer=owner, start_date=date(2026, 6, 1), end_date=None, date_precision="month"
    )
    events = events_by_uid(read_feed(client, issue_calendar_feed(user=owner)))
    event = events[f"delegation-{trip.pk}"]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 6, 1), date(2026, 7, 1))
    assert "Month only" in str(event["SUMMARY"])
    assert f"delegation-report-{trip.pk}" not in events


def test_a_follow_up_about_another_officers_confidential_project_does_not_name_it(client, owner, other_officer):
    secret = make_project("Project Nightingale", officer=owner, is_confidential=True)
    make_follow_up(other_officer, "Prepare the land survey", project=secret)
    token = issue_calendar_feed(user=other_officer)

    body = client.get(feed_url(token)).content.decode()

    assert "Prepare the land survey" in body
    assert "Nightingale" not in body
    assert "a confidential project" in body


def test_the_owner_of_a_confidential_project_sees_its_name(client, owner):
    secret = make_project("Project Nightingale", officer=owner, is_confidential=True)
    make_follow_up(owner, "Prepare the land survey", project=secret)
    body = client.get(feed_url(issue_calendar_feed(user=owner))).content.decode()
    assert "Project Nightingale" in body


def test_only_a_hash_of_the_token_is_stored(owner):
    token = issue_calendar_feed(user=owner)
    feed = CalendarFeed.objects.get(user=owner)
    assert feed.token_hash == token_digest(token) != token
    assert token not in (feed.token_hash, feed.token_prefix)
    assert token.startswith(feed.token_prefix)
    assert len(token) >= 40


def test_unknown_revoked_and_replaced_tokens_answer_404(client, owner):
    token = issue_calendar_feed(user=owner)
    assert client.get(feed_url(token[:-1] + ("A" if token[-1] != "A" else "B"))).status_code == 404
    assert client.get(feed_url("nothing-like-a-token")).status_code == 404

    replaced = token
    token = issue_calendar_feed(user=owner)
    assert client.get(feed_url(replaced)).status_code == 404
    assert client.get(feed_url(token)).status_code == 200

    revoke_calendar_feed(user=owner)
    assert client.get(feed_url(token)).status_code == 404


def test_a_deactivated_users_feed_stops(client, owner):
    token = issue_calendar_feed(user=owner)
    owner.is_active = False
    owner.save()
    assert client.get(feed_url(token)).status_code == 404


def test_the_feed_is_read_only_private_and_records_its_use(client, owner):
    token = issue_calendar_feed(user=owner)
    response = client.get(feed_url(token))
    assert response["Cache-Control"] == "private, max-age=0"
    assert CalendarFeed.objects.get(user=owner).last_used_at is not None
    assert client.head(feed_url(token)).status_code == 200
    assert client.post(feed_url(token)).status_code == 405


def test_the_feed_answers_without_a_session_for_the_tokens_user_only(client, owner, manager):
    make_follow_up(owner, "The owner's own promise")
    make_follow_up(manager, "The manager's own promise")
    client.force_login(manager)
    body = client.get(feed_url(issue_calendar_feed(user=owner))).content.decode()
    assert "The owner's own promise" in body
    assert "The manager's own promise" not in body


def test_the_feeds_query_count_does_not_grow_with_rows(client, owner):
    token = issue_calendar_feed(user=owner)

    def count(rows: int) -> int:
        """Queries of one read with ``rows`` follow-ups, trips and report deadlines in all."""
        for n in range(FollowUp.objects.count(), rows):
            make_follow_up(owner, f"Promise {rows}-{n}", project=make_project(f"Project {rows}-{n}"))
            start = date(2026, 1, 1) + timedelta(days=n)
            make_delegation(
                f"Trip {rows}-{n}",
                officer=owner,
                status=Delegation.Status.RETURNED,
                start_date=start,
                end_date=start + timedelta(days=2),
            )
        with CaptureQueriesContext(connection) as captured:
            calendar = read_feed(client, token)
        assert len(calendar.walk("VEVENT")) == 3 * rows
        return len(captured)

    assert count(2) == count(6)
