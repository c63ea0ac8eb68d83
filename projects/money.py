"""Turn an amount in any currency into US dollars at a recorded, stated rate."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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
