"""Which records global search finds, and how their index entries are written.

``core`` knows no app's models: each app registers its own in its ``AppConfig.ready()``::

    search.register(Organization, kind="organizations", label=_("Organizations"),
                    fields=("name", "name_zh", "city"), title="name", title_zh="name_zh",
                    url="partners:organization_detail", list_url="partners:organization_list")

A field is an attribute path (``"organization__name"``) or a function of the record. Registering
connects ``post_save`` and ``post_delete``, so every save through the ORM, ``loaddata``'s raw saves
included, keeps the record's entry current; bulk updates do not send signals, and
``manage.py rebuild_search_index`` rewrites every entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from core.search.models import SearchEntry, SearchToken
from core.search.text import index_tokens, title_key

Field = str | Callable[[object], object]


@dataclass(frozen=True)
class Registration:
    model: type
    kind: str
    label: str
    fields: tuple[Field, ...]
    title: Field
    title_zh: Field | None
    subtitle: Field | tuple[Field, ...] | None
    url: str
    list_url: str
    related: tuple[str, ...]
    order: int

    @property
    def view_permission(self) -> str:
        return f"{self.model._meta.app_label}.view_{self.model._meta.model_name}"


_registry: dict[type, Registration] = {}


def register(
    model,
    *,
    kind: str,
    label: str,
    fields: Iterable[Field],
    title: Field,
    url: str,
    list_url: str,
    title_zh: Field | None = None,
    subtitle: Field | tuple[Field, ...] | None = None,
    related: Iterable[str] = (),
    order: int = 100,
) -> None:
    """Make ``model``'s records findable by global search, grouped under ``kind`` (``label`` on the page).

    ``url`` names the record's page (reversed with its id), ``list_url`` the list that "show all"
    opens with ``?q=``; ``related`` is ``select_related`` for the rebuild; ``order`` places the group.
    """
    registration = Registration(
        model=model,
        kind=kind,
        label=label,
        fields=tuple(fields),
        title=title,
        title_zh=title_zh,
        subtitle=subtitle,
        url=url,
        list_url=list_url,
        related=tuple(related),
        order=order,
    )
    _registry[model] = registration
    uid = f"core.search.{model._meta.label_lower}"
    post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}.save")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}.delete")


def registrations() -> list[Registration]:
    """Every registered kind, in the order the results page shows them."""
    return sorted(_registry.values(), key=lambda registration: (registration.order, registration.kind))


def registration_for(model) -> Registration | None:
    return _registry.get(model._meta.concrete_model)


def _value(record, field: Field | tuple[Field, ...] | None) -> str:
    """The text of ``field`` on ``record``; several fields (a tuple) joined by a middle dot, empty ones left out."""
    if field is None:
        return ""
    if isinstance(field, tuple):
        return " · ".join(filter(None, (_value(record, part) for part in field)))
    if callable(field):
        value = field(record)
    else:
        value = record
        for part in field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                break
    return "" if value is None else str(value)


def _entry(registration: Registration, content_type: ContentType, record) -> tuple[SearchEntry, list[str]]:
    title = _value(record, registration.title)[:400]
    title_zh = _value(record, registration.title_zh)[:400]
    tokens = index_tokens(*(_value(record, field) for field in registration.fields))
    entry = SearchEntry(
        content_type=content_type,
        object_id=record.pk,
        kind=registration.kind,
        title=title,
        title_zh=title_zh,
        subtitle=_value(record, registration.subtitle)[:400],
        title_key=title_key(title),
        title_zh_key=title_key(title_zh),
        terms=" ".join(tokens),
    )
    return entry, tokens


def index_record(record) -> None:
    """Write ``record``'s entry and tokens anew."""
    registration = registration_for(type(record))
    if registration is None or record.pk is None:
        return
    content_type = ContentType.objects.get_for_model(registration.model)
    entry, tokens = _entry(registration, content_type, record)
    with transaction.atomic():
        SearchEntry.objects.filter(content_type=content_type, object_id=record.pk).delete()
        entry.save()
        SearchToken.objects.bulk_create(SearchToken(entry=entry, token=token) for token in tokens)


def remove_record(record) -> None:
    registration = registration_for(type(record))
    if registration is None:
        return
    content_type = ContentType.objects.get_for_model(registration.model)
    SearchEntry.objects.filter(content_type=content_type, object_id=record.pk).delete()


def _saved(sender, instance, raw=False, **kwargs) -> None:
    try:
        index_record(instance)
    except ObjectDoesNotExist:
        # A raw save (loaddata) can come before the row a subtitle names; the rebuild writes it later.
        if not raw:
            raise


def _deleted(sender, instance, **kwargs) -> None:
    remove_record(instance)


def rebuild(*, batch_size: int = 1000, log: Callable[[str], None] | None = None) -> int:
    """Rewrite every registered record's entry, ``batch_size`` records per transaction; return how many.

    Entries of records deleted since, or of kinds no longer registered, are removed.
    """
    total = 0
    kinds = []
    for registration in registrations():
        content_type = ContentType.objects.get_for_model(registration.model)
        kinds.append(registration.kind)
        records = registration.model._default_manager.select_related(*registration.related).order_by("pk")
        last_pk, count = None, 0
        while True:
            batch = list((records if last_pk is None else records.filter(pk__gt=last_pk))[:batch_size])
            if not batch:
                break
            last_pk = batch[-1].pk
            with transaction.atomic():
                SearchEntry.objects.filter(
                    content_type=content_type, object_id__in=[record.pk for record in batch]
                ).delete()
                built = [_entry(registration, content_type, record) for record in batch]
                # bulk_create sets each entry's id (SQLite and PostgreSQL both return it) for its tokens.
                SearchEntry.objects.bulk_create([entry for entry, _tokens in built])
                SearchToken.objects.bulk_create(
                    (SearchToken(entry=entry, token=token) for entry, tokens in built for token in tokens),
                    batch_size=5000,
                )
            count += len(batch)
        gone = SearchEntry.objects.filter(content_type=content_type).exclude(
            object_id__in=registration.model._default_manager.values("pk")
        )
        gone.delete()
        if log:
            log(f"{registration.kind}: {count}")
        total += count
    SearchEntry.objects.exclude(kind__in=kinds).delete()
    return total
