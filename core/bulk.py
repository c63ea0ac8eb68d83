"""What a change made to several records at once will do, record by record, for its confirmation page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PlannedChange:
    """What a bulk action will do to one record: ``change`` in words, or ``refusal`` saying why it is left as is."""

    record: object
    change: str = ""
    refusal: str = ""
