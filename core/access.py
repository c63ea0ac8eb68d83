"""Who may see a record, and one way to fetch a record for a user.

The visibility policy is written once per model, as ``visibility(user)`` on its QuerySet: a ``Q``
of the rows ``user`` may see, or ``None`` when they may see all. Everything else is built from it:

- ``RecordQuerySet.visible_to(user)`` (``core.models``) filters by it, for lists, counts, sums,
  form choices, lookups, exports and the API;
- ``can_see(user, record)`` answers for one record, for links, names in messages and history;
- ``RecordAccessMixin`` turns a record the user may not see into a 404.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.db.models import Q


def visibility(model, user) -> Q | None:
    """The rows of ``model`` that ``user`` may see, as a ``Q``; ``None`` when they may see every row."""
    rule = getattr(model._default_manager.get_queryset(), "visibility", None)
    return rule(user) if rule is not None else None


def through(q: Q | None, relation: str) -> Q | None:
    """``q`` about a related model, rewritten for rows that point to it through ``relation``.

    ``through(Q(is_public=True), "parent")`` is ``Q(parent__is_public=True)``: a part is
    visible exactly when the whole it belongs to is.
    """
    if q is None:
        return None
    rewritten = Q(_connector=q.connector, _negated=q.negated)
    for child in q.children:
        if isinstance(child, Q):
            rewritten.children.append(through(child, relation))
        else:
            lookup, value = child
            rewritten.children.append((f"{relation}__{lookup}", value))
    return rewritten


def has_visibility_rule(model) -> bool:
    """Whether some users may be kept from some rows of ``model``."""
    return hasattr(model._default_manager.get_queryset(), "visibility")


class _Undecidable(Exception):
    """A lookup the in-memory check does not follow; the database answers instead."""


def _value_of(record, lookup: str):
    """Follow ``lookup`` ("owner", "parent__is_public") from ``record``; a last relation gives its id."""
    parts = lookup.split("__")
    if parts[-1] in ("exact", "in", "isnull"):
        raise _Undecidable  # only plain equality is followed in memory
    current = record
    for position, part in enumerate(parts):
        if current is None:
            return None
        try:
            field = current._meta.get_field(part)
        except (FieldDoesNotExist, AttributeError):
            raise _Undecidable from None
        last = position == len(parts) - 1
        if field.many_to_many or field.one_to_many:
            raise _Undecidable
        if field.is_relation:
            try:
                current = getattr(current, field.attname) if last else getattr(current, part)
            except ObjectDoesNotExist:  # a link to a record deleted since
                raise _Undecidable from None
        else:
            if not last:
                raise _Undecidable
            current = getattr(current, field.attname)
    return current


def _holds(q: Q, record) -> bool:
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_holds(child, record))
        else:
            lookup, wanted = child
            wanted = getattr(wanted, "pk", wanted)
            results.append(_value_of(record, lookup) == wanted)
    outcome = all(results) if q.connector == Q.AND else any(results)
    return not outcome if q.negated else outcome


def can_see(user, record) -> bool:
    """Whether ``user`` may see ``record``: the model's ``visibility`` rule applied to this one row.

    Simple rules are checked on the record in memory (no query for a list of rows); others, and
    records not in memory, are asked of the database with the same ``Q``.
    """
    if record is None:
        return False
    q = visibility(type(record), user)
    if q is None:
        return True
    try:
        return _holds(q, record)
    except _Undecidable:
        if record.pk is None:
            return False
        return type(record)._default_manager.filter(q, pk=record.pk).exists()


def _perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class RecordAccessMixin(LoginRequiredMixin):
    """For detail, edit and action views on a single record.

    Records outside ``visible_to(user)`` are a 404, as if they did not exist; the model's view
    permission is required; with ``for_change = True`` the record must also pass ``can_change``
    or the user gets a 403.
    """

    for_change = False

    def get_queryset(self):
        queryset = super().get_queryset()
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(self.request.user) if visible_to else queryset

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.request.user.has_perm(_perm(type(obj), "view")):
            raise PermissionDenied
        if self.for_change and not self.can_change(obj):
            raise PermissionDenied
        return obj

    def can_change(self, obj) -> bool:
        """Override where ownership matters (projects, follow-ups)."""
        return self.request.user.has_perm(_perm(type(obj), "change"))
