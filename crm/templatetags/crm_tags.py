"""Template helpers of the engagement pages that ask the product's rules: visibility and follow-up changes."""

from django import template
from django.conf import settings

from core.access import can_change, can_see

register = template.Library()


@register.filter
def seen_by(record, user) -> bool:
    """Whether ``user`` may see ``record`` (a confidential project only for its officer and managers)."""
    return record is not None and can_see(user, record)


@register.filter
def can_complete(follow_up, user) -> bool:
    """Whether ``user`` may mark this open follow-up done (its owner or a manager)."""
    return follow_up.status == "open" and can_change(user, follow_up)


@register.filter
def absolute_url(path: str) -> str:
    """``path`` on the address people reach the site at (``CRM_SITE_URL``): for e-mails and chat messages."""
    return f"{settings.CRM_SITE_URL}{path}"
