"""The leadership report as an XLSX workbook, in the shape bureaus send upward: one sheet per section.

Written from the report's figures (``crm.reporting.figures``, or an issued report's frozen data),
never from the database, so an issued report's workbook is the same file whenever it is drawn.
"""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from crm.reporting import breakdown_titles


class _Sheet:
    """A worksheet filled row by row, with the workbook's formats."""

    def __init__(self, book, formats: dict, name: str, title: str, subtitle: str, widths: list[int]):
        self.sheet = book.add_worksheet(name[:31])
        self.formats = formats
        self.row = 0
        self.width = len(widths)
        for column, width in enumerate(widths):
            self.sheet.set_column(column, column, width)
        self.sheet.merge_range(0, 0, 0, self.width - 1, title, formats["title"])
        self.sheet.merge_range(1, 0, 1, self.width - 1, subtitle, formats["subtitle"])
        self.sheet.set_landscape()
        self.sheet.fit_to_pages(1, 0)
        self.row = 3

    def heading(self, text: str) -> None:
        self.sheet.merge_range(self.row, 0, self.row, self.width - 1, text, self.formats["heading"])
        self.row += 1

    def header(self, labels: list[str]) -> None:
        self.sheet.write_row(self.row, 0, labels, self.formats["header"])
        self.row += 1

    def line(self, values: list, kinds: list[str] | None = None, bold: bool = False) -> None:
        kinds = kinds or ["text"] * len(values)
        for column, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            fmt = self.formats[f"{kind}_bold" if bold else kind]
            if value is None or value == "":
                self.sheet.write_blank(self.row, column, None, fmt)
            elif kind == "text":
                self.sheet.write_string(self.row, column, str(value), fmt)
            else:
                self.sheet.write_number(self.row, column, value, fmt)
        self.row += 1

    def note(self, text: str) -> None:
        self.sheet.merge_range(self.row, 0, self.row, self.width - 1, text, self.formats["note"])
        self.row += 1

    def gap(self) -> None:
        self.row += 1


def _formats(book) -> dict:
    base = {"font_size": 10, "valign": "top"}
    formats = {
        "title": book.add_format({"bold": True, "font_size": 14, "align": "center"}),
        "subtitle": book.add_format({"italic": True, "font_size": 10, "align": "center"}),
        "heading": book.add_format({"bold": True, "font_size": 11, "bg_color": "#DCE6F1", "border": 1}),
        "header": book.add_format({**base, "bold": True, "text_wrap": True, "bottom": 1, "bg_color": "#F2F2F2"}),
        "note": book.add_format({**base, "italic": True, "text_wrap": True}),
    }
    kinds = {"text": {"text_wrap": True}, "count": {"num_format": "#,##0"}, "usd": {"num_format": "#,##0.00"}}
    kinds["rate"] = {"num_format": '0.0"%"'}
    kinds["days"] = {"num_format": "#,##0"}
    kinds["date"] = {}
    for kind, extra in kinds.items():
        formats[kind] = book.add_format({**base, **extra})
        formats[f"{kind}_bold"] = book.add_format({**base, **extra, "bold": True, "top": 1})
    return formats


def _summary(book, formats, data, title) -> None:
    money = data["signed"]["money"]
    sheet = _Sheet(book, formats, _("Summary"), title, _("Inbound foreign investment; amounts in USD"), [48, 20])
    sheet.heading(_("Projects signed in the period and contracted vs utilized"))
    sheet.header([_("Figure"), _("Value")])
    for label, value, kind in (
        (_("Inbound projects signed (each counted once)"), money["signed"], "count"),
        (_("of which later phases or capital increases"), money["phases"], "count"),
        (_("Contracted foreign investment (合同外资), USD"), money["contracted_usd"], "usd"),
        (_("Contracted amounts waiting for an exchange rate"), money["contracted_pending"], "count"),
        (_("Utilized foreign investment (实际使用外资) of these projects, USD"), money["utilized_usd"], "usd"),
        (_("Capital inflows waiting for an exchange rate"), money["utilized_pending"], "count"),
        (_("Capital-in-place rate (资金到位率), %"), money["capital_rate"], "rate"),
    ):
        sheet.line([label, value], ["text", kind])
    sheet.gap()
    sheet.note(_("Utilized foreign investment is the sum of the capital inflows recorded for the projects signed."))
    moved = data.get("moved_since")
    if moved:
        sheet.gap()
        sheet.heading(_("Since report %(number)s") % {"number": moved["number"]})
        sheet.sheet.set_column(2, 2, 20)
        sheet.header([_("Figure"), _("Then"), _("Now")])
        for total in moved["totals"]:
            kind = "count" if isinstance(total["now"], int) else "usd"
            sheet.line([total["label"], total["before"], total["now"]], ["text", kind, kind])


