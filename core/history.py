"""The change history of any record: when, who, what kind of change, which fields went from what to what.

One generic page for every model with django-simple-history, under the same access rule as the
record's own page. Detail pages link to it with ``{% include "history/_link.html" with object=x %}``
or ``{% load record_history %}{% history_link x %}`` (the tag library below, registered in settings).
"""

from dataclasses import dataclass

from django import template
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.access import can_see
from core.display import person
from core.notes import remark_events, takes_notes
from core.parsing import parse_count
from core.versioning import FieldChange, describe_deltas

ROWS_PER_PAGE = 50

register = template.Library()


@dataclass(frozen=True)
class HistoryEntry:
    row: object
    kind: str
    symbol: str
    who: str
    changes: list[FieldChange]
    # A change whose earlier state was never recorded (a record loaded from fixtures has no first row).
    earlier_unknown: bool = False


def _model_with_history(app_label: str, model_name: str):
    """The product model ``app_label.model_name`` that keeps a history; Django's own apps keep none here."""
    try:
        if apps.get_app_config(app_label).name.startswith("django."):
            raise Http404
    except LookupError:
        raise Http404 from None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not hasattr(model, "history") or model._meta.model_name != model_name:
        raise Http404
    return model


def _object_url(record) -> str | None:
    try:
        return record.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return None


@login_required
def record_history(request, app_label: str, model_name: str, pk: int):
    """Every historical row of one record, newest first, with the fields each change touched."""
    model = _model_with_history(app_label, model_name)
    if not request.user.has_perm(f"{app_label}.view_{model_name}"):
        raise PermissionDenied
    rows = (
        model.history.filter(**{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    record = model._default_manager.filter(pk=pk).first()
    if record is None:
        latest = rows.first()
        if latest is None:
            raise Http404
        record = latest.instance
    if not can_see(request.user, record):
        raise Http404

    page = Paginator(rows, ROWS_PER_PAGE).get_page(parse_count(request.GET.get("page"), default=1, minimum=1))
    # One row more than the page, so that the page's oldest change can be compared with its predecessor.
    window = list(rows[page.start_index() - 1 : page.end_index() + 1]) if page.object_list else []
    shown = window[: len(page.object_list)]
    pairs = [(row, window[i + 1] if i + 1 < len(window) else None) for i, row in enumerate(shown)]
    deltas = describe_deltas([(row, older if row.history_type == "~" else None) for row, older in pairs], request.user)
    entries = [
        HistoryEntry(
            row=row,
            kind=row.get_history_type_display(),
            symbol=row.history_type,
            who=person(row.history_user, missing=_("not recorded")),
            changes=changes,
            earlier_unknown=row.history_type == "~" and older is None,
        )
        for (row, older), changes in zip(pairs, deltas, strict=True)
    ]
    return render(
        request,
        "history/record_history.html",
        {
            "record": record,
            "record_exists": not record._state.adding,
            "record_url": _object_url(record) if not record._state.adding else None,
            "opts": model._meta,
            "entries": entries,
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            # Notes and files live in their own rows; the record's history lists when each was added or removed.
            "remark_events": remark_events(record) if takes_notes(record) and record.pk else [],
        },
    )


def history_url_for(record) -> str:
    """The history page of ``record``."""
    opts = record._meta
    return reverse("record_history", args=[opts.app_label, opts.model_name, record.pk])


@register.simple_tag
def history_url(record) -> str:
    return history_url_for(record)


@register.inclusion_tag("history/_link.html")
def history_link(record):
    return {"object": record}
