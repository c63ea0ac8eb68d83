"""When a project last moved or was met about, and which projects went quiet.

Here, not in ``projects``: a meeting about a project is engagement, and ``projects`` knows no meetings.
"""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from crm.models import Meeting
from projects.models import StageChange


def with_last_activity(projects):
    """Annotate when the stage or status last moved and when the last meeting about it was held."""
    # Subqueries rather than joined aggregates: one join would multiply the other's rows.
    latest_change = StageChange.objects.filter(project=OuterRef("pk")).order_by("-changed_at")
    latest_meeting = Meeting.objects.filter(project=OuterRef("pk")).order_by("-date")
    return projects.annotate(
        last_stage_change_at=Subquery(latest_change.values("changed_at")[:1]),
        last_meeting_on=Subquery(latest_meeting.values("date")[:1]),
    )


def stale(projects, days: int, now=None):
    """Active projects with no stage change and no meeting for ``days``.

    A project never moved counts from its creation.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    moved_long_ago = Q(last_stage_change_at__lt=cutoff) | Q(last_stage_change_at__isnull=True, created_at__lt=cutoff)
    no_recent_meeting = Q(last_meeting_on__isnull=True) | Q(
        last_meeting_on__lt=timezone.localdate(now) - timedelta(days=days)
    )
    return with_last_activity(projects.active()).filter(moved_long_ago & no_recent_meeting)
