"""When a project last moved or was met about, and which projects went quiet.

Here, not in ``projects``: a meeting about a project is engagement, and ``projects`` knows no meetings.
The day of the latest of both is kept on the project (``InvestmentProject.last_activity_on``, by
``projects.activity``, which counts meetings through the source ``crm.services`` registers), so that
"stale" is an indexed range.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from crm.models import Meeting
from projects.models import StageChange, Status


def with_last_activity(projects):
    """Annotate the day the stage or status last moved (when it happened, not when it was recorded)
    and the day of the last meeting about it."""
    # Subqueries rather than joined aggregates: one join would multiply the other's rows.
    latest_change = StageChange.objects.filter(project=OuterRef("pk")).order_by("-occurred_on")
    latest_meeting = Meeting.objects.filter(project=OuterRef("pk")).order_by("-date")
    return projects.annotate(
        last_moved_on=Subquery(latest_change.values("occurred_on")[:1]),
        last_meeting_on=Subquery(latest_meeting.values("date")[:1]),
    )


def _quiet_as_of(days: int, now) -> Q:
    """No stage change and no meeting for ``days`` before ``now``, read from the moves and meetings themselves.

    A project never moved counts from its creation. ``NOT EXISTS`` probes of the (project, date) indexes.
    """
    cutoff_day = timezone.localdate(now) - timedelta(days=days)
    moves = StageChange.objects.filter(project=OuterRef("pk"))
    recent_meeting = Meeting.objects.filter(project=OuterRef("pk"), date__gte=cutoff_day)
    return (
        ~Q(Exists(moves.filter(occurred_on__gte=cutoff_day)))
        & ~Q(Exists(recent_meeting))
        & (Q(Exists(moves)) | Q(created_at__lt=now - timedelta(days=days)))
    )


def stale_q(days: int) -> Q:
    """The one rule of "stale": active, not archived, and no stage change or meeting for ``days``.

    Read from ``last_activity_on``, a range of its (status, last_activity_on) index; a project whose day is not
    computed yet (written around the services, by a bulk load) is probed the slow way.
    """
    now = timezone.now()
    cutoff_day = timezone.localdate(now) - timedelta(days=days)
    quiet = Q(last_activity_on__lt=cutoff_day) | (Q(last_activity_on__isnull=True) & _quiet_as_of(days, now))
    return Q(is_archived=False, status=Status.ACTIVE) & quiet


def stale(projects, days: int, now=None):
    """Active projects with no stage change and no meeting for ``days``, annotated as ``with_last_activity``.

    Today's stale projects by ``stale_q``; as of another moment ``now`` (a report's), from the records.
    """
    if now is None:
        return with_last_activity(projects.filter(stale_q(days)))
    return with_last_activity(projects.active().filter(_quiet_as_of(days, now)))
