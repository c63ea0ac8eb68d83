"""Read ids, dates, counts and text from a request without ever raising.

What a browser sends is text, and anyone can type it: ``99999999999999999999999`` (beyond the
database's 64-bit integers), ``²`` (a digit to ``str.isdigit()``, not to ``int()``), ``0001-01-01``
(a date whose day start is out of range), NUL bytes (refused by PostgreSQL), ten thousand
characters, or the same parameter twice. Each function here gives a value the database accepts,
or ``None`` (or the default) for anything else; forms get the same rules through ``core.fields``.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The largest key a database of the product stores: PostgreSQL's and SQLite's signed 64-bit integer.
MAX_ID = 2**63 - 1
# Whole numbers typed into a form or a filter: PostgreSQL's ``integer`` column.
MAX_INT = 2**31 - 1
# The years a person may type into a date: wide enough for any record kept here, and far
# enough from year 1 and 9999 that a day's start or end, in any time zone, stays a valid moment.
MIN_YEAR, MAX_YEAR = 1900, 2200
# Longer text is no id, date or count, so it is not even looked at.
MAX_TOKEN_LENGTH = 32

_ASCII_DIGITS = re.compile(r"[0-9]+")

DATE_OUT_OF_RANGE = _("Enter a date between the years %(min)s and %(max)s.")


def _text(value) -> str | None:
    """``value`` as stripped text short enough to be a token, else ``None``."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text or len(text) > MAX_TOKEN_LENGTH:
        return None
    return text


def parse_id(value) -> int | None:
    """A record key: ASCII digits, 1 to ``MAX_ID``; anything else is ``None``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    text = _text(value)
    if text is None or not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values: Iterable) -> list[int]:
    """The valid record keys among ``values`` (a list of parameters), each once, in order; the rest are dropped."""
    if values is None or isinstance(values, str | bytes | int):
        values = [values]
    seen: dict[int, None] = {}
    for value in values:
        key = parse_id(value)
        if key is not None:
            seen.setdefault(key, None)
    return list(seen)


def parse_count(value, *, default: int, minimum: int = 0, maximum: int = MAX_INT, choices=None) -> int:
    """A whole number from ``minimum`` to ``maximum`` (and among ``choices`` if given), else ``default``."""
    text = _text(value)
    if text is None:
        return default
    sign, digits = (-1, text[1:]) if text.startswith("-") else (1, text.removeprefix("+"))
    if not _ASCII_DIGITS.fullmatch(digits):
        return default
    number = sign * int(digits)
    if not minimum <= number <= maximum or (choices is not None and number not in choices):
        return default
    return number


def date_in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def check_date(day: date | None) -> None:
    """Refuse a date outside ``MIN_YEAR`` .. ``MAX_YEAR`` with the message a form shows."""
    if day is not None and not date_in_range(day):
        raise ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range", params={"min": MIN_YEAR, "max": MAX_YEAR})


def parse_date(value) -> date | None:
    """An ISO date (``YYYY-MM-DD``) between ``MIN_YEAR`` and ``MAX_YEAR``, else ``None``."""
    if isinstance(value, date):
        return value if date_in_range(value) else None
    text = _text(value)
    if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if date_in_range(day) else None


def clean_text(value, *, max_length: int = 200) -> str:
    """Text for a search: NUL bytes (which PostgreSQL refuses) and other control characters removed, length capped."""
    if value is None:
        return ""
    text = "".join(ch for ch in str(value)[: max_length * 4] if ch >= " " or ch in "\t\n")
    return text[:max_length]


def has_null(value) -> bool:
    """Whether ``value``, a string or a list of them, holds a NUL byte, which no database column may store."""
    if isinstance(value, list | tuple):
        return any(has_null(item) for item in value)
    return isinstance(value, str) and "\x00" in value


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: its kind, first and last day, and its key (``2019-M06``, ``2019-Q2``)."""

    kind: str
    start: date
    end: date
    key: str

    @property
    def value(self) -> str:
        """The period as typed: ``2019-06``, ``2019-Q2`` or ``2019``."""
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)


PERIOD_KINDS = ("month", "quarter", "year")
_PERIOD_FORMATS = {
    "month": re.compile(r"([0-9]{4})-([0-9]{1,2})"),
    "quarter": re.compile(r"([0-9]{4})-[Qq]([1-4])"),
    "year": re.compile(r"([0-9]{4})"),
}


def parse_period(kind, value) -> Period | None:
    """A month (``2019-06``), quarter (``2019-Q2``) or year (``2019``) of ``kind`` in the years allowed, or ``None``."""
    kind, text = _text(kind), _text(value)
    if kind not in PERIOD_KINDS or text is None:
        return None
    match = _PERIOD_FORMATS[kind].fullmatch(text)
    if not match:
        return None
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if kind == "year":
        return Period(kind, date(year, 1, 1), date(year, 12, 31), str(year))
    number = int(match.group(2))
    if kind == "quarter":
        first = 3 * (number - 1) + 1
        end = date(year + 1, 1, 1) if number == 4 else date(year, first + 3, 1)
        return Period(kind, date(year, first, 1), end - timedelta(days=1), f"{year}-Q{number}")
    if not 1 <= number <= 12:
        return None
    end = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return Period(kind, date(year, number, 1), end - timedelta(days=1), f"{year}-M{number:02d}")
