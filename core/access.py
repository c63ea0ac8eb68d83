"""Who may see a record, who may change it, and one way to fetch a record for a user.

The visibility policy is written once per model, as ``visibility(user)`` on its QuerySet: a ``Q``
of the rows ``user`` may see, or ``None`` when they may see all. Everything else is built from it:

- ``RecordQuerySet.visible_to(user)`` (``core.models``) filters by it, for lists, counts, sums,
  form choices, lookups, exports and the API;
- ``can_see(user, record)`` answers for one record, for links, names in messages and history;
- ``RecordAccessMixin`` turns a record the user may not see into a 404.

Who may change a record is written the same way, as ``ownership(user)`` on the model's QuerySet:
a ``Q`` of the rows ``user`` owns, or ``None`` when they may change every row (``owned_by`` builds
the usual one). ``can_change(user, record)`` asks it together with the model's change permission;
pages, the admin and the services all call it, and ``RecordQuerySet.changeable_by(user)`` filters by it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
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


NOBODY = Q(pk__in=[])


def owned_by(user, *relations: str, unless: str) -> Q | None:
    """The rows ``user`` created or is named on through one of ``relations``; ``None`` (every row) with ``unless``.

    ``owned_by(user, "officer", unless="app.change_any")`` is the rule "officers change the records they
    created or are the officer of; holders of ``app.change_any`` change all".
    """
    if user.has_perm(unless):
        return None
    if user.pk is None:
        return NOBODY
    q = Q(created_by=user.pk)
    for relation in relations:
        q |= Q(**{relation: user.pk})
    return q


def ownership(model, user) -> Q | None:
    """The rows of ``model`` that ``user`` may change, as a ``Q``; ``None`` when the model permission is enough."""
    rule = getattr(model._default_manager.get_queryset(), "ownership", None)
    return rule(user) if rule is not None else None


def _matches(q: Q | None, record) -> bool:
    """Whether ``record`` is among the rows ``q`` selects: in memory where simple, else by the database."""
    if q is None:
        return True
    try:
        return _holds(q, record)
    except _Undecidable:
        if record.pk is None:
            return False
        return type(record)._default_manager.filter(q, pk=record.pk).exists()


def can_change(user, record) -> bool:
    """Whether ``user`` may change ``record``: the model's change permission and its ``ownership`` rule.

    The one answer for edit pages, Edit buttons, the admin's ``has_change_permission`` and the services.
    Deleting is another matter: only administrators hold delete permissions.
    """
    if record is None or not user.is_authenticated:
        return False
    if not user.has_perm(_perm(type(record), "change")):
        return False
    return _matches(ownership(type(record), user), record)


def active_holders_of(permission: str):
    """Active users granted ``permission`` (``"app_label.codename"``) by one of their groups or directly, once each."""
    app_label, codename = permission.split(".", 1)
    users = get_user_model().objects
    granted = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    return users.filter(is_active=True, pk__in=users.filter(granted).values("pk"))


class RecordAccessMixin(LoginRequiredMixin):
    """For detail, edit and action views on a single record.

    Records outside ``visible_to(user)`` are a 404, as if they did not exist; the model's view
    permission is required; with ``for_change = True`` the record must also pass ``can_change``
    (``core.access.can_change``) or the user gets a 403.
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
        return can_change(self.request.user, obj)
