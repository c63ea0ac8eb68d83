"""One date-ordered list of what happened around a record: meetings, agreements, moves, follow-ups, money.

Detail pages of every app show the same timeline. The records are read by their attributes only,
so any page can pass what it has::

    entries = build_timeline(
        meetings=project.meetings.all(),
        agreements=project.agreements.all(),
        stage_changes=project.stage_changes.select_related("changed_by"),
        follow_ups=project.follow_ups.select_related("owner"),
        capital_inflows=project.capital_inflows.all(),
        # The newest notes and files (``core.notes.for_timeline``).
        notes=notes,
        attachments=files,
    )

and ``{% include "includes/timeline.html" with entries=entries %}`` renders them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.display import clipped, display_date, money, person, plain_rate

# Entries a page with a long past shows; the rest is in the lists it links to.
TIMELINE_ENTRIES = 25
# Each source is read one row past the cap, so that a page knows whether its timeline was cut.
TIMELINE_READ = TIMELINE_ENTRIES + 1

KIND_LABELS = {
    "meeting": _("Meeting"),
    "agreement": _("Agreement"),
    "stage_change": _("Stage change"),
    "follow_up": _("Follow-up"),
    "capital_inflow": _("Capital inflow"),
    "note": _("Note"),
    "attachment": _("File"),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened: when, what kind, a title, a link and a line of detail."""

    date: date | None
    kind: str
    title: str
    url: str = ""
    detail: str = ""
    precision: str = "day"
    # Orders entries of one day: a stage change at 15:00 after one at 09:00.
    moment: datetime | None = None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def display_date(self) -> str:
        return display_date(self.date, self.precision)

    @property
    def iso_date(self) -> str:
        return self.date.isoformat() if self.date else ""


def _url(record) -> str:
    # Another app's page may not exist yet (or ever); an entry without a link is still an entry.
    try:
        return record.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def meeting_entry(meeting) -> TimelineEntry:
    detail = " · ".join(part for part in (meeting.get_kind_display(), meeting.place, meeting.outcome) if part)
    return TimelineEntry(
        date=meeting.date,
        kind="meeting",
        title=meeting.title,
        url=_url(meeting),
        detail=detail,
        precision=meeting.date_precision,
    )


def agreement_entry(agreement) -> TimelineEntry:
    parts = [agreement.get_kind_display(), agreement.get_status_display()]
    if agreement.amount is not None:
        parts.append(money(agreement.amount, agreement.currency))
    if agreement.place:
        parts.append(agreement.place)
    return TimelineEntry(
        date=agreement.signed_on,
        kind="agreement",
        title=agreement.title,
        url=_url(agreement),
        detail=" · ".join(parts),
        precision=agreement.date_precision,
    )


def stage_change_entry(change, *, name_project: bool = False) -> TimelineEntry:
    """A move of stage or status; ``name_project`` on pages other than the project's own."""
    if change.from_stage and change.from_stage != change.to_stage:
        title = gettext("%(from)s → %(to)s") % {
            "from": change.get_from_stage_display(),
            "to": change.get_to_stage_display(),
        }
    elif not change.from_stage:
        title = gettext("Opened at %(stage)s") % {"stage": change.get_to_stage_display()}
    else:
        title = gettext("Status %(from)s → %(to)s") % {
            "from": change.get_from_status_display(),
            "to": change.get_to_status_display(),
        }
    if change.from_stage and change.from_stage != change.to_stage and change.from_status != change.to_status:
        title += " · " + change.get_to_status_display()
    if name_project:
        title = f"{change.project}: {title}"
    by = person(change.changed_by)
    # Stands at the day it happened; when it was recorded is said apart.
    recorded = display_date(timezone.localdate(change.changed_at))
    parts = [
        gettext("recorded %(date)s by %(person)s") % {"date": recorded, "person": by}
        if by
        else gettext("recorded %(date)s") % {"date": recorded}
    ]
    if change.note:
        parts.append(change.note)
    if change.gaps_at_move:
        parts.append(gettext("recorded with data gaps: %(gaps)s") % {"gaps": " ".join(change.gaps_at_move)})
    return TimelineEntry(
        date=change.occurred_on,
        kind="stage_change",
        title=title,
        url=_url(change.project) if name_project else "",
        detail=" · ".join(parts),
        precision=change.occurred_on_precision,
        moment=change.changed_at,
    )


