"""Export of a list page, exactly as it is filtered, searched and sorted, to CSV or XLSX.

A ``RecordListView`` declares ``export_columns``; ``?format=csv`` or ``?format=xlsx`` on its URL
then answers with every row the page's own queryset and filters select, not only the page shown.

A column that holds a model field is headed by that field's verbose name (translated and
capitalised), so that a file can be read back by matching headers in English or Chinese.

Each export sends ``list_exported``; the app that keeps the record of exports receives it.
"""

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.dispatch import Signal
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from core.xlsx_stream import stream_workbook

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
# A spreadsheet program runs a cell that begins with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Sent once per export, before its rows: sender is the view class; user, list_name, filters
# (the query string's values, without the format), row_count and file_format come as keywords.
list_exported = Signal()


@dataclass(frozen=True)
class Field:
    """A column holding a model field, or one reached across relations: ``"investor__name"``.

    A field with choices gives its label, a related record its text, a date a date, an amount a number.
    """

    path: str
    header: Any = None

    def bind(self, model: type[Model]) -> tuple[str, Callable[[Any], Any]]:
        names = self.path.split("__")
        field = None
        current = model
        for name in names:
            field = current._meta.get_field(name)
            current = field.related_model
        header = self.header if self.header is not None else capfirst(field.verbose_name)
        choices = dict(field.flatchoices) if field.choices else None
        many = field.many_to_many or field.one_to_many

        def value(obj):
            for name in names[:-1]:
                obj = getattr(obj, name, None)
                if obj is None:
                    return None
            if many:
                return "; ".join(str(item) for item in getattr(obj, names[-1]).all())
            raw = getattr(obj, names[-1])
            if choices is not None:
                return str(choices.get(raw, raw)) if raw not in (None, "") else ""
            if isinstance(raw, bool):
                return _("Yes") if raw else _("No")
            if isinstance(raw, Model):
                return str(raw)
            return raw

        return str(header), value


@dataclass(frozen=True)
class Computed:
    """A column computed from the record, such as a count the page's queryset annotates."""

    header: Any
    get: Callable[[Any], Any]

    def bind(self, model: type[Model]) -> tuple[str, Callable[[Any], Any]]:
        return str(self.header), self.get


def escape_cell(value: Any) -> Any:
    """A text cell that would run as a formula gets a leading apostrophe; other values stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
            if timezone.is_aware(value)
            else value.isoformat(sep=" ")
        )
    if isinstance(value, (datetime.date, Decimal, int, float)):
        return str(value)
    return escape_cell(str(value))


class _Echo:
    """A file-like object whose write returns the line, for ``csv.writer`` inside a generator."""

    def write(self, value):
        return value


def csv_rows(headers, getters, objects, language):
    writer = csv.writer(_Echo())
    with translation.override(language):
        yield "\ufeff" + writer.writerow([escape_cell(header) for header in headers])
        for obj in objects:
            yield writer.writerow([csv_cell(get(obj)) for get in getters])


def xlsx_values(value: Any) -> Any:
    """A cell's value for the workbook: local time for a moment, text guarded against formulas."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str):
        # Inline strings are never read as formulas; the apostrophe guards a CSV made from the workbook.
        return escape_cell(value)
    return value


def xlsx_chunks(headers, getters, objects, sheet_name: str, language):
    """The workbook's bytes as they are written, row by row (``core.xlsx_stream``)."""
    with translation.override(language):
        rows = ([xlsx_values(get(obj)) for get in getters] for obj in objects)
        yield from stream_workbook(headers, rows, sheet_name)


class ExportMixin:
    """``?format=csv`` / ``?format=xlsx`` on a list page: its rows, all of them, as a file."""

    export_columns: tuple = ()

    def export_format(self) -> str | None:
        asked = self.request.GET.get("format")
        return asked if asked in FORMATS and self.export_columns else None

    def export_name(self) -> str:
        with translation.override("en"):
            return slugify(str(self.model._meta.verbose_name_plural))

    def export_links(self) -> list[tuple[str, str]]:
        if not self.export_columns:
            return []
        query = self.request.GET.copy()
        for name in ("format", "page"):
            query.pop(name, None)
        links = []
        for file_format in FORMATS:
            query["format"] = file_format
            links.append((file_format, "?" + query.urlencode()))
        return links

    def export(self, file_format: str, queryset):
        model = queryset.model
        bound = [column.bind(model) for column in self.export_columns]
        headers = [header for header, _get in bound]
        getters = [get for _header, get in bound]
        filters = {
            key: values if len(values) > 1 else values[0] for key, values in self.request.GET.lists() if key != "format"
        }
        row_count = queryset.count()
        name = self.export_name()
        list_exported.send(
            sender=type(self),
            user=self.request.user,
            list_name=name,
            filters=filters,
            row_count=row_count,
            file_format=file_format,
        )
        filename = f"{name}-{timezone.localdate().isoformat()}.{file_format}"
        objects = queryset.iterator(chunk_size=CHUNK_SIZE)
        if file_format == "csv":
            response = StreamingHttpResponse(
                csv_rows(headers, getters, objects, translation.get_language()), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        response = StreamingHttpResponse(
            xlsx_chunks(headers, getters, objects, name, translation.get_language()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
