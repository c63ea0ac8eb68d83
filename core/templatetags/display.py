"""Template face of ``core.display``: one way to show a person, a name, an amount, a rate and a date."""

from datetime import date

from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html

from core import display
from core.provenance import citations

register = template.Library()


@register.filter
def clip(text) -> str:
    """A name or title as a table shows it: a long one cut with "…", its whole text on hover."""
    shown, cut = display.clipped(text)
    if not cut:
        return shown
    return format_html('<span class="clipped" title="{}">{}</span>', str(text), shown)


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
def money_short(amount, currency: str = "USD") -> str:
    """An amount at a glance, for lists: "US$8.4 bn", "€23 m"; in Chinese "84亿美元", "2,300万欧元"."""
    return display.money_short(amount, currency)


@register.filter
def usd_short(amount) -> str:
    """A USD total at a glance, nothing counting as 0: "US$1.2 bn"; in Chinese "12亿美元"."""
    return display.money_short(amount or 0, "USD")


@register.filter
def localized_name(record) -> str:
    """A country's, sector's, park's or organization's name in the page's language."""
    return display.localized_name(record)


@register.simple_tag
def other_name(record) -> str:
    """The name in the page's other language, marked with its language; "" when there is none.

    ``{% other_name park as other %}{% if other %}<div class="small">{{ other }}</div>{% endif %}``
    """
    other = display.other_name(record)
    if not other:
        return ""
    return format_html('<span lang="{}">{}</span>', "en" if display.chinese_page() else "zh-Hans", other)


@register.simple_tag
def both_names(record) -> str:
    """The name in the page's language, and the other language's name in smaller text after it."""
    other = other_name(record)
    if not other:
        return display.localized_name(record)
    return format_html(
        '{} <small class="text-body-secondary fw-normal">{}</small>', display.localized_name(record), other
    )


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


@register.inclusion_tag("includes/source.html")
def source(provenance: str, empty: str = ""):
    """Where a record came from, one line per citation, each opening on the words it quotes.

    ``{% source record.provenance %}``; ``empty`` is said when nothing is recorded.
    """
    return {"citations": citations(provenance), "empty": empty}
