"""Notes and files on any record: who may add or remove them, the checks a file passes, and every write.

The rules are written once here and asked by the pages, the admin and the templates:

- ``may_add(user, record)``: whoever may see a record may add a note or a file to it;
- ``may_remove(user, remark)``: its author, or whoever may change the record, may remove one.

Removing keeps the row and the stored file; the record's page stops listing it, its history says so.
After a note or file is added, ``core.signals.record_commented`` is sent.
"""

from __future__ import annotations

import codecs
import io
import os
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from core.access import can_change, can_see
from core.models import NOTE_MAX_LENGTH, Attachment, Note
from core.signals import record_commented

# The longest side of an image's thumbnail, in pixels.
THUMBNAIL_SIZE = 240
# Bytes of a text file read to tell it from a binary one.
TEXT_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    mime_type: str
    check: str  # how the content is verified: "pdf", "image", "office" or "text"
    image_format: str = ""  # Pillow's name of the format an image must be
    office_folder: str = ""  # the folder an Office file's zip must hold


ALLOWED_FILES = {
    ".pdf": FileKind("application/pdf", "pdf"),
    ".png": FileKind("image/png", "image", image_format="PNG"),
    ".jpg": FileKind("image/jpeg", "image", image_format="JPEG"),
    ".jpeg": FileKind("image/jpeg", "image", image_format="JPEG"),
    ".gif": FileKind("image/gif", "image", image_format="GIF"),
    ".webp": FileKind("image/webp", "image", image_format="WEBP"),
    ".docx": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "office", office_folder="word/"
    ),
    ".xlsx": FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "office", office_folder="xl/"
    ),
    ".pptx": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "office", office_folder="ppt/"
    ),
    ".txt": FileKind("text/plain; charset=utf-8", "text"),
    ".csv": FileKind("text/csv; charset=utf-8", "text"),
}


def allowed_extensions() -> str:
    """The file types a record takes, as a person reads them: "pdf, png, jpg, ..."."""
    return ", ".join(extension.lstrip(".") for extension in ALLOWED_FILES)


def accept_attribute() -> str:
    """The upload field's ``accept`` list, so that the browser offers only these files."""
    return ",".join(ALLOWED_FILES)


def max_bytes() -> int:
    return settings.CRM_ATTACHMENT_MAX_BYTES


def storage() -> FileSystemStorage:
    """Where files are kept: ``settings.CRM_ATTACHMENTS_DIR``, never under the web root; no URL of its own."""
    return FileSystemStorage(location=settings.CRM_ATTACHMENTS_DIR, base_url=None)


# ---------------------------------------------------------------------------------------------------------------
# Which records take notes, and who may do what


def noted_model(app_label: str, model_name: str):
    """The model ``app_label.model_name`` when it is one that takes notes (``settings.CRM_NOTED_MODELS``), else None."""
    label = f"{app_label}.{model_name}".lower()
    if label not in {name.lower() for name in settings.CRM_NOTED_MODELS}:
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def takes_notes(record) -> bool:
    opts = record._meta
    return noted_model(opts.app_label, opts.model_name) is not None


def may_add(user, record) -> bool:
    """Whether ``user`` may add a note or a file to ``record``: anyone who may see it (and may view its kind)."""
    if record is None or not user.is_authenticated:
        return False
    opts = record._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and can_see(user, record)


def may_remove(user, remark, *, may_change_record: bool | None = None) -> bool:
    """Whether ``user`` may remove ``remark`` (a note or a file): its author, or whoever may change its record.

    ``may_change_record`` passes ``can_change(user, record)`` when it is already known, so that a list of a
    record's notes asks it once.
    """
    if remark is None or remark.is_removed or not user.is_authenticated:
        return False
    if remark.author_id == user.pk and may_add(user, remark.record):
        return True
    if may_change_record is None:
        may_change_record = can_change(user, remark.record)
    return may_change_record


def may_download(user, attachment) -> bool:
    """Whether ``user`` may fetch ``attachment``'s file: it is not removed and they may see its record."""
    return attachment is not None and not attachment.is_removed and may_add(user, attachment.record)


