"""When a project last moved or was met about, and which projects went quiet.

Here, not in ``projects``: a meeting about a project is engagement, and ``projects`` knows no meetings.
"""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery
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
    """Active projects with no stage change and no meeting for ``days``.

    A project never moved counts from its creation.
    """
    now = now or timezone.now()
    cutoff_day = timezone.localdate(now) - timedelta(days=days)
    moved_long_ago = Q(last_moved_on__lt=cutoff_day) | Q(
        last_moved_on__isnull=True, created_at__lt=now - timedelta(days=days)
    )
    no_recent_meeting = Q(last_meeting_on__isnull=True) | Q(last_meeting_on__lt=cutoff_day)
    return with_last_activity(projects.active()).filter(moved_long_ago & no_recent_meeting)
