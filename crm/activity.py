"""When a project last moved or was met about, and which projects went quiet.

Here, not in ``projects``: a meeting about a project is engagement, and ``projects`` knows no meetings.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from crm.models import Meeting
from projects.models import StageChange


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


def stale(projects, days: int, now=None):
    """Active projects with no stage change and no meeting for ``days``, annotated as ``with_last_activity``.

    A project never moved counts from its creation. Chosen by ``NOT EXISTS`` probes of the
    (project, date) indexes, so the latest dates are read only for the projects returned.
    """
    now = now or timezone.now()
    cutoff_day = timezone.localdate(now) - timedelta(days=days)
    moves = StageChange.objects.filter(project=OuterRef("pk"))
    recent_meeting = Meeting.objects.filter(project=OuterRef("pk"), date__gte=cutoff_day)
    quiet = (
        projects.active()
        .filter(~Exists(moves.filter(occurred_on__gte=cutoff_day)), ~Exists(recent_meeting))
        .filter(Exists(moves) | Q(created_at__lt=now - timedelta(days=days)))
    )
    return with_last_activity(quiet)