def _signed(book, formats, data, title) -> None:
    signed = data["signed"]
    sheet = _Sheet(
        book,
        formats,
        _("Signed"),
        title,
        _("Inbound projects signed in the period, each counted once; contracted foreign investment in USD"),
        [16, 40, 18, 24, 22, 24, 14, 12, 20],
    )
    sheet.header(
        [
            _("Reference"),
            _("Project"),
            _("Origin country"),
            _("Sector"),
            _("District"),
            _("Park or zone"),
            _("Stage"),
            _("Signed on"),
            _("Contracted foreign investment, USD"),
        ]
    )
    for row in signed["rows"]:
        name = row["name"] + (" " + _("(later phase)") if row["later_phase"] else "")
        values = [row["reference"], name, row["country"], row["sector"], row["district"], row["park"]]
        sheet.line([*values, row["stage"], row["signed_on"], row["contracted_usd"]], ["text"] * 8 + ["usd"])
    if not signed["rows"]:
        sheet.note(_("No inbound project was signed in the period."))
    for key, heading in breakdown_titles().items():
        sheet.gap()
        sheet.heading(heading)
        sheet.header([_("Group"), _("Projects"), _("Contracted foreign investment, USD")])
        start = sheet.row
        for row in signed["by"][key]:
            sheet.line([row["label"], row["count"], row["contracted_usd"]], ["text", "count", "usd"])
        if key == "country" and signed["by"][key]:
            chart = book.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": _("Projects signed"),
                    "categories": [sheet.sheet.name, start, 0, sheet.row - 1, 0],
                    "values": [sheet.sheet.name, start, 1, sheet.row - 1, 1],
                }
            )
            chart.set_title({"name": _("Projects signed by origin country")})
            chart.set_legend({"none": True})
            sheet.sheet.insert_chart(3, 10, chart)


def _kpis(book, formats, data, title) -> None:
    kpis = data["kpis"]
    sheet = _Sheet(
        book,
        formats,
        _("KPIs"),
        title,
        _("Inbound projects by signing year, all periods; definitions on the Definitions sheet"),
        [18, 10, 12, 12, 12, 12, 12, 12, 18, 18, 12],
    )
    steps = kpis["steps"]
    sheet.header(
        [_("Signing year"), _("Signed")]
        + steps
        + [_("%(stage)s, %%") % {"stage": stage} for stage in steps]
        + [_("Contracted, USD"), _("Utilized, USD"), _("Capital in place, %")]
    )
    header = sheet.row - 1
    kinds = ["text", "count", "count", "count", "count", "rate", "rate", "rate", "usd", "usd", "rate"]
    for row, bold in [(row, False) for row in kpis["rows"]] + [(kpis["total"], True)]:
        values = [row["label"], row["signed"], *row["steps"], *row["rates"]]
        sheet.line([*values, row["contracted_usd"], row["utilized_usd"], row["capital_rate"]], kinds, bold=bold)
    # How far the signed projects came, stage by stage: the total row as columns.
    chart = book.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": _("Signed projects by the stage they reached"),
            "categories": [sheet.sheet.name, header, 1, header, 1 + len(steps)],
            "values": [sheet.sheet.name, sheet.row - 1, 1, sheet.row - 1, 1 + len(steps)],
        }
    )
    chart.set_title({"name": _("Signed projects by the stage they reached")})
    chart.set_legend({"none": True})
    sheet.sheet.insert_chart(sheet.row + 1, 12, chart)
    sheet.gap()
    sheet.heading(_("MOU realization funnel"))
    sheet.header(
        [
            _("Year signed"),
            _("Letters of intent and MOUs"),
            _("With a project"),
            _("Projects"),
            _("Reached contracted"),
            _("Reached operating"),
            _("Median days to a project"),
            _("Median days to contracted"),
            _("Median days to operating"),
        ]
    )
    for row in kpis["funnel"]:
        values = [row[key] for key in ("label", "intents", "with_project", "projects", "contracted", "operating")]
        sheet.line([*values, *row["days"]], ["text"] + ["count"] * 5 + ["days"] * 3)


