"""A workbook sent while it is written: one worksheet streamed through a zip archive, row by row.

An XLSX file is a zip archive of XML parts. Python's ``zipfile`` writes an archive to a stream it
cannot seek (each entry's sizes follow its data), so the worksheet's rows can leave as they are
made: the first bytes go out before the first row is read, and memory stays flat however many rows
follow. XlsxWriter, used for the leadership report, can only hand over a workbook once it is
complete, which at 200,000 rows is tens of seconds.

The parts are the least a spreadsheet program needs: strings inline (no shared-string table that
would have to be complete first), a bold header row frozen at the top with a filter on it, dates,
date-times and amounts in number formats.
"""

import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

# XML 1.0 cannot hold these characters at all; a spreadsheet program refuses the file if they appear.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
FLUSH_EVERY = 500

# Style indexes into the cellXfs of STYLES.
PLAIN, HEADER, DATE, DATETIME, AMOUNT = 0, 1, 2, 3, 4

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{SPREADSHEET}.styles+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOCUMENT_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)

WORKBOOK_RELS = (
    f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{DOCUMENT_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{DOCUMENT_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)

_FONT = '<sz val="11"/><name val="Calibri"/>'
STYLES = (
    f'{XML_DECLARATION}<styleSheet xmlns="{MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
    f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

SHEET_START = (
    f'{XML_DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{DOCUMENT_RELS}">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/>'
)


class _Sink:
    """A write-only stream that keeps what was written until it is taken."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sheet_title(name: str) -> str:
    """A worksheet name a spreadsheet program accepts: at most 31 characters, none of []:*?/\\."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", name).strip()[:31] or "Sheet1"


def excel_serial(value: datetime.date) -> float:
    if isinstance(value, datetime.datetime):
        delta = value.replace(tzinfo=None) - _EXCEL_EPOCH
        return delta.days + delta.seconds / 86400
    return (value - _EXCEL_EPOCH.date()).days


def _text_cell(ref: str, text: str, style: int) -> str:
    text = _NOT_XML.sub("", text)
    if not text:
        return ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    style_attr = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{style_attr}><is><t{space}>{escape(text)}</t></is></c>'


def cell(ref: str, value: Any) -> str:
    """One cell's XML; an empty value is no cell at all."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime.datetime):
        return f'<c r="{ref}" s="{DATETIME}"><v>{excel_serial(value)!r}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{DATE}"><v>{excel_serial(value)}</v></c>'
    if isinstance(value, Decimal):
        return f'<c r="{ref}" s="{AMOUNT}"><v>{value:f}</v></c>' if value.is_finite() else ""
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return _text_cell(ref, str(value), PLAIN)


def row_xml(number: int, values: Iterable[Any], letters: list[str]) -> str:
    cells = "".join(cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=False))
    return f'<row r="{number}">{cells}</row>'


def _workbook(title: str, last_ref: str | None) -> str:
    quoted = "'" + title.replace("'", "''") + "'"
    defined = (
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(quoted)}!$A$1:{last_ref}</definedName></definedNames>"
        if last_ref
        else ""
    )
    return (
        f'{XML_DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT_RELS}">'
        f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets>{defined}</workbook>'
    )


def _absolute(letter: str, number: int) -> str:
    return f"${letter}${number}"


def stream_workbook(
    headers: list[str], rows: Iterable[Iterable[Any]], sheet_name: str, *, widths: list[int] | None = None
) -> Iterator[bytes]:
    """The bytes of an XLSX file with ``headers`` and then ``rows``, yielded as they are written."""
    sink = _Sink()
    archive = zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    for name, text in (
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/styles.xml", STYLES),
    ):
        archive.writestr(name, text)
    letters = [column_letter(i) for i in range(len(headers))]
    widths = widths or [max(10, min(60, len(str(header)) + 4)) for header in headers]
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>' for i, width in enumerate(widths, start=1)
    )
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write((SHEET_START + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>").encode())
        header_cells = "".join(
            _text_cell(f"{letter}1", str(header), HEADER) for letter, header in zip(letters, headers, strict=True)
        )
        sheet.write(f'<row r="1">{header_cells}</row>'.encode())
        yield sink.take()
        number = 1
        batch = []
        for number, values in enumerate(rows, start=2):
            batch.append(row_xml(number, values, letters))
            if len(batch) >= FLUSH_EVERY:
                sheet.write("".join(batch).encode())
                batch.clear()
                data = sink.take()
                if data:
                    yield data
        sheet.write("".join(batch).encode())
        last_ref = _absolute(letters[-1], number) if letters else None
        filter_xml = f'<autoFilter ref="A1:{letters[-1]}{number}"/>' if letters else ""
        sheet.write(f"</sheetData>{filter_xml}</worksheet>".encode())
    archive.writestr("xl/workbook.xml", _workbook(sheet_title(sheet_name), last_ref))
    archive.close()
    yield sink.take()
