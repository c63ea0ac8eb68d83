"""The streamed workbook: what a spreadsheet program reads back, and that it leaves before its rows are read."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl

from core.xlsx_stream import column_letter, sheet_title, stream_workbook


def read_back(chunks):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(chunks)))
    return workbook, workbook.active


def test_values_come_back_with_their_types():
    rows = [
        ["Haier 海尔", datetime.date(2019, 6, 3), datetime.datetime(2019, 6, 3, 14, 30), Decimal("1234.50"), 7, True],
        ["  spaced  ", None, None, Decimal("0"), 0, False],
        ["=HYPERLINK()", "", None, None, None, None],
    ]
    workbook, sheet = read_back(stream_workbook(["Name", "Day", "At", "Amount", "Jobs", "Flag"], rows, "Projects"))
    assert sheet.title == "Projects"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Name", "Day", "At", "Amount", "Jobs", "Flag")
    assert values[1] == (
        "Haier 海尔",
        datetime.datetime(2019, 6, 3),
        datetime.datetime(2019, 6, 3, 14, 30),
        1234.5,
        7,
        True,
    )
    assert sheet["B2"].number_format == "yyyy\\-mm\\-dd"
    assert sheet["D2"].number_format == "#,##0.00"
    assert values[2] == ("  spaced  ", None, None, 0, 0, False)
    # Inline text is text, never a formula, whatever it begins with.
    assert sheet["A4"].data_type == "s" and sheet["A4"].value == "=HYPERLINK()"
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F4"


def test_characters_xml_cannot_hold_are_dropped_not_fatal():
    _workbook, sheet = read_back(stream_workbook(["Note"], [["bell\x07 and tab\tkept"]], "Notes"))
    assert sheet["A2"].value == "bell and tab\tkept"


def test_an_empty_list_is_a_workbook_with_its_header():
    _workbook, sheet = read_back(stream_workbook(["A", "B"], [], "Empty"))
    assert list(sheet.iter_rows(values_only=True)) == [("A", "B")]


def test_the_first_bytes_leave_before_any_row_is_read():
    consumed = []

    def rows():
        for number in range(20000):
            consumed.append(number)
            yield [f"row {number}", number]

    chunks = stream_workbook(["Name", "Number"], rows(), "Big")
    first = next(chunks)
    assert first.startswith(b"PK") and consumed == []
    rest = list(chunks)
    assert len(rest) > 2, "rows leave in several chunks, not all at the end"
    _workbook, sheet = read_back([first, *rest])
    assert sheet.max_row == 20001 and sheet["A20001"].value == "row 19999"
    assert zipfile.ZipFile(io.BytesIO(b"".join([first, *rest]))).testzip() is None


def test_names_and_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert sheet_title("a/b:c*d?[e]" + "x" * 40) == "a b c d  e " + "x" * 20
    assert sheet_title("///") == "Sheet1"
