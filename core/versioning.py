"""Optimistic locking: an edit started from an older copy of a record is refused, never silently applied.

Every ``core.models.Record`` carries a ``version`` that its ``save()`` raises. An edit
remembers the version it started from; before writing, the row is locked and its version compared.
When someone else saved in between, the edit is refused with a ``StaleEdit`` error that says who
changed the record, when, and which fields now hold which values (read from the record's
django-simple-history rows).

One mechanism for every edit path:

- web forms: subclass ``VersionedModelForm`` instead of ``forms.ModelForm``; class-based update
  views add ``StaleEditViewMixin`` so that a refusal at save time is shown on the form;
- Django admin: put ``VersionedAdminMixin`` before ``admin.ModelAdmin``;
- services and the API: call ``check_version(Model, pk, expected_version)`` (inside
  ``transaction.atomic`` with ``lock=True`` right before writing) or ``save_versioned(instance,
  expected_version)``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.access import has_visibility_rule, visibility
from core.display import person

VERSION_FIELD = "version"
# The button that saves a refused edit's values over the version it was refused for.
REAPPLY_FIELD = "reapply_version"
SHOWN_CHANGES = 8
SHOWN_VALUE_CHARS = 80


class StaleEdit(forms.ValidationError):
    """An edit started from an older version of a record than the one now stored."""

    def __init__(self, message, *, changes: list[FieldChange] | None = None, current_version: int | None = None):
        super().__init__(message, code="stale")
        self.changes = changes or []
        self.current_version = current_version


@dataclass(frozen=True)
class Conflict:
    """A field someone else changed after an edit was opened: what it holds now beside what the edit typed."""

    label: str
    now: str
    yours: str

    @property
    def differs(self) -> bool:
        return self.now != self.yours


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions of a record, ready to show to a person."""

    name: str
    label: str
    old: str
    new: str


def hidden_label() -> str:
    """What stands in place of a linked record the reader may not see."""
    return gettext("a record you may not see")


