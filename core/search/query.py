"""Global search: the records a user may see that match a query, grouped by kind and ranked.

Every query word must start a token of the record (``core.search.text``). Within a kind, a
record whose title is the query comes first, then titles that start with it, then the rest, by
title. One database query answers every kind at once, however many records match.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import visibility
from core.search.models import SearchEntry, SearchToken
from core.search.registry import Registration, registrations
from core.search.text import query_tokens, title_key

MAX_QUERY_LENGTH = 100
MAX_QUERY_TOKENS = 8
PER_KIND = 5


@dataclass
class Hit:
    title: str
    title_zh: str
    subtitle: str
    url: str


@dataclass
class Group:
    kind: str
    label: str
    total: int
    more_url: str
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Results:
    query: str
    message: str = ""
    note: str = ""
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def _prefix(token: str) -> Q:
    """Tokens that start with ``token``: a range the index on ``token`` answers on every database.

    Exact where tokens compare by code point: SQLite's default, and the "C" collation migration 0003 gives
    the column on PostgreSQL.
    """
    following = token[:-1] + chr(ord(token[-1]) + 1)
    return Q(token__gte=token, token__lt=following)


def _hidden(registration: Registration, user) -> Q | None:
    """The entries of ``registration``'s kind whose records ``user`` may not see, by the model's own rule.

    Asked of each matching entry by its record's id (``EXISTS``), so the database starts from the
    query's tokens, not from every entry or every record of the kind.
    """
    rule = visibility(registration.model, user)
    if rule is None:
        return None
    seen = registration.model._default_manager.filter(rule, pk=OuterRef("object_id"))
    return Q(content_type=ContentType.objects.get_for_model(registration.model)) & ~Exists(seen)


def search(user, query: str, *, per_kind: int = PER_KIND) -> Results:
    """What ``user`` finds for ``query``: at most ``per_kind`` records of each kind they may see, best first."""
    query = " ".join((query or "").split())
    results = Results(query=query)
    if not query:
        results.message = _("Type a name, a word or a reference code to search for.")
        return results
    if len(query) > MAX_QUERY_LENGTH:
        results.message = _("A search can be at most %(limit)d characters long.") % {"limit": MAX_QUERY_LENGTH}
        return results
    tokens = query_tokens(query)
    if not tokens:
        results.message = _("There is nothing to search for in “%(query)s”: type letters or digits.") % {"query": query}
        return results
    if len(tokens) > MAX_QUERY_TOKENS:
        tokens = tokens[:MAX_QUERY_TOKENS]
        results.note = _("Only the first %(count)d words of the search were used.") % {"count": MAX_QUERY_TOKENS}

    kinds = {
        registration.kind: registration
        for registration in registrations()
        if user.has_perm(registration.view_permission)
    }
    if not kinds:
        return results
    entries = SearchEntry.objects.filter(kind__in=list(kinds))
    for registration in kinds.values():
        hidden = _hidden(registration, user)
        if hidden is not None:
            entries = entries.exclude(hidden)
    for token in tokens:
        entries = entries.filter(pk__in=SearchToken.objects.filter(_prefix(token)).values("entry_id"))

    key = title_key(query)
    rank = Case(
        When(Q(title_key=key) | Q(title_zh_key=key), then=Value(3)),
        When(Q(title_key__startswith=key) | Q(title_zh_key__startswith=key), then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    ranked = (
        entries.annotate(rank=rank)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("kind")], order_by=[F("rank").desc(), F("title_key").asc(), F("pk").asc()]
            ),
            total=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .filter(position__lte=per_kind)
        .order_by("kind", "position")
        .values("kind", "object_id", "title", "title_zh", "subtitle", "total")
    )
    groups: dict[str, Group] = {}
    for row in ranked:
        registration = kinds[row["kind"]]
        group = groups.get(row["kind"])
        if group is None:
            more = f"{reverse(registration.list_url)}?{urlencode({'q': query})}"
            group = groups[row["kind"]] = Group(
                kind=row["kind"], label=registration.label, total=row["total"], more_url=more
            )
        group.hits.append(
            Hit(
                title=row["title"],
                title_zh=row["title_zh"],
                subtitle=row["subtitle"],
                url=reverse(registration.url, args=[row["object_id"]]),
            )
        )
    results.groups = [groups[kind] for kind in kinds if kind in groups]
    return results
