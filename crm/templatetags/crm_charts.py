"""Server-side SVG bar charts: no JavaScript, each bar a link with a ``<title>`` tooltip.

Geometry is computed here and drawn by ``crm/includes/bar_chart.html``; the SVG scales to
its container (``.chart`` in crm.css), so one drawing serves laptop and phone widths.
"""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.display import usd_short

register = template.Library()

WIDTH = 400
BAR_SPACE = 320  # the rest of the width holds the value beside the longest bar
ROW = 36
PAIRED_ROW = 46
MOST_BARS = 10


def _describe(row, measure: str) -> str:
    projects = ngettext("%(count)d project", "%(count)d projects", row.count) % {"count": row.count}
    if measure == "usd":
        return _("%(label)s: %(usd)s contracted (%(projects)s)") % {
            "label": row.label,
            "usd": usd_short(row.usd),
            "projects": projects,
        }
    return _("%(label)s: %(projects)s") % {"label": row.label, "projects": projects}


@register.inclusion_tag("crm/includes/bar_chart.html")
def bar_chart(rows, measure: str = "count", title: str = "", funnel: bool = False, limit: int = MOST_BARS):
    """Horizontal bars of ``rows`` (``crm.dashboard.Row``) by ``count`` or ``usd``; centred as a funnel.

    Only the first ``limit`` rows are drawn; the table beside the chart lists them all.
    """
    rows = list(rows)[:limit]
    values = [Decimal(getattr(row, measure) or 0) for row in rows]
    top = max(values, default=0) or 1
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        width = float(value / top) * BAR_SPACE
        if value and width < 2:
            width = 2
        x = (BAR_SPACE - width) / 2 if funnel else 0
        y = index * ROW
        bars.append(
            {
                "label": row.label,
                "url": row.url,
                "x": round(x, 1),
                "y": y,
                "bar_y": y + 16,
                "width": round(width, 1),
                "text_y": y + 12,
                "text_x": BAR_SPACE / 2 if funnel else 0,
                "value_x": round(x + width + 4, 1),
                "value_y": y + 27,
                "value": usd_short(value) if measure == "usd" else str(int(value)),
                "tooltip": _describe(row, measure),
                "muted": not value,
            }
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": max(len(bars), 1) * ROW,
        "title": title,
        "paired": False,
        "funnel": funnel,
    }


@register.inclusion_tag("crm/includes/bar_chart.html")
def paired_bar_chart(rows, title: str = "", limit: int = MOST_BARS):
    """Two bars per row: contracted USD (``usd``, light) over utilized USD (``second``, dark)."""
    rows = list(rows)[:limit]
    top = max([Decimal(row.usd) for row in rows] + [Decimal(row.second) for row in rows], default=0) or 1
    bars = []
    for index, row in enumerate(rows):
        y = index * PAIRED_ROW
        contracted = float(Decimal(row.usd) / top) * BAR_SPACE
        utilized = float(Decimal(row.second) / top) * BAR_SPACE
        share = f"{(row.second / row.usd * 100):.0f}%" if row.usd else "—"
        bars.append(
            {
                "label": row.label,
                "url": row.url,
                "x": 0,
                "y": y,
                "text_x": 0,
                "text_y": y + 12,
                "bar_y": y + 16,
                "width": round(max(contracted, 2 if row.usd else 0), 1),
                "second_y": y + 28,
                "second_width": round(max(utilized, 2 if row.second else 0), 1),
                "value_x": WIDTH,
                "value_y": y + 12,
                "value_anchor": "end",
                "value": f"{usd_short(row.second)} / {usd_short(row.usd)}",
                "tooltip": _("%(label)s: %(utilized)s utilized of %(contracted)s contracted (%(share)s)")
                % {
                    "label": row.label,
                    "utilized": usd_short(row.second),
                    "contracted": usd_short(row.usd),
                    "share": share,
                },
                "muted": False,
            }
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": max(len(bars), 1) * PAIRED_ROW,
        "title": title,
        "paired": True,
    }
