"""Dates and moments: where a local day starts, so datetime columns are compared without casting each row."""

from datetime import date, datetime, time

from django.utils import timezone


def start_of_day(day: date) -> datetime:
    """The aware moment ``day`` begins in the bureau's time zone.

    ``changed_at__gte=start_of_day(d)`` uses the column's index; ``changed_at__date__gte=d`` makes
    SQLite call a conversion function on every row.
    """
    return timezone.make_aware(datetime.combine(day, time.min))
