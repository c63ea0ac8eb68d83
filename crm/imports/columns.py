"""Which column is which: a header may be a field's name, its verbose name in English or Chinese, or a ledger alias.

The export writes a field's verbose name as its header, so a file exported here is read back
unchanged. A unit in the header (``合同外资（万美元）``) scales the column and names its currency.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

# Units written with an amount, in the header or the cell: (multiplier, currency or "").
_MULTIPLIERS = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CURRENCY_WORDS = {
    "美元": "USD",
    "元": "CNY",
    "人民币": "CNY",
    "人民币元": "CNY",
    "欧元": "EUR",
    "日元": "JPY",
    "韩元": "KRW",
    "港元": "HKD",
    "英镑": "GBP",
}
UNIT = re.compile(r"(?P<mult>[万亿]?)(?P<cur>人民币元|人民币|美元|欧元|日元|韩元|港元|英镑|元)?\s*$")
_BRACKETED = re.compile(r"[（(]\s*(?P<unit>[万亿]?(?:人民币元|人民币|美元|欧元|日元|韩元|港元|英镑|元)?)\s*[)）]\s*$")


@dataclass(frozen=True)
class Column:
    """A column an import knows: its key, the model field it fills (for its verbose names) and ledger aliases."""

    key: str
    field: str | None = None
    aliases: tuple[str, ...] = ()
    amount: bool = False
    label: str = ""


@dataclass
class Heading:
    """A header cell resolved: its column key, and the unit its header states for an amount column."""

    key: str
    multiplier: Decimal = Decimal(1)
    currency: str = ""


def header_key(text) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).casefold().split()).replace("_", "")


def split_unit(text: str) -> tuple[str, Decimal, str]:
    """``总投资（万美元）`` → (``总投资``, 10000, ``USD``); a header with no unit keeps multiplier 1."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = _BRACKETED.search(text)
    if not match or not match.group("unit"):
        return text, Decimal(1), ""
    unit = UNIT.fullmatch(match.group("unit"))
    return (
        text[: match.start()].strip(),
        _MULTIPLIERS[unit.group("mult")],
        _CURRENCY_WORDS.get(unit.group("cur") or "", ""),
    )


def cell_unit(text: str) -> tuple[str, Decimal, str]:
    """``1,200 万美元`` → (``1,200``, 10000, ``USD``)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = UNIT.search(text)
    if not match or not match.group(0).strip():
        return text, Decimal(1), ""
    return (
        text[: match.start()].strip(),
        _MULTIPLIERS[match.group("mult")],
        _CURRENCY_WORDS.get(match.group("cur") or "", ""),
    )


def labels_for(model, column: Column) -> list[str]:
    """Every header that names ``column``: key, field name, verbose name in both languages, aliases."""
    names = [column.key, *column.aliases]
    if column.field:
        field = model._meta.get_field(column.field)
        names.append(field.name)
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.append(str(field.verbose_name))
    if column.label:
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.append(translation.gettext(column.label))
    return names


def header_index(model, columns: list[Column]) -> dict[str, str]:
    """Header key → column key. A label two columns share (``currency``) goes to the first; position decides later."""
    index: dict[str, str] = {}
    for column in columns:
        for label in labels_for(model, column):
            index.setdefault(header_key(label), column.key)
    return index


def resolve_headers(headers: list[str], index: dict[str, str], amount_keys: dict[str, str]) -> list[Heading | None]:
    """Each header's column, ``None`` for one not known. A currency column right after an amount is that amount's.

    ``amount_keys`` maps an amount column's key to its own currency column's key.
    """
    resolved: list[Heading | None] = []
    for position, header in enumerate(headers):
        text, multiplier, currency = split_unit(header)
        key = index.get(header_key(text)) or index.get(header_key(header))
        if not key and " / " in header:
            # A template's bilingual header, "contracted foreign investment / 合同外资".
            key = next((index[k] for k in map(header_key, header.split(" / ")) if k in index), None)
        if key == "currency" and position and resolved[position - 1] is not None:
            previous = resolved[position - 1].key
            key = amount_keys.get(previous, key)
        resolved.append(Heading(key, multiplier, currency) if key else None)
    return resolved