def _definitions(book, formats, data, title) -> None:
    sheet = _Sheet(book, formats, _("Definitions"), title, _("How each figure is counted"), [34, 100])
    sheet.header([_("Term"), _("Definition")])
    for term, text in data["kpis"]["definitions"]:
        sheet.line([term, text])
    sheet.line(
        [
            _("Stalled"),
            _("An active project with no stage change and no meeting for %(days)s days.")
            % {"days": data["movement"]["stalled_days"]},
        ]
    )


def _movement(book, formats, data, title) -> None:
    movement = data["movement"]
    sheet = _Sheet(
        book, formats, _("Movement"), title, _("Since %(since)s") % {"since": data["since"][:10]}, [16, 40, 20, 20, 60]
    )
    moved = data.get("moved_since")
    if moved:
        sheet.heading(_("Stages moved since report %(number)s") % {"number": moved["number"]})
        sheet.header([_("Reference"), _("Project"), _("Then"), _("Now"), ""])
        for row in moved["moved"]:
            sheet.line([row["reference"], row["name"], row["from"], row["to"], ""])
        if not moved["moved"]:
            sheet.note(_("No project changed stage."))
        sheet.gap()
    sheet.heading(_("New projects"))
    sheet.header([_("Reference"), _("Project"), _("Stage"), "", ""])
    for row in movement["new"]:
        sheet.line([row["reference"], row["name"], row["stage"], "", ""])
    sheet.gap()
    sheet.heading(_("Advanced projects"))
    sheet.header([_("Reference"), _("Project"), _("From"), _("To"), _("Happened on")])
    for row in movement["advanced"]:
        sheet.line([row["reference"], row["name"], row["from"], row["to"], row["on"]])
    sheet.gap()
    sheet.heading(_("Stalled projects: no progress for %(days)s days") % {"days": movement["stalled_days"]})
    sheet.header([_("Reference"), _("Project"), _("Stage"), _("Last moved on"), _("Why")])
    for row in movement["stalled"]:
        sheet.line([row["reference"], row["name"], row["stage"], row["last_moved_on"], row["why"]])


def _follow_ups(book, formats, data, title) -> None:
    sheet = _Sheet(
        book,
        formats,
        _("Follow-ups"),
        title,
        _("Follow-ups due in the period, by owner"),
        [24, 10, 10, 12, 10, 12, 14, 14],
    )
    sheet.header(
        [
            _("Owner"),
            _("Due"),
            _("Done"),
            _("Done on time"),
            _("Open"),
            _("Cancelled"),
            _("Outcome not recorded"),
            _("Completion, %"),
        ]
    )
    for row in data["follow_ups"]:
        keys = ("due", "done", "on_time", "open", "cancelled", "not_recorded")
        sheet.line([row["owner"], *[row[key] for key in keys], row["rate"]], ["text"] + ["count"] * 6 + ["rate"])


def _delegations(book, formats, data, title) -> None:
    sheet = _Sheet(
        book,
        formats,
        _("Delegations"),
        title,
        _("Delegations in the period and their trip reports"),
        [40, 22, 12, 12, 20, 14, 14, 24],
    )
    sheet.header(
        [
            _("Delegation"),
            _("Direction"),
            _("Start"),
            _("End"),
            _("Responsible officer"),
            _("Report due on"),
            _("Report submitted on"),
            _("Trip report"),
        ]
    )
    for row in data["delegations"]:
        keys = ("title", "direction", "start", "end", "officer", "due_on", "reported_on", "report")
        sheet.line([row[key] for key in keys])


SECTIONS = (_summary, _signed, _kpis, _definitions, _movement, _follow_ups, _delegations)


def workbook(data: dict, *, number: str = "") -> bytes:
    """The report's XLSX file from its figures."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    formats = _formats(book)
    title = _("Qingdao investment promotion report, %(period)s") % {"period": data["period"]["label"]}
    if number:
        title += " · " + _("No. %(number)s") % {"number": number}
    for section in SECTIONS:
        section(book, formats, data, title)
    book.close()
    return output.getvalue()
