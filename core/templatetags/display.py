"""Template face of ``core.display``: one way to show a person, an amount, a rate and a date."""

from datetime import date
from decimal import Decimal

from django import template
from django.urls import NoReverseMatch
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import display

register = template.Library()


@register.filter
def person(user) -> str:
    """A user's full name, else their username; "" for nobody."""
    return display.person(user)


@register.filter
def precise_date(value: date | None, precision: str = "day") -> str:
    """A date said only as precisely as it is known: "2 June 2019", "June 2019", "Q2 2019" or "2019"."""
    return display.display_date(value, precision) if value else ""


@register.simple_tag
def date_span(start: date | None, end: date | None, precision: str = "day") -> str:
    """A period from ``start`` to ``end`` at ``precision``; one date when both read the same."""
    return display.date_span(start, end, precision)


@register.filter
def money(amount, currency: str = "") -> str:
    """An amount as written, with its currency code: "EUR 12,500,000"."""
    return display.money(amount, currency)


@register.filter
def plain_rate(rate) -> str:
    """An exchange rate without trailing zeros: 1.12, not 1.12000000."""
    return display.plain_rate(rate)


@register.filter
def per_usd(rate) -> str:
    return display.units_per_usd(rate)


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
def verbose_name(record) -> str:
    """The translated name of a record's kind: "delegation", "follow-up"."""
    return str(record._meta.verbose_name)


@register.filter
def url_of(record) -> str:
    """``record.get_absolute_url()``, or "" while the page it names does not exist."""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return ""
