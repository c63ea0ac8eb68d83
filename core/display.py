"""How a person, an amount, a rate and a date read on every page, form, message and admin column.

One helper each; templates reach them through the ``display`` tag library.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.formats import number_format
from django.utils.translation import gettext

# How a date known only to the month or the year is written.
_PRECISION_FORMATS = {"month": "YEAR_MONTH_FORMAT", "year": "Y"}


def person(user, *, missing: str = "") -> str:
    """A user as people know them: full name, else username; ``missing`` for nobody."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()


def display_date(day: date | None, precision: str = "day") -> str:
    """``day`` as precisely as it is known: "3 June 2019", "June 2019", "Q2 2019" or "2019"."""
    if day is None:
        return gettext("undated")
    if precision == "quarter":
        quarter = (day.month - 1) // 3 + 1
        return gettext("Q%(quarter)d %(year)d") % {"quarter": quarter, "year": day.year}
    return formats.date_format(day, _PRECISION_FORMATS.get(precision, "DATE_FORMAT"))


def date_span(start: date | None, end: date | None, precision: str = "day") -> str:
    """A period from ``start`` to ``end`` at ``precision``; one date when both read the same."""
    first = display_date(start, precision) if start else ""
    last = display_date(end, precision) if end else ""
    if not last or last == first:
        return first
    return f"{first} – {last}"


def money(amount, currency: str = "", *, decimals: int | None = None) -> str:
    """An amount with its currency code, the one way money is written: "12,500,000 EUR", "1,250.50 USD".

    Whole amounts show no cents unless ``decimals`` asks; a no-break space keeps the figure and
    its currency on one line. "" for no amount.
    """
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else 2
    figure = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{figure}\u00a0{currency}".strip()


def units_per_usd(rate) -> str:
    """The inverse of a USD-per-unit rate, as rates are usually quoted (1 USD = 109.01 JPY), to 4 decimals."""
    if rate is None or rate == "" or Decimal(rate) == 0:
        return ""
    return format((Decimal(1) / Decimal(rate)).quantize(Decimal("0.0001")).normalize(), "f")


def plain_rate(rate) -> str:
    """An exchange rate without the trailing zeros of its stored precision: 1.12, not 1.12000000."""
    if rate is None or rate == "":
        return ""
    return format(Decimal(rate).normalize(), "f")
