"""The pages behind every record's "Notes and files" section: add, list all, remove, and fetch a file.

A record is found by its kind and key; one its user may not see (or of a kind that takes no notes) is
a 404, as if it did not exist. Files are read only here, after ``core.notes.may_download``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from core import notes
from core.access import can_change
from core.models import NOTE_MAX_LENGTH, Attachment, Note
from core.parsing import check_date, parse_count, parse_id
from core.views import safe_next

# Rows the all-notes page shows at a time.
ROWS_PER_PAGE = 50


class NoteForm(forms.Form):
    # The text's rules (not empty, not too long) are ``core.notes.clean_note_text``'s; the form only reads it.
    text = forms.CharField(label=gettext_lazy("Note"), required=False, strip=False)
    written_on = forms.DateField(label=gettext_lazy("Date"), required=False)

    def clean_written_on(self):
        day = self.cleaned_data.get("written_on")
        check_date(day)
        return day


def record_or_404(user, app_label: str, model_name: str, pk):
    """The record of kind ``app_label.model_name`` and key ``pk`` that takes notes and ``user`` may see, else 404."""
    model = notes.noted_model(app_label, model_name)
    key = parse_id(pk)
    if model is None or key is None:
        raise Http404
    record = model._default_manager.filter(pk=key).first()
    if not notes.may_add(user, record):
        raise Http404
    return record


def remark_or_404(model, user, pk):
    """The note or file ``pk`` whose record ``user`` may see, else 404."""
    key = parse_id(pk)
    remark = model.objects.select_related("author").filter(pk=key).first() if key else None
    if remark is None or not notes.may_add(user, remark.record):
        raise Http404
    return remark


def section_url(record) -> str:
    return f"{record.get_absolute_url()}#notes"


def _back(request, record) -> HttpResponseRedirect:
    return HttpResponseRedirect(safe_next(request, section_url(record)))


def with_rights(user, record, rows) -> list:
    """``rows`` (notes or files of ``record``), each told whether ``user`` may remove it; ``can_change`` asked once."""
    rows = list(rows)
    may_change_record = None
    for row in rows:
        row.record = record  # the record is in hand: no query per row to fetch it again
        if may_change_record is None and row.author_id != user.pk:
            may_change_record = can_change(user, record)
        row.removable = notes.may_remove(user, row, may_change_record=may_change_record)
    return rows


def _record_args(record) -> list:
    opts = record._meta
    return [opts.app_label, opts.model_name, record.pk]


def section_context(request, record, *, rows: int) -> dict:
    """What the "Notes and files" section shows: the first ``rows`` notes and files, their totals, the forms' limits."""
    user = request.user
    note_rows = notes.notes_of(record)
    file_rows = notes.attachments_of(record)
    all_url = reverse("record_notes", args=_record_args(record))
    return {
        "record": record,
        "notes": with_rights(user, record, note_rows[:rows]),
        "notes_total": note_rows.order_by().count(),
        "files": with_rights(user, record, file_rows[:rows]),
        "files_total": file_rows.order_by().count(),
        "notes_all_url": f"{all_url}?kind=notes",
        "files_all_url": f"{all_url}?kind=files",
        "may_add": notes.may_add(user, record),
        "add_note_url": reverse("note_add", args=_record_args(record)),
        "attach_url": reverse("attachment_add", args=_record_args(record)),
        "note_max_length": NOTE_MAX_LENGTH,
        "max_size": filesizeformat(notes.max_bytes()),
        "allowed_types": notes.allowed_extensions(),
        "accept": notes.accept_attribute(),
        "request": request,
    }