def display_value(field: models.Field, value, names: dict | None = None, user=None) -> str:
    """``value`` of ``field`` as a person reads it: choice labels, related names, local dates.

    ``names`` maps ``(related model, pk)`` to a name already fetched; without it a related
    record is looked up on its own. A related record ``user`` may not see is never named.
    """
    if value is None or value == "":
        return gettext("(empty)")
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.many_to_one or field.one_to_one:
        if names is None:
            names = related_names({field.related_model: {value}}, user)
        name = names.get((field.related_model, value))
        return name if name is not None else gettext("#%(pk)s (deleted)") % {"pk": value}
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return formats.localize(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return formats.localize(value)
    return str(value)


def _name(record) -> str:
    """A linked record as people name it: a person by their full name, anything else as it writes itself."""
    return person(record) if isinstance(record, AbstractBaseUser) else str(record)


def related_names(wanted: dict, user) -> dict:
    """Names of the records ``wanted`` (model -> pks), as ``user`` may read them.

    A record under a visibility rule that ``user`` does not pass is named ``hidden_label()``,
    and so is every such record when no ``user`` is known; whether it still exists is not
    told either.
    """
    names = {}
    for model, pks in wanted.items():
        found = model._default_manager.in_bulk(pks)
        if not has_visibility_rule(model):
            names.update({(model, pk): _name(related) for pk, related in found.items()})
            continue
        q = visibility(model, user) if user is not None else models.Q(pk__in=[])
        seen = (
            set(found) if q is None else set(model._default_manager.filter(q, pk__in=pks).values_list("pk", flat=True))
        )
        for pk in pks:
            names[(model, pk)] = _name(found[pk]) if pk in seen else hidden_label()
    return names


def describe_deltas(pairs, user=None) -> list[list[FieldChange]]:
    """For each ``(newer, older)`` pair of historical rows, the editable fields that differ, in model order.

    Related records named in the changes are fetched once per related model, whatever the
    number of pairs, and named only where ``user`` may see them. A pair whose ``older`` is None
    (the record's creation) has no changes.
    """
    deltas = [newer.diff_against(older).changes if older is not None else [] for newer, older in pairs]
    wanted = defaultdict(set)
    for (newer, _older), changes in zip(pairs, deltas, strict=True):
        for change in changes:
            field = newer.instance_type._meta.get_field(change.field)
            if field.many_to_one or field.one_to_one:
                wanted[field.related_model].update(v for v in (change.old, change.new) if v is not None)
    names = related_names(wanted, user)
    described = []
    for (newer, _older), changes in zip(pairs, deltas, strict=True):
        model = newer.instance_type
        order = {field.name: position for position, field in enumerate(model._meta.fields)}
        fields = []
        for change in sorted(changes, key=lambda change: order.get(change.field, len(order))):
            field = model._meta.get_field(change.field)
            fields.append(
                FieldChange(
                    name=change.field,
                    label=str(field.verbose_name),
                    old=display_value(field, change.old, names, user),
                    new=display_value(field, change.new, names, user),
                )
            )
        described.append(fields)
    return described


def field_changes(newer, older, user=None) -> list[FieldChange]:
    """The editable fields that differ between two historical rows of one record, in model order."""
    return describe_deltas([(newer, older)], user)[0]


def _history_rows(model_class, pk):
    manager = getattr(model_class, "history", None)
    if manager is None:
        return None
    return manager.filter(**{model_class._meta.pk.attname: pk}).order_by("-history_date", "-history_id")


def stale_edit(model_class, pk, expected_version: int, current_version: int, user=None) -> StaleEdit:
    """Build the refusal for an edit started at ``expected_version``, naming what changed since.

    Linked records are named only where ``user`` (who made the refused edit) may see them.
    """
    rows = _history_rows(model_class, pk)
    changes: list[FieldChange] = []
    latest = None
    if rows is not None:
        latest = rows.first()
        # The state the edit started from: the newest row at or before its version (rows may be
        # missing, e.g. for records loaded from fixtures, which write no history).
        base = rows.filter(version__lte=expected_version).first()
        if latest is not None and base is not None and latest.pk != base.pk:
            changes = field_changes(latest, base, user)
    params = {
        "who": person(latest.history_user if latest is not None else None, missing=gettext("someone else")),
        "when": formats.localize(timezone.localtime(latest.history_date)) if latest is not None else "",
    }
    if latest is not None:
        message = capfirst(gettext("%(who)s saved this record at %(when)s, after you opened it.") % params)
    else:
        message = gettext("Someone else saved this record after you opened it.")
    if changes:
        listed = "; ".join(
            gettext("%(field)s is now “%(value)s”")
            % {"field": change.label, "value": Truncator(change.new).chars(SHOWN_VALUE_CHARS)}
            for change in changes[:SHOWN_CHANGES]
        )
        if len(changes) > SHOWN_CHANGES:
            listed += "; " + gettext("and %(count)d more") % {"count": len(changes) - SHOWN_CHANGES}
        message += " " + gettext("Changed meanwhile: %(changes)s.") % {"changes": listed}
    message += " " + gettext("Your changes were not saved.")
    return StaleEdit(message, changes=changes, current_version=current_version)


def check_version(model_class, pk, expected_version: int | None, *, lock: bool = False, user=None) -> int:
    """Return the stored version of ``model_class`` row ``pk``; raise ``StaleEdit`` unless it is ``expected_version``.

    With ``lock=True`` (inside ``transaction.atomic``) the row stays locked until the
    transaction ends, so nobody can save it between this check and the caller's write.
    """
    if expected_version is None:
        raise StaleEdit(
            _("This form was sent without the version it was opened at. Reload the page and make your change again.")
        )
    rows = model_class._default_manager.filter(pk=pk)
    if lock:
        rows = rows.select_for_update()
    current = rows.values_list(VERSION_FIELD, flat=True).first()
    if current is None:
        raise StaleEdit(_("This record was deleted after you opened it; nothing was saved."))
    if current != expected_version:
        raise stale_edit(model_class, pk, expected_version, current, user)
    return current


def save_versioned(instance, expected_version: int | None, *, user=None, **save_kwargs):
    """Save ``instance`` only if its row is still at ``expected_version``; lock it meanwhile."""
    with transaction.atomic(using=instance._state.db):
        instance.version = check_version(type(instance), instance.pk, expected_version, lock=True, user=user)
        instance.save(**save_kwargs)
    return instance


def _in_transaction(model_class) -> bool:
    return transaction.get_connection(model_class._default_manager.db).in_atomic_block


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False, min_value=1)


