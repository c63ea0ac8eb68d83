"""The dry run and the commit: what each row of a file would do, then doing exactly that, all or nothing."""

import hashlib
import json
from collections.abc import Generator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crm.imports.columns import header_index, resolve_headers
from crm.imports.reading import read_table

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
# Rows decided between two reports of progress.
PROGRESS_EVERY = 100
# simple-history keeps 100 characters of a change reason.
REASON_LENGTH = 100


@dataclass
class RowResult:
    """What one row of the file will do, and why not when it cannot."""

    number: int
    action: str = CREATE
    label: str = ""
    matched: object = None
    matched_by: str = ""
    changes: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    values: dict = field(default_factory=dict)

    def error(self, column: str, message) -> None:
        self.errors.append((column, str(message)))
        self.action = ERROR

    def fingerprint(self) -> list:
        changes = sorted((name, str(new)) for name, (_old, new) in self.changes.items())
        return [self.number, self.action, getattr(self.matched, "pk", None), changes, self.errors]


@dataclass
class Plan:
    """The preview of one file: the sheet read, its columns and each row's outcome."""

    sheet: str
    header_row: int
    columns: list
    ignored: list
    rows: list[RowResult]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict:
        return {action: self.count(action) for action in (CREATE, UPDATE, UNCHANGED, ERROR)}

    @property
    def to_save(self) -> int:
        return self.count(CREATE) + self.count(UPDATE)

    def digest(self) -> str:
        text = json.dumps([row.fingerprint() for row in self.rows], ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def header_score(importer, index, cells) -> int:
    """How many known columns a row names, if it names the importer's key column; 0 for a row that is not a header."""
    texts = [str(cell or "") for cell in cells]
    if not any(heading and heading.key == importer.key_column for heading in resolve_headers(texts, index, {})):
        return 0
    return sum(1 for heading in resolve_headers(texts, index, importer.amount_keys) if heading)


def planning(importer, content: bytes, file_name: str) -> Generator[tuple[int, int], None, Plan]:
    """Read the file and decide every row against the database, saving nothing.

    Yields (rows decided, rows in the sheet) as it goes, for a page to show its progress, and
    returns the ``Plan``; ``build_plan`` is the same without the progress.
    """
    index = header_index(importer.model, importer.columns)
    sheet = read_table(content, file_name, find_header=lambda cells: header_score(importer, index, cells))
    headings = resolve_headers(sheet.headers, index, importer.amount_keys)
    columns = [(header, heading) for header, heading in zip(sheet.headers, headings, strict=True) if heading]
    ignored = [header for header, heading in zip(sheet.headers, headings, strict=True) if not heading and header]
    total = len(sheet.rows)
    yield 0, total
    importer.prepare(sheet.rows, headings)
    rows = []
    for done, (number, cells) in enumerate(sheet.rows, start=1):
        cells = cells + [None] * (len(headings) - len(cells))
        row = {}
        for heading, header, value in zip(headings, sheet.headers, cells, strict=False):
            if heading and heading.key not in row:
                row[heading.key] = (value, heading, header)
        rows.append(importer.plan_row(number, row))
        if done % PROGRESS_EVERY == 0:
            yield done, total
    yield total, total
    return Plan(sheet.name, sheet.header_row, columns, ignored, rows)


def build_plan(importer, content: bytes, file_name: str) -> Plan:
    """The ``Plan`` of a file, decided without saving anything."""
    steps = planning(importer, content, file_name)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def preview(importer, import_file) -> Plan:
    return build_plan(importer, bytes(import_file.content), import_file.file_name)


def commit(importer, import_file, *, user, digest: str) -> Plan:
    """Do what the preview showed, all or nothing; refuse if the file would now do anything else."""
    if import_file.committed_at is not None:
        raise ValidationError(_("This file has already been imported."))
    with transaction.atomic():
        plan = preview(importer, import_file)
        if plan.digest() != digest:
            raise ValidationError(_("The records changed since the preview; look at the new preview before importing."))
        for row in plan.rows:
            if row.action not in (CREATE, UPDATE):
                continue
            reason = _("Imported from %(file)s, row %(row)s") % {"file": import_file.file_name, "row": row.number}
            reason = reason[:REASON_LENGTH]
            provenance = _("Imported from “%(file)s”, row %(row)s (SHA-256 %(hash)s…), by %(user)s on %(day)s.") % {
                "file": import_file.file_name,
                "row": row.number,
                "hash": import_file.sha256[:12],
                "user": user.get_username(),
                "day": timezone.localdate().isoformat(),
            }
            try:
                record = importer.commit_row(row, user=user, reason=reason, provenance=provenance)
            except (ValidationError, PermissionDenied) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise ValidationError(
                    _("Row %(row)s could not be imported: %(error)s") % {"row": row.number, "error": " ".join(messages)}
                ) from error
            mark_last_change(record, reason)
        import_file.committed_at = timezone.now()
        import_file.preview_digest = digest
        import_file.save(update_fields=["committed_at", "preview_digest"])
    return plan


def append_provenance(record, provenance: str) -> str:
    return f"{record.provenance}\n{provenance}".strip() if record.provenance else provenance


def mark_last_change(record, reason: str) -> None:
    """Give the record's latest history entry the import's reason; a service called last may have set its own."""
    latest = record.history.order_by("-history_date", "-history_id").first()
    if latest is not None and latest.history_change_reason != reason:
        latest.history_change_reason = reason
        latest.save(update_fields=["history_change_reason"])
