"""Who is told when a follow-up is given to them (``core.notifications`` writes the notification)."""

from core.models import Notification
from core.notifications import notify
from crm.models import FollowUp


def follow_up_assigned(follow_up: FollowUp, *, actor) -> None:
    """Tell ``follow_up``'s owner that ``actor`` gave it to them; nothing when they gave it to themselves."""
    notify(
        recipient=follow_up.owner,
        actor=actor,
        kind=Notification.Kind.ASSIGNED,
        target=follow_up,
        text=follow_up.title,
    )
