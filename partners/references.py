"""What points at an organization or a contact, for a merge to count and move.

Partners knows only its own records; the apps after it register theirs in their ``ready()``:

    register_organization_reference(ForeignKeyReference(SomeRecord, "organization"))
    register_contact_reference(ManyToManyReference(SomeRecord, "contacts"))

A reference counts the rows that point at a record, says which would collide with rows already
pointing at the surviving record (a unique constraint), and moves them, writing a history entry
with the merge's reason on every row it moves.
"""

from dataclasses import dataclass, field

from django.db import models
from django.utils.text import capfirst


def _history_entry(record, reason: str) -> None:
    """Save ``record`` so that its history (when it keeps one) shows ``reason``."""
    record._change_reason = reason
    record.save()


@dataclass(frozen=True)
class Conflict:
    """A row of the merged-away record that the surviving record already has in its own right."""

    reference: "Reference"
    moving: models.Model
    staying: models.Model
    note: str = ""


@dataclass
class Reference:
    """Rows of ``model`` whose ``field_name`` points at the record merged away."""

    model: type[models.Model]
    field_name: str
    label: str = ""
    key: str = field(init=False)

    def __post_init__(self):
        self.key = f"{self.model._meta.label_lower}.{self.field_name}"
        if not self.label:
            self.label = capfirst(self.model._meta.verbose_name_plural)

    def rows(self, record) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.field_name: record})

    def count(self, record) -> int:
        return self.rows(record).count()

    def conflicts(self, keep, merge_away) -> list[Conflict]:
        return []

    def move(self, keep, merge_away, reason: str) -> int:
        raise NotImplementedError


class ForeignKeyReference(Reference):
    """A foreign key; ``unique_with`` names the fields it is unique together with, if any.

    A row that would repeat one the survivor has (its twin) is handed to ``merge_row(moving,
    staying, reason)``, which keeps what the moving row says on the staying one and settles the
    moving row (deleting it with a history entry, or archiving it where it is). ``refuse_row(moving,
    staying)`` may instead give a reason the two cannot be merged, which stops the whole merge.
    """

    def __init__(self, model, field_name, label="", *, unique_with=(), merge_row=None, refuse_row=None):
        super().__init__(model, field_name, label)
        self.unique_with = tuple(unique_with)
        self.merge_row = merge_row
        self.refuse_row = refuse_row

    def _twins(self, keep, merge_away) -> list[tuple[models.Model, models.Model]]:
        if not self.unique_with:
            return []

        def values(row):
            return tuple(row.serializable_value(name) for name in self.unique_with)

        staying = {values(row): row for row in self.rows(keep)}
        return [(row, staying[values(row)]) for row in self.rows(merge_away) if values(row) in staying]

    def conflicts(self, keep, merge_away):
        refuse = self.refuse_row or (lambda moving, staying: "")
        return [
            Conflict(self, moving, staying, refuse(moving, staying) or "")
            for moving, staying in self._twins(keep, merge_away)
        ]

    def move(self, keep, merge_away, reason):
        twins = self._twins(keep, merge_away)
        if twins and self.merge_row is None:
            raise ValueError(f"{self.key}: rows repeat the survivor's and no merge_row settles them")
        for moving, staying in twins:
            self.merge_row(moving, staying, reason)
        twin_pks = {moving.pk for moving, _staying in twins}
        moved = len(twins)
        for row in self.rows(merge_away).exclude(pk__in=twin_pks):
            setattr(row, self.field_name, keep)
            _history_entry(row, reason)
            moved += 1
        return moved


class ManyToManyReference(Reference):
    """A many-to-many field: a row linked to both keeps one link, as the survivor's."""

    def move(self, keep, merge_away, reason):
        moved = 0
        for row in self.rows(merge_away):
            links = getattr(row, self.field_name)
            links.remove(merge_away)
            links.add(keep)
            _history_entry(row, reason)
            moved += 1
        return moved


class RemarkReference(Reference):
    """Notes or files (``core.Note``, ``core.Attachment``) on the record: they follow it to the survivor."""

    def __init__(self, model, label=""):
        super().__init__(model, "object_id", label)

    def rows(self, record):
        return self.model._default_manager.on(record)

    def move(self, keep, merge_away, reason):
        moved = 0
        for row in self.rows(merge_away):
            row.object_id = keep.pk
            _history_entry(row, reason)
            moved += 1
        return moved


organization_references: list[Reference] = []
contact_references: list[Reference] = []


def register_organization_reference(reference: Reference) -> None:
    """Let a merge count and move ``reference``'s rows with the organizations they point at."""
    if reference.key not in {known.key for known in organization_references}:
        organization_references.append(reference)


def register_contact_reference(reference: Reference) -> None:
    """Let a merge of two contacts of the same name move ``reference``'s rows to the one kept."""
    if reference.key not in {known.key for known in contact_references}:
        contact_references.append(reference)
