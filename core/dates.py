"""Dates and moments: where a local day starts, so datetime columns are compared without casting each row."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The aware moment ``day`` begins in the bureau's time zone.

    ``changed_at__gte=start_of_day(d)`` uses the column's index; ``changed_at__date__gte=d`` makes
    SQLite call a conversion function on every row.
    """
    return timezone.make_aware(datetime.combine(day, time.min))


def period_start(day: date, precision: str) -> date:
    """The first day of the month, quarter or year ``day`` falls in; ``day`` itself at day precision."""
    if precision == "month":
        return day.replace(day=1)
    if precision == "quarter":
        return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if precision == "year":
        return date(day.year, 1, 1)
    return day


def period_end(day: date, precision: str) -> date:
    """The last day of the month, quarter or year ``day`` falls in; ``day`` itself at day precision."""
    if precision == "day":
        return day
    start = period_start(day, precision)
    months = {"month": 1, "quarter": 3, "year": 12}[precision]
    month = start.month - 1 + months
    following = date(start.year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)
