"""iCalendar for follow-ups, delegations and trip-report deadlines: a user's feed and one-off downloads.

The records hold days, not times, so every event is all-day (``VALUE=DATE``), read as days in the
bureau's time zone, Asia/Shanghai: a follow-up due on 3 June shows on 3 June in any calendar, wherever
it is opened. ``DTEND`` is exclusive, the day after the last. UIDs are stable
(``followup-12@host``), ``SEQUENCE`` follows the record's edit version and ``LAST-MODIFIED`` its last
save, so a subscribed calendar updates an event in place instead of adding a second one.

What a user sees here is what their pages show them: a project they may not see
(``core.access.can_see``) is written as "a confidential project", as on the follow-up pages.
"""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.translation import gettext as _

from core.access import can_see
from core.dates import period_end, period_start
from core.display import display_date, localized_name, person
from crm.models import Delegation, FollowUp

PRODID = "-//Qingdao Bureau of Commerce//Investment CRM//EN"
CONCERNS_RELATED = ("project", "agreement", "delegation", "meeting", "organization")


def _host(request) -> str:
    return split_domain_port(request.get_host())[0] or "localhost"


def _stamp(event: icalendar.Event, record, *, uid: str, request, page_url: str) -> None:
    """The fields every event carries: its stable UID, its version and last change, its page."""
    event.add("uid", f"{uid}@{_host(request)}")
    event.add("dtstamp", record.updated_at)
    event.add("last-modified", record.updated_at)
    event.add("sequence", max(record.version - 1, 0))
    event.add("url", page_url)


def _all_day(event: icalendar.Event, first, last) -> None:
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def concerns_text(follow_up: FollowUp, *, viewer) -> str:
    """What a follow-up is about, in words; a project ``viewer`` may not see is not named."""
    names = []
    if follow_up.project_id:
        project = follow_up.project
        names.append(project.name if can_see(viewer, project) else _("a confidential project"))
    if follow_up.agreement_id:
        names.append(follow_up.agreement.title)
    if follow_up.delegation_id:
        names.append(follow_up.delegation.title)
    if follow_up.meeting_id:
        names.append(follow_up.meeting.title)
    if follow_up.organization_id:
        names.append(localized_name(follow_up.organization))
    return ", ".join(names)


def follow_up_event(follow_up: FollowUp, *, viewer, request) -> icalendar.Event:
    """A follow-up on its due date; a deadline, so it does not mark the day busy."""
    page_url = request.build_absolute_uri(follow_up.get_absolute_url())
    event = icalendar.Event()
    _stamp(event, follow_up, uid=f"followup-{follow_up.pk}", request=request, page_url=page_url)
    event.add("summary", _("Follow-up: %(title)s") % {"title": follow_up.title})
    _all_day(event, follow_up.due_on, follow_up.due_on)
    event.add("transp", "TRANSPARENT")
    if follow_up.status == FollowUp.Status.CANCELLED:
        event.add("status", "CANCELLED")
    event.add(
        "description",
        _lines(
            _("Concerns: %(records)s") % {"records": concerns_text(follow_up, viewer=viewer)},
            _("Owner: %(owner)s") % {"owner": person(follow_up.owner)},
            _("Status: %(status)s") % {"status": follow_up.get_status_display()},
            _("Priority: %(priority)s") % {"priority": follow_up.get_priority_display()},
            follow_up.description,
            page_url,
        ),
    )
    return event


def delegation_event(delegation: Delegation, *, request) -> icalendar.Event:
    """A trip over its days; dates known only to the month (quarter, year) span that whole period and say so."""
    page_url = request.build_absolute_uri(delegation.get_absolute_url())
    precision = delegation.date_precision
    event = icalendar.Event()
    _stamp(event, delegation, uid=f"delegation-{delegation.pk}", request=request, page_url=page_url)
    summary = _("Delegation: %(title)s") % {"title": delegation.title}
    if precision != "day":
        summary = f"{summary} ({delegation.get_date_precision_display()})"
    event.add("summary", summary)
    first = period_start(delegation.start_date, precision)
    last = period_end(delegation.end_date or delegation.start_date, precision)
    _all_day(event, first, last)
    if delegation.cities:
        event.add("location", delegation.cities)
    event.add(
        "description",
        _lines(
            delegation.title_zh,
            delegation.get_direction_display(),
            _("Status: %(status)s") % {"status": delegation.get_status_display()},
            delegation.purpose,
            page_url,
        ),
    )
    return event


def report_deadline_event(delegation: Delegation, *, request) -> icalendar.Event:
    """The day a trip's report is due (``Delegation.report_due_on``)."""
    page_url = request.build_absolute_uri(delegation.get_absolute_url())
    due = delegation.report_due_on
    event = icalendar.Event()
    _stamp(event, delegation, uid=f"delegation-report-{delegation.pk}", request=request, page_url=page_url)
    event.add("summary", _("Trip report due: %(title)s") % {"title": delegation.title})
    _all_day(event, due, due)
    event.add("transp", "TRANSPARENT")
    event.add(
        "description",
        _lines(
            _("The trip ended on %(end)s; its report is due on %(due)s.")
            % {
                "end": display_date(delegation.end_date, delegation.date_precision),
                "due": display_date(due),
            },
            page_url,
        ),
    )
    return event


def make_calendar(events, *, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        calendar.add_component(event)
    return calendar


def feed_calendar(user, *, request) -> icalendar.Calendar:
    """``user``'s open follow-ups, the trips they are the responsible officer of, and those trips' report deadlines.

    Three queries, however many rows.
    """
    follow_ups = (
        FollowUp.objects.active()
        .visible_to(user)
        .owned_by(user)
        .open()
        .select_related("owner", *CONCERNS_RELATED)
        .order_by("due_on", "title")
    )
    delegations = list(
        Delegation.objects.active().visible_to(user).filter(officer=user).order_by("start_date", "title")
    )
    events = [follow_up_event(follow_up, viewer=user, request=request) for follow_up in follow_ups]
    events += [delegation_event(delegation, request=request) for delegation in delegations]
    events += [
        report_deadline_event(delegation, request=request) for delegation in delegations if delegation.report_is_pending
    ]
    return make_calendar(events, name=_("Qingdao CRM: %(name)s") % {"name": person(user)})


def ics_response(calendar: icalendar.Calendar, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
