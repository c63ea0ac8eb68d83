"""How a person, a name, an amount, a rate and a date read on every page, form, message and admin column.

One helper each; templates reach them through the ``display`` tag library.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, pgettext

# How a date known only to the month or the year is written.
_PRECISION_FORMATS = {"month": "YEAR_MONTH_FORMAT", "year": "Y"}


# A name or title longer than this is cut in tables, its whole text on hover.
CLIP_LENGTH = 80


def clipped(text, length: int = CLIP_LENGTH) -> tuple[str, bool]:
    """``text`` cut to ``length`` characters with "…" (at a word's end when one is near), and whether it was cut."""
    text = str(text or "")
    if len(text) <= length:
        return text, False
    cut = text[: length - 1]
    space = cut.rfind(" ")
    if space > length * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;·-") + "…", True


def person(user, *, missing: str = "") -> str:
    """A user as people know them: full name, else username; ``missing`` for nobody."""
    if user is None:
        return missing
    return user.get_full_name() or user.get_username()


def chinese_page() -> bool:
    """Whether the page being rendered is in Chinese."""
    return (get_language() or "").lower().startswith("zh")


def localized(name: str, name_zh: str = "") -> str:
    """``name_zh`` on a Chinese page when it is filled in, else the English ``name``."""
    return name_zh if name_zh and chinese_page() else name


def localized_name(record) -> str:
    """A country's, sector's, park's or organization's name in the page's language; "" for none.

    The Chinese name shows on Chinese pages when it is known; the English name everywhere else.
    """
    if record is None:
        return ""
    return localized(record.name, getattr(record, "name_zh", ""))


def other_name(record) -> str:
    """The name in the page's other language, to show beside ``localized_name``; "" when there is none."""
    if record is None or not getattr(record, "name_zh", ""):
        return ""
    return record.name if chinese_page() else record.name_zh


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


# How a currency leads a short amount in English: "US$8.4 bn", "€60 m", "RMB 50 bn"; other codes as "KRW 1.2 bn".
_ENGLISH_PREFIX = {"USD": "US$", "EUR": "€", "GBP": "£", "CNY": "RMB\u00a0"}
# Chinese names currencies after the figure: "84亿美元", "2,300万欧元", "500亿元" (元 alone is the yuan).
_CHINESE_CURRENCY = {
    "USD": "美元",
    "CNY": "元",
    "EUR": "欧元",
    "KRW": "韩元",
    "JPY": "日元",
    "HKD": "港元",
    "GBP": "英镑",
    "ILS": "以色列新谢克尔",
    "RUB": "卢布",
    "SGD": "新加坡元",
    "AUD": "澳元",
    "CHF": "瑞士法郎",
}
_TENTH = Decimal("0.1")
_WAN, _YI = Decimal(10_000), Decimal(100_000_000)


def _figure(value: Decimal, places: Decimal = _TENTH) -> str:
    """``value`` rounded to ``places``, grouped by thousands, without a trailing ".0"."""
    rounded = value.quantize(places, ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        return f"{rounded.to_integral_value():,}"
    return f"{rounded:,}"


def _in_myriads(amount: Decimal) -> tuple[str, str]:
    """Chinese counts large sums in 亿 (10^8) and 万 (10^4): 9,999.6万 rounds up to 1亿, not 10,000万."""
    if amount.quantize(Decimal(1), ROUND_HALF_UP) < _WAN:
        return _figure(amount, Decimal(1)), ""
    if (amount / _WAN).quantize(Decimal(1), ROUND_HALF_UP) < _WAN:
        return _figure(amount / _WAN, Decimal(1)), "万"
    return _figure(amount / _YI), "亿"


def _in_thousands(amount: Decimal) -> tuple[str, str]:
    """English counts in thousands, millions and billions, one decimal: 999.96 m rounds up to 1 bn."""
    steps = [
        (Decimal(1), ""),
        (Decimal(10**3), pgettext("amount in thousands", "k")),
        (Decimal(10**6), pgettext("amount in millions", "m")),
        (Decimal(10**9), pgettext("amount in billions", "bn")),
    ]
    index = 0
    while index + 1 < len(steps) and amount >= steps[index + 1][0]:
        index += 1
    places = _TENTH if index else Decimal(1)
    if index + 1 < len(steps) and (amount / steps[index][0]).quantize(places, ROUND_HALF_UP) >= 1000:
        # Rounding carried it into the unit above ("1,000 m"): say it in that unit.
        index, places = index + 1, _TENTH
    size, unit = steps[index]
    return _figure(amount / size, places), unit


def money_short(amount, currency: str = "USD") -> str:
    """An amount at a glance, for lists and totals: "US$8.4 bn", "€23 m"; in Chinese "84亿美元", "2,300万欧元".

    The figure is rounded (one decimal in 亿, bn, m and k; whole 万); "" for no amount.
    ``money`` writes the exact amount.
    """
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    sign = "-" if amount < 0 else ""
    if chinese_page():
        figure, unit = _in_myriads(abs(amount))
        name = _CHINESE_CURRENCY.get(currency, f"\u00a0{currency}" if currency else "")
        return f"{sign}{figure}{unit}{name}"
    figure, unit = _in_thousands(abs(amount))
    prefix = _ENGLISH_PREFIX.get(currency, f"{currency}\u00a0" if currency else "")
    return f"{sign}{prefix}{figure}\u00a0{unit}" if unit else f"{sign}{prefix}{figure}"


def plain_rate(rate) -> str:
    """An exchange rate without the trailing zeros of its stored precision: 1.12, not 1.12000000."""
    if rate is None or rate == "":
        return ""
    return format(Decimal(rate).normalize(), "f")