@login_required
@require_POST
def add_note(request, app_label: str, model_name: str, pk):
    record = record_or_404(request.user, app_label, model_name, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, record)
    try:
        notes.add_note(
            record=record,
            user=request.user,
            text=form.cleaned_data["text"],
            written_on=form.cleaned_data["written_on"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The note is added."))
    return _back(request, record)


class SizeLimitHandler(FileUploadHandler):
    """Stops reading a file past the size limit, so that a huge upload is not first copied to disk whole."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = notes.max_bytes()
        self.received = 0
        self.refused_name = ""
        self.refused_size = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.content_length and self.content_length > self.limit:
            self._refuse(self.content_length)

    def _refuse(self, size: int):
        self.refused_name, self.refused_size = self.file_name or "", size
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse(self.received)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt
@login_required
@require_POST
def add_attachment(request, app_label: str, model_name: str, pk):
    # The size guard must be in place before the body is read; the CSRF check that reads it comes after.
    guard = SizeLimitHandler(request)
    request.upload_handlers.insert(0, guard)
    return _add_attachment(request, guard, app_label, model_name, pk)


@csrf_protect
def _add_attachment(request, guard: SizeLimitHandler, app_label: str, model_name: str, pk):
    record = record_or_404(request.user, app_label, model_name, pk)
    upload = request.FILES.get("file")  # reads the body, through the size guard
    if guard.refused_size:
        messages.error(
            request,
            _("“%(name)s” was not attached: it is over %(limit)s, the largest file a record takes.")
            % {"name": guard.refused_name or _("The file"), "limit": filesizeformat(guard.limit)},
        )
        return _back(request, record)
    try:
        attachment = notes.attach_file(
            record=record,
            user=request.user,
            upload=upload,
            caption=request.POST.get("caption", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("“%(name)s” is attached.") % {"name": attachment.original_name})
    return _back(request, record)


@login_required
@require_http_methods(["GET", "HEAD"])
def record_notes(request, app_label: str, model_name: str, pk):
    """Every note or every file of one record, newest first, a page at a time."""
    record = record_or_404(request.user, app_label, model_name, pk)
    kind = request.GET.get("kind") if request.GET.get("kind") in ("notes", "files") else "notes"
    rows = notes.notes_of(record) if kind == "notes" else notes.attachments_of(record)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(parse_count(request.GET.get("page"), default=1, minimum=1))
    return render(
        request,
        "core/record_notes.html",
        {
            "record": record,
            "record_url": record.get_absolute_url(),
            "kind": kind,
            "rows": with_rights(request.user, record, page.object_list),
            "page_obj": page,
            "is_paginated": page.has_other_pages(),
            "opts": record._meta,
        },
    )


def _remove_view(request, model, pk, remove):
    remark = remark_or_404(model, request.user, pk)
    record = remark.record
    if remark.is_removed:
        messages.info(request, _("It was already removed."))
        return HttpResponseRedirect(section_url(record))
    if not notes.may_remove(request.user, remark):
        raise PermissionDenied(_("Only its author or someone who may change the record may remove it."))
    if request.method == "POST":
        remove(remark, request.user)
        if isinstance(remark, Attachment):
            message = _("“%(name)s” is removed from the record; its history keeps it.") % {"name": remark}
        else:
            message = _("The note is removed from the record; its history keeps it.")
        messages.success(request, message)
        return _back(request, record)
    return render(
        request,
        "core/remark_remove.html",
        {
            "remark": remark,
            "record": record,
            "is_file": isinstance(remark, Attachment),
            "cancel_url": section_url(record),
            "next": safe_next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remove_note(request, pk):
    return _remove_view(request, Note, pk, lambda note, user: notes.remove_note(note=note, user=user))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remove_attachment(request, pk):
    return _remove_view(
        request, Attachment, pk, lambda attachment, user: notes.remove_attachment(attachment=attachment, user=user)
    )


def _serve(request, pk, *, thumbnail: bool):
    key = parse_id(pk)
    attachment = Attachment.objects.filter(pk=key).first() if key else None
    if not notes.may_download(request.user, attachment):
        raise Http404
    name = attachment.thumbnail_name if thumbnail else attachment.stored_name
    if not name:
        raise Http404
    try:
        handle = notes.storage().open(name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    if thumbnail:
        response = FileResponse(handle, content_type="image/png")
    else:
        response = FileResponse(
            handle,
            as_attachment=not attachment.is_image,
            filename=attachment.original_name,
            content_type=attachment.mime_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "HEAD"])
def download(request, pk):
    """The file itself, to those who may see its record: an image shown, anything else downloaded."""
    return _serve(request, pk, thumbnail=request.GET.get("thumbnail") == "1")


@login_required
@require_http_methods(["GET", "HEAD"])
def thumbnail(request, pk):
    """An image's small copy, under the same rule as the file."""
    return _serve(request, pk, thumbnail=True)
