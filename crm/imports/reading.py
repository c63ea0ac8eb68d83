"""Read an uploaded XLSX or CSV file into its header row and data rows, or refuse it with a clear message."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
# A ledger often has a title row or two above its headers.
HEADER_ROWS_SEARCHED = 6


@dataclass
class Sheet:
    """A table read from a file: where it came from, its headers, and its rows by their spreadsheet number."""

    name: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]] = field(default_factory=list)


def _refuse(message: str):
    raise ValidationError(message, code="bad_file")


def read_table(content: bytes, file_name: str, *, find_header) -> Sheet:
    """The table in ``content``: the first sheet whose header row ``find_header`` recognises.

    ``find_header(cells)`` tells how many of a row's cells are known column headers. Refuses
    (``ValidationError``) an empty file, one over ``MAX_BYTES``, one that is not XLSX or CSV, a
    sheet with no known header, a formula cell, or more than ``MAX_ROWS`` rows.
    """
    if not content:
        _refuse(_("The file is empty."))
    if len(content) > MAX_BYTES:
        _refuse(
            _("The file is larger than %(mb)s MB; split it into smaller files.") % {"mb": MAX_BYTES // 1024 // 1024}
        )
    if content[:4] == b"PK\x03\x04":
        sheets = _xlsx_sheets(content)
    elif content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        _refuse(_("This is an old Excel (.xls) file; save it as .xlsx or CSV and upload it again."))
    else:
        sheets = [(file_name, _csv_rows(content))]
    names = []
    for name, rows in sheets:
        names.append(name)
        table = _table(name, rows, find_header)
        if table is not None:
            return table
    _refuse(
        _("No sheet has the columns this import needs (%(sheets)s); download the template to see them.")
        % {"sheets": ", ".join(f"“{name}”" for name in names)}
    )


def _table(name: str, rows, find_header) -> Sheet | None:
    rows = iter(rows)
    head = []
    for number, cells in rows:
        head.append((number, cells))
        if len(head) == HEADER_ROWS_SEARCHED:
            break
    scored = [(find_header(cells), number, cells) for number, cells in head]
    best = max(scored, default=(0, 0, []), key=lambda item: item[0])
    if best[0] == 0:
        return None
    sheet = Sheet(name=name, headers=[_header_text(cell) for cell in best[2]], header_row=best[1])
    for number, cells in [*head, *rows]:
        if number <= sheet.header_row or all(_blank(cell) for cell in cells):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            _refuse(_("The sheet has more than %(max)s rows; split it into smaller files.") % {"max": MAX_ROWS})
        sheet.rows.append((number, list(cells)))
    return sheet


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header_text(cell) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def _xlsx_sheets(content: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        _refuse(_("The file is not a spreadsheet this import can read; upload an .xlsx or .csv file."))
    return [(worksheet.title, _worksheet_rows(worksheet)) for worksheet in workbook.worksheets]


def _worksheet_rows(worksheet):
    for number, row in enumerate(worksheet.iter_rows(), start=1):
        cells = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                _refuse(
                    _("Cell %(cell)s on sheet “%(sheet)s” holds a formula; paste its values instead and upload again.")
                    % {"cell": f"{cell.column_letter}{number}", "sheet": worksheet.title}
                )
            cells.append(cell.value)
        yield number, cells


def _csv_rows(content: bytes):
    if b"\x00" in content[:4096]:
        _refuse(_("The file is not a spreadsheet this import can read; upload an .xlsx or .csv file."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        _refuse(_("The file is neither UTF-8 nor GB18030 text; save it as CSV (UTF-8) and upload it again."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error:
        _refuse(_("The CSV file cannot be read; save it again from the spreadsheet program."))
