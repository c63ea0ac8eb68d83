"""Turn an amount in any currency into US dollars at a recorded, stated rate."""

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.models import Currency
from projects.models import ExchangeRate

CENT = Decimal("0.01")


def usd_value(amount: Decimal, currency: str, on_date) -> tuple[Decimal, Decimal]:
    """Return ``(rate, amount_in_usd)`` for ``amount`` in ``currency`` on ``on_date``.

    Raises ``ValidationError`` when no rate for the currency has been recorded, so a
    total never silently leaves an amount out.
    """
    if currency == Currency.USD:
        return Decimal(1), Decimal(amount).quantize(CENT, ROUND_HALF_UP)
    rate = ExchangeRate.rate_for(currency, on_date)
    if rate is None:
        raise ValidationError(
            _("No exchange rate for %(currency)s is recorded; an administrator must add one first.")
            % {"currency": currency}
        )
    return rate.usd_per_unit, (Decimal(amount) * rate.usd_per_unit).quantize(CENT, ROUND_HALF_UP)


def usd_value_or_pending(amount: Decimal, currency: str, on_date) -> tuple[Decimal | None, Decimal | None]:
    """``usd_value``, or ``(None, None)``, a USD value still pending, when no rate for ``currency`` is recorded."""
    try:
        return usd_value(amount, currency, on_date)
    except ValidationError:
        return None, None


# Who else keeps amounts whose USD value may be pending: each a function ``(currency) -> int`` that fills its
# own records of ``currency`` and returns how many it filled. Apps to the right register theirs in ``ready()``
# (crm its agreements), so ``fill_pending_usd`` reaches them without this app naming them.
_pending_fillers: list[Callable[[str], int]] = []


def register_pending_filler(filler: Callable[[str], int]) -> None:
    """Have ``projects.services.fill_pending_usd`` also call ``filler`` (once, however often registered)."""
    if filler not in _pending_fillers:
        _pending_fillers.append(filler)


def pending_fillers() -> list[Callable[[str], int]]:
    return list(_pending_fillers)


def fill_pending(records: QuerySet, *, amount: str, currency: str, rate: str, usd: str, on_date) -> int:
    """Give each of ``records`` whose USD value is pending that value at its date's recorded rate.

    ``amount``, ``currency``, ``rate`` and ``usd`` name the record's fields; ``on_date(record)`` is the day
    its rate is taken for. Records still without a rate stay pending. Saved in one update, each with a
    history row; returns how many were filled.
    """
    filled = []
    for record in records:
        rate_used, value = usd_value_or_pending(getattr(record, amount), getattr(record, currency), on_date(record))
        if value is not None:
            setattr(record, rate, rate_used)
            setattr(record, usd, value)
            filled.append(record)
    if filled:
        bulk_update_with_history(
            filled, records.model, [rate, usd], default_change_reason=_("USD value filled in at the recorded rate")
        )
    return len(filled)
