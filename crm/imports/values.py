"""Turn a spreadsheet cell into a field's value, or a message saying why it cannot be."""

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from core.parsing import date_in_range
from crm.imports.columns import cell_unit, header_key

TRUE = {"1", "true", "yes", "y", "是", "√", "x", "保密"}
FALSE = {"0", "false", "no", "n", "否", ""}


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def choice(value, choices) -> str:
    """A choice's stored value from its value or its label in English or Chinese (``洽谈``, ``Negotiating``)."""
    wanted = header_key(text(value))
    for stored, label in choices:
        names = {header_key(stored)}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.add(header_key(str(label)))
        if wanted in names:
            return stored
    offered = ", ".join(str(label) for _stored, label in choices)
    raise ValidationError(_("“%(value)s” is not one of: %(offered)s.") % {"value": text(value), "offered": offered})


def boolean(value) -> bool:
    key = header_key(text(value))
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise ValidationError(_("“%(value)s” is neither yes nor no.") % {"value": text(value)})


def whole_number(value) -> int | None:
    amount, _currency = amount_of(value)
    if amount is None:
        return None
    if amount != amount.to_integral_value() or amount < 0:
        raise ValidationError(_("“%(value)s” is not a whole number.") % {"value": text(value)})
    return int(amount)


def amount_of(value, *, multiplier: Decimal = Decimal(1)) -> tuple[Decimal | None, str]:
    """A cell's amount, scaled by its unit (``500万美元``) or the header's, and the currency the unit names."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        raise ValidationError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int | float | Decimal):
        number, cell_multiplier, currency = Decimal(str(value)), Decimal(1), ""
    else:
        digits, cell_multiplier, currency = cell_unit(str(value))
        digits = re.sub(r"[,\s]", "", digits)
        try:
            number = Decimal(digits)
        except InvalidOperation:
            raise ValidationError(_("“%(value)s” is not an amount.") % {"value": text(value)}) from None
        if not number.is_finite():
            raise ValidationError(_("“%(value)s” is not an amount.") % {"value": text(value)})
    if cell_multiplier != 1:
        multiplier = cell_multiplier
    amount = number * multiplier
    if amount < 0:
        raise ValidationError(_("An amount cannot be negative."))
    if amount.adjusted() >= 18:
        raise ValidationError(_("“%(value)s” is too large an amount.") % {"value": text(value)})
    amount = amount.quantize(Decimal("0.01"))
    return amount, currency


_CHINESE_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})(?:\s*[月./-]\s*(\d{1,2})\s*日?)?\s*月?$")


def day(value) -> date | None:
    """A date from an Excel date, ``2019-06-02``, ``2019/6/2`` or ``2019年6月2日``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        parsed = value
    else:
        match = _CHINESE_DATE.match(unicodedata.normalize("NFKC", text(value)))
        try:
            parsed = date(int(match[1]), int(match[2]), int(match[3] or 1)) if match else None
        except ValueError:
            parsed = None
    if parsed is None or not date_in_range(parsed):
        raise ValidationError(_("“%(value)s” is not a date (write it as 2019-06-02).") % {"value": text(value)})
    return parsed
