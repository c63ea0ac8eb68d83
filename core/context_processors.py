"""Values every page's layout shows."""

from django.utils.functional import SimpleLazyObject

from core.models import Notification


def notifications(request) -> dict:
    """``unread_notifications``: the signed-in user's unread count, one query and only if a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        )
    }