class VersionedFormMixin:
    """The locking behaviour of ``VersionedModelForm``, for mixing into an existing ModelForm class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if VERSION_FIELD not in self.fields:
            self.fields[VERSION_FIELD] = _version_field()
        if self._is_edit():
            self.initial[VERSION_FIELD] = self.instance.version
        else:
            del self.fields[VERSION_FIELD]

    def _is_edit(self) -> bool:
        return self.instance.pk is not None and not self.instance._state.adding

    def _expected_version(self, cleaned_data) -> int | None:
        """The version the edit is to be saved over: the one it was opened at, or the newer one it was
        refused for when the person chose to save their values over it (``REAPPLY_FIELD``)."""
        reapply = self.data.get(REAPPLY_FIELD, "") if self.is_bound else ""
        if str(reapply).isdigit():
            return int(reapply)
        return cleaned_data.get(VERSION_FIELD)

    def refused_as_stale(self, error: StaleEdit) -> None:
        """Show ``error`` on the form and keep it for ``conflicts`` and the button that re-applies the edit."""
        self.stale_edit = error
        self.add_error(None, error)

    def conflicts(self) -> list[Conflict]:
        """For a stale edit: each field changed meanwhile, now and as typed in this form."""
        error = getattr(self, "stale_edit", None)
        if error is None:
            return []
        rows = []
        for change in error.changes:
            if change.name not in self.fields:
                continue
            rows.append(Conflict(label=capfirst(change.label), now=change.new, yours=self._typed(change.name)))
        return rows

    def _typed(self, name: str) -> str:
        """What this form holds for field ``name``, written as ``display_value`` writes the stored one."""
        cleaned = getattr(self, "cleaned_data", {})
        value = cleaned[name] if name in cleaned else self[name].value()
        model_field = self.instance._meta.get_field(name)
        if model_field.many_to_many:
            return ", ".join(str(item) for item in value or ()) or gettext("(empty)")
        if isinstance(value, models.Model):
            return str(value)
        return display_value(model_field, value)

    def clean(self):
        cleaned_data = super().clean()
        if self._is_edit() and VERSION_FIELD in self._errors:
            # A hidden field's own error is easy for a template to leave out; say it where it shows.
            del self._errors[VERSION_FIELD]
            self.add_error(
                None,
                StaleEdit(_("This form's version is not valid. Reload the page and make your change again.")),
            )
        elif self._is_edit():
            try:
                # Inside a transaction (the admin's change view) lock the row now, so that the
                # check and the write cannot be separated by another save.
                check_version(
                    type(self.instance),
                    self.instance.pk,
                    self._expected_version(cleaned_data),
                    lock=_in_transaction(type(self.instance)),
                    user=getattr(self, "user", None),
                )
            except StaleEdit as error:
                self.refused_as_stale(error)
        return cleaned_data

    def save(self, commit=True):
        if not commit or not self._is_edit():
            return super().save(commit=commit)
        with transaction.atomic(using=self.instance._state.db):
            self.instance.version = check_version(
                type(self.instance),
                self.instance.pk,
                self._expected_version(self.cleaned_data),
                lock=True,
                user=getattr(self, "user", None),
            )
            return super().save(commit=True)


class VersionedModelForm(VersionedFormMixin, forms.ModelForm):
    """A ModelForm that refuses to save over a newer version of its record.

    It carries a hidden ``version`` field set from the instance. ``clean()`` adds a non-field
    error naming the fields someone else changed meanwhile; ``save()`` re-checks with the row
    locked, so of two simultaneous posts only the first is written and the second raises
    ``StaleEdit`` (``StaleEditViewMixin`` turns that into a form error). With
    ``save(commit=False)``, write with ``save_versioned(obj, form.cleaned_data["version"])``.
    Templates render ``{{ form.version }}`` like any hidden field (``{% for hidden in
    form.hidden_fields %}``).
    """

    version = _version_field()


class StaleEditViewMixin:
    """For an ``UpdateView`` with a ``VersionedModelForm``: show a save-time refusal on the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except StaleEdit as error:
            form.refused_as_stale(error)
            return self.form_invalid(form)


class VersionedAdminMixin:
    """Give a ModelAdmin's change form the same refusal of stale edits.

    Usage::

        @admin.register(InvestmentProject)
        class InvestmentProjectAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
            ...

    The change form gets a hidden ``version`` (rendered at the top of the form by the
    ``history/versioned_change_form.html`` template, whatever the fieldsets); a post made from
    an older version is refused with the error listing what changed meanwhile, and nothing is
    saved. A ModelAdmin that sets its own ``change_form_template`` should extend
    ``history/versioned_change_form.html``. ``list_editable`` changes are not covered: leave
    them off versioned models.
    """

    change_form_template = "history/versioned_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if kwargs.get("fields"):
            kwargs["fields"] = [name for name in kwargs["fields"] if name != VERSION_FIELD]
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        # The refusal names linked records only as the person editing may see them.
        if issubclass(form, VersionedFormMixin):
            return type(form.__name__, (form,), {"user": request.user})
        return type(form.__name__, (VersionedFormMixin, form), {VERSION_FIELD: _version_field(), "user": request.user})

    def get_fields(self, request, obj=None):
        # The hidden version is rendered by the template, not as a fieldset row; keep it only
        # once, and only when the admin shows it read-only.
        readonly = self.get_readonly_fields(request, obj)
        fields = []
        for name in super().get_fields(request, obj):
            if name == VERSION_FIELD and (VERSION_FIELD not in readonly or name in fields):
                continue
            fields.append(name)
        return fields

    def save_model(self, request, obj, form, change):
        if change:
            save_versioned(obj, form._expected_version(form.cleaned_data), user=request.user)
        else:
            super().save_model(request, obj, form, change)
