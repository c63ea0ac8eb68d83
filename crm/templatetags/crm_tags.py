"""Template helpers of the engagement pages: honest dates, money, visibility and optional includes."""

from datetime import date
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from crm.services import can_change_follow_up
from partners.base_models import DatePrecision
from partners.timeline import display_date
from projects.services import can_see_project

register = template.Library()


@register.filter
def precise_date(value: date | None, precision: str = DatePrecision.DAY) -> str:
    """A date said only as precisely as it is known: "2 June 2019", "June 2019", "Q2 2019" or "2019"."""
    return display_date(value, precision) if value else ""


@register.simple_tag
def date_span(start: date | None, end: date | None, precision: str = DatePrecision.DAY) -> str:
    """A period from ``start`` to ``end`` at ``precision``; one date when both read the same."""
    first, last = precise_date(start, precision), precise_date(end, precision)
    if not last or last == first:
        return first
    return f"{first} – {last}"


@register.filter
def money(amount, currency: str = "") -> str:
    """An amount as written, with its currency code: "EUR 12,500,000"."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    shown = intcomma(f"{amount:.0f}") if amount == amount.to_integral_value() else intcomma(f"{amount:.2f}")
    return f"{currency} {shown}".strip()


@register.filter
def usd_short(amount) -> str:
    """A USD total at a glance: "$1.2 bn", "$35.0 m", "$800 k"; in Chinese "12亿美元", "3,500万美元"."""
    amount = Decimal(amount or 0)
    if get_language().startswith("zh"):
        # Chinese counts large sums in 亿 (10^8) and 万 (10^4), not in thousands and millions.
        if amount >= 100_000_000:
            return f"{amount / 100_000_000:,.1f}亿美元"
        if amount >= 10_000:
            return f"{amount / 10_000:,.0f}万美元"
        return f"{amount:,.0f}美元"
    if amount >= 1_000_000_000:
        return _("$%(value).1f bn") % {"value": amount / 1_000_000_000}
    if amount >= 1_000_000:
        return _("$%(value).1f m") % {"value": amount / 1_000_000}
    if amount >= 1_000:
        return _("$%(value).0f k") % {"value": amount / 1_000}
    return _("$%(value).0f") % {"value": amount}


@register.filter
def seen_by(project, user) -> bool:
    """Whether ``user`` may see ``project``: a confidential one only for its officer and managers."""
    return project is not None and can_see_project(user, project)


@register.filter
def verbose_name(record) -> str:
    """The translated name of a record's kind: "delegation", "follow-up"."""
    return str(record._meta.verbose_name)


@register.filter
def report_overdue(delegation, today: date) -> bool:
    """Whether a delegation's trip report, due 15 days after return, is late."""
    pending = delegation.status in ("underway", "returned")
    return bool(pending and delegation.report_due_on and delegation.report_due_on < today)


@register.filter
def can_complete(follow_up, user) -> bool:
    """Whether ``user`` may mark this open follow-up done (its owner or a manager)."""
    return follow_up.status == "open" and can_change_follow_up(user, follow_up)


@register.filter
def url_of(record) -> str:
    """``record.get_absolute_url()``, or "" while the page it names does not exist."""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def plain_rate(rate) -> str:
    """An exchange rate without trailing zeros: 1.12, not 1.12000000."""
    if rate is None or rate == "":
        return ""
    text = format(Decimal(rate).normalize(), "f")
    return text
