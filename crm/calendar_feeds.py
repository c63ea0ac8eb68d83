"""Making, finding and revoking a user's calendar feed address; only a hash of its token is stored."""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from crm.models import CalendarFeed

TOKEN_BYTES = 32


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_calendar_feed(*, user) -> str:
    """Give ``user`` a new feed address, replacing (and so revoking) any earlier one; return its secret token.

    The token is returned once, to be shown once; only its prefix and SHA-256 are kept.
    """
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        prefix = token[: CalendarFeed.PREFIX_LENGTH]
        if not CalendarFeed.objects.filter(token_prefix=prefix).exclude(user=user).exists():
            break
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(
            user=user,
            defaults={
                "token_prefix": prefix,
                "token_hash": token_digest(token),
                "created_at": timezone.now(),
                "last_used_at": None,
                "revoked_at": None,
            },
        )
    return token


def revoke_calendar_feed(*, user) -> bool:
    """Stop ``user``'s feed address from answering; whether there was a working one to stop."""
    return bool(CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now()))


def feed_for_token(token: str) -> CalendarFeed | None:
    """The working feed ``token`` opens, with its user; ``None`` for an unknown, revoked or deactivated one."""
    if len(token) < CalendarFeed.PREFIX_LENGTH or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.live()
        .select_related("user")
        .filter(token_prefix=token[: CalendarFeed.PREFIX_LENGTH])
        .first()
    )
    if feed is None or not hmac.compare_digest(feed.token_hash, token_digest(token)):
        return None
    return feed


def mark_used(feed: CalendarFeed) -> None:
    """Record when the feed was last read, without touching anything else on the row."""
    feed.last_used_at = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=feed.last_used_at)