def follow_up_entry(follow_up) -> TimelineEntry:
    """A follow-up stands at the day it was done, or at its due date while it is open."""
    done = follow_up.status == "done" and follow_up.completed_at
    on = timezone.localdate(follow_up.completed_at) if done else follow_up.due_on
    owner = person(follow_up.owner)
    if done:
        detail = gettext("Done · owner %(owner)s") % {"owner": owner}
    elif follow_up.status == "open":
        detail = gettext("Due · owner %(owner)s") % {"owner": owner}
        if getattr(follow_up, "is_overdue", False):
            detail = gettext("Overdue · owner %(owner)s") % {"owner": owner}
    else:
        detail = f"{follow_up.get_status_display()} · {owner}"
    return TimelineEntry(
        date=on,
        kind="follow_up",
        title=follow_up.title,
        url=_url(follow_up),
        detail=detail,
        moment=follow_up.completed_at if done else None,
    )


def capital_inflow_entry(inflow) -> TimelineEntry:
    title = gettext("%(amount)s received") % {"amount": money(inflow.amount, inflow.currency)}
    parts = []
    if inflow.currency != "USD":
        usd = money(inflow.amount_usd, "USD")
        parts.append(gettext("%(usd)s at %(rate)s") % {"usd": usd, "rate": plain_rate(inflow.usd_rate)})
    if inflow.note:
        parts.append(inflow.note)
    return TimelineEntry(date=inflow.received_on, kind="capital_inflow", title=title, detail=" · ".join(parts))


def note_entry(note) -> TimelineEntry:
    """A note stands at the day it is about."""
    text, _cut = clipped(" ".join(note.text.split()), 120)
    return TimelineEntry(
        date=note.written_on,
        kind="note",
        title=text,
        detail=gettext("by %(person)s") % {"person": person(note.author)},
        moment=note.created_at,
    )


def attachment_entry(attachment) -> TimelineEntry:
    """A file stands at the day it was attached."""
    parts = [filesizeformat(attachment.size), gettext("by %(person)s") % {"person": person(attachment.author)}]
    if attachment.caption:
        parts.insert(0, attachment.caption)
    return TimelineEntry(
        date=timezone.localdate(attachment.created_at),
        kind="attachment",
        title=attachment.original_name,
        url=attachment.get_absolute_url(),
        detail=" · ".join(parts),
        moment=attachment.created_at,
    )


def _sort_key(entry: TimelineEntry):
    moment = entry.moment.timestamp() if entry.moment else 0.0
    return (entry.date is None, entry.date or date.min, moment)


def build_timeline(
    *,
    meetings: Iterable = (),
    agreements: Iterable = (),
    stage_changes: Iterable = (),
    follow_ups: Iterable = (),
    capital_inflows: Iterable = (),
    notes: Iterable = (),
    attachments: Iterable = (),
    extra: Iterable[TimelineEntry] = (),
    name_projects: bool = False,
    newest_first: bool = False,
) -> list[TimelineEntry]:
    """Merge the given records into one list in date order (undated agreements last).

    ``name_projects`` puts the project's name and link on each stage change, for pages
    that show the moves of several projects (an organization, a park).
    """
    entries = [
        *map(meeting_entry, meetings),
        *map(agreement_entry, agreements),
        *(stage_change_entry(change, name_project=name_projects) for change in stage_changes),
        *map(follow_up_entry, follow_ups),
        *map(capital_inflow_entry, capital_inflows),
        *map(note_entry, notes),
        *map(attachment_entry, attachments),
        *extra,
    ]
    entries.sort(key=_sort_key)
    if newest_first:
        dated = [entry for entry in entries if entry.date is not None]
        entries = dated[::-1] + [entry for entry in entries if entry.date is None]
    return entries


def timeline_follow_ups(follow_ups) -> list:
    """The follow-ups that can be among the newest timeline entries: each stands at its completion or due date."""
    done = follow_ups.filter(status="done", completed_at__isnull=False)
    return [
        *done.order_by("-completed_at")[:TIMELINE_READ],
        *follow_ups.exclude(status="done", completed_at__isnull=False).order_by("-due_on")[:TIMELINE_READ],
    ]


def newest_entries(entries: list[TimelineEntry]) -> dict:
    """A page's capped timeline: its newest entries, and the cap when older ones were left out (else None).

    Read each source with ``[:TIMELINE_READ]`` so that a timeline one entry past the cap is seen as cut.
    """
    return {
        "timeline": entries[:TIMELINE_ENTRIES],
        "timeline_cut_at": TIMELINE_ENTRIES if len(entries) > TIMELINE_ENTRIES else None,
    }