# ---------------------------------------------------------------------------------------------------------------
# What a note and a file must be


def clean_note_text(text) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the note before adding it."), code="empty")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("A note may be at most %(limit)d characters; this one has %(length)d. Attach a longer text as a file.")
            % {"limit": NOTE_MAX_LENGTH, "length": len(text)},
            code="too_long",
        )
    return text


def _refuse(name: str, reason: str) -> ValidationError:
    return ValidationError(_("“%(name)s” was not attached: %(reason)s") % {"name": name, "reason": reason})


def _read_head(upload, count: int) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head


def _content_matches(upload, kind: FileKind) -> bool:
    """Whether the file's bytes are what its extension says (Pillow for images, magic numbers for the rest)."""
    if kind.check == "pdf":
        return _read_head(upload, 1024).lstrip(b"\r\n\t ").startswith(b"%PDF-")
    if kind.check == "image":
        try:
            upload.seek(0)
            with Image.open(upload) as image:
                found = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return False
        finally:
            upload.seek(0)
        return found == kind.image_format
    if kind.check == "office":
        if not _read_head(upload, 4).startswith(b"PK\x03\x04"):
            return False
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            upload.seek(0)
        return "[Content_Types].xml" in names and any(name.startswith(kind.office_folder) for name in names)
    head = _read_head(upload, TEXT_SNIFF_BYTES)
    if b"\x00" in head:
        return False
    whole = len(head) < TEXT_SNIFF_BYTES
    for encoding in ("utf-8", "gb18030"):
        try:
            # A character cut at the sniffed length is not a reason to refuse: the decoder waits for its end.
            codecs.getincrementaldecoder(encoding)().decode(head, final=whole)
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_upload(upload) -> FileKind:
    """The kind of ``upload`` when the record may take it; else a ``ValidationError`` naming the limit or the types."""
    if upload is None:
        raise ValidationError(_("Choose a file to attach."), code="missing")
    name = os.path.basename(str(upload.name or "")).strip()
    if not name:
        raise ValidationError(_("Choose a file to attach."), code="missing")
    limit = max_bytes()
    if upload.size is None or upload.size > limit:
        raise _refuse(
            name,
            _("it is %(size)s and a file may be at most %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
        )
    if upload.size == 0:
        raise _refuse(name, _("the file is empty."))
    extension = os.path.splitext(name)[1].lower()
    kind = ALLOWED_FILES.get(extension)
    if kind is None:
        raise _refuse(name, _("only these types are taken: %(types)s.") % {"types": allowed_extensions()})
    if not _content_matches(upload, kind):
        raise _refuse(
            name,
            _("its content is not a %(type)s file as its name says.") % {"type": extension.lstrip(".").upper()},
        )
    return kind


def _thumbnail(upload) -> bytes:
    upload.seek(0)
    with Image.open(upload) as image:
        image.seek(0)  # the first frame of an animation
        image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
    upload.seek(0)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Writes


def _require_add(user, record) -> None:
    if not takes_notes(record):
        raise PermissionDenied(_("This kind of record does not take notes or files."))
    if not may_add(user, record):
        raise PermissionDenied(_("You may not add notes or files to this record."))


def add_note(*, record, user, text: str, written_on: date | None = None) -> Note:
    """Add a note to ``record`` as ``user``; refused unless they may see the record, or if the text is empty or long."""
    _require_add(user, record)
    text = clean_note_text(text)
    with transaction.atomic():
        note = Note(record=record, author=user, text=text, written_on=written_on or timezone.localdate())
        note.full_clean()
        note.save()
    record_commented.send(sender=Note, record=record, note=note, author=user)
    return note


def attach_file(*, record, user, upload, caption: str = "") -> Attachment:
    """Keep ``upload`` with ``record`` under a generated name, with a thumbnail for an image.

    A file too large, of a type not taken, or whose content is not what its name says is refused with
    a ``ValidationError`` naming the limit or the types, and nothing is stored.
    """
    _require_add(user, record)
    kind = check_upload(upload)
    caption = " ".join((caption or "").split())
    if len(caption) > Attachment._meta.get_field("caption").max_length:
        raise ValidationError(
            _("A caption may be at most %(limit)d characters.")
            % {"limit": Attachment._meta.get_field("caption").max_length}
        )
    original = os.path.basename(str(upload.name)).strip()[-255:]
    extension = os.path.splitext(original)[1].lower()
    thumbnail_bytes = b""
    if kind.check == "image":
        try:
            thumbnail_bytes = _thumbnail(upload)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise _refuse(original, _("the image could not be read.")) from None
    key = uuid.uuid4().hex
    now = timezone.now()
    folder = f"{now:%Y}/{now:%m}"
    files = storage()
    written = []
    try:
        with transaction.atomic():
            upload.seek(0)
            stored = files.save(f"{folder}/{key}{extension}", upload)
            written.append(stored)
            thumbnail = ""
            if thumbnail_bytes:
                thumbnail = files.save(f"{folder}/{key}-thumb.png", ContentFile(thumbnail_bytes))
                written.append(thumbnail)
            attachment = Attachment(
                record=record,
                author=user,
                created_at=now,
                original_name=original,
                stored_name=stored,
                size=upload.size,
                mime_type=kind.mime_type,
                caption=caption,
                thumbnail_name=thumbnail,
            )
            attachment.save()
    except BaseException:
        # Nothing half-kept: the row was rolled back, so the bytes go too.
        for name in written:
            files.delete(name)
        raise
    record_commented.send(sender=Attachment, record=record, note=attachment, author=user)
    return attachment


def _remove(remark, user) -> None:
    if not may_remove(user, remark):
        raise PermissionDenied(_("Only its author or someone who may change the record may remove it."))
    with transaction.atomic():
        # Locked and read again: two people removing at once record one removal.
        current = type(remark).objects.select_for_update().get(pk=remark.pk)
        if current.is_removed:
            return
        current.removed_at = timezone.now()
        current.removed_by = user
        current._change_reason = _("Removed")
        current.save(update_fields=["removed_at", "removed_by"])
        remark.removed_at, remark.removed_by = current.removed_at, user


def remove_note(*, note: Note, user) -> None:
    """Take ``note`` off its record's page; the note is kept, with who removed it and when."""
    _remove(note, user)


def remove_attachment(*, attachment: Attachment, user) -> None:
    """Take ``attachment`` off its record's page; the row and the stored file are kept for the history."""
    _remove(attachment, user)


# ---------------------------------------------------------------------------------------------------------------
# Reading


def notes_of(record):
    """The notes a record's page lists, newest first, with their authors."""
    return Note.objects.on(record).present().select_related("author")


def attachments_of(record):
    """The files a record's page lists, newest first, with who attached them."""
    return Attachment.objects.on(record).present().select_related("author")


def for_timeline(record, limit: int) -> tuple[list[Note], list[Attachment]]:
    """The newest ``limit`` notes and files of ``record`` (two queries), for its timeline."""
    return list(notes_of(record)[:limit]), list(attachments_of(record)[:limit])


@dataclass(frozen=True)
class RemarkEvent:
    """A note or file added to or removed from a record, for its history page."""

    when: object
    who: object
    action: str  # "added" or "removed"
    remark: object

    @property
    def is_file(self) -> bool:
        return isinstance(self.remark, Attachment)

    @property
    def label(self) -> str:
        if self.is_file:
            return _("File added") if self.action == "added" else _("File removed")
        return _("Note added") if self.action == "added" else _("Note removed")


def remark_events(record, limit: int = 200) -> list[RemarkEvent]:
    """The notes and files added to ``record`` and removed from it, newest first (two queries)."""
    events = []
    for model in (Note, Attachment):
        rows = model.objects.on(record).select_related("author", "removed_by").order_by("-created_at")[:limit]
        for row in rows:
            events.append(RemarkEvent(row.created_at, row.author, "added", row))
            if row.removed_at:
                events.append(RemarkEvent(row.removed_at, row.removed_by, "removed", row))
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]
