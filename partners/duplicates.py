"""Finding organizations that are probably one company recorded twice.

Two names are alike when their keys (``partners.names.name_key``: no legal form, case or
punctuation, Chinese in pinyin) are the same, one contains most of the other, or their fuzzy score
(rapidfuzz) reaches ``THRESHOLD``. The database narrows the candidates first, by the key and its
first letters (both indexed), so that only a few names are scored in Python.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q
from rapidfuzz import fuzz, process

from partners.models import Organization
from partners.names import name_words

THRESHOLD = 90
STEM_LENGTH = 4
# Keys shorter than this are compared whole only: "ag" is in too many names.
SHORTEST_CONTAINED = 6
# Keys scoring below this against the one typed are not read word by word.
ROUGH_CUTOFF = 60
# Nor, in the whole directory, keys scoring below this against a neighbour.
GROUP_ROUGH_CUTOFF = 80
# Below this score the words only one of two names has are different words, not respellings.
DIFFERENT_WORDS = 60
# How long the groups found in the whole directory are kept while nothing changes.
GROUPS_KEPT_FOR = 600
# The directory's duplicates compare each key with this many keys that sort after it.
NEIGHBOURS = 25


def name_score(key_a: str, words_a: list[str], key_b: str, words_b: list[str]) -> int:
    """How alike two names are, 0 to 100, from their keys and words."""
    if not key_a or not key_b:
        return 0
    if key_a == key_b:
        return 100
    score = max(fuzz.ratio(key_a, key_b), fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)))
    shorter, longer = sorted((key_a, key_b), key=len)
    if len(shorter) >= SHORTEST_CONTAINED and shorter in longer and len(shorter) * 10 >= len(longer) * 6:
        score = max(score, THRESHOLD)
    # "… Center in Germany" and "… Center in Japan": each has a word the other lacks, and those words
    # are not respellings of each other. Two different bodies, however long the words they share.
    only_a, only_b = set(words_a) - set(words_b), set(words_b) - set(words_a)
    if only_a and only_b and fuzz.ratio(" ".join(sorted(only_a)), " ".join(sorted(only_b))) < DIFFERENT_WORDS:
        score = min(score, THRESHOLD - 1)
    return round(score)


def likely_duplicates(name: str, *, queryset=None, limit: int = 10) -> list[Organization]:
    """Recorded organizations whose English or Chinese name is like ``name``, best first.

    Each has ``similarity`` (0 to 100). Those merged into another are left out: the one they were
    merged into stands for them. Two queries whatever the size of the directory: the candidates'
    keys (those sharing the key's first letters, indexed), then the few that score.
    """
    words = name_words(name)
    key = "".join(words)
    if not key:
        return []
    queryset = Organization.objects.all() if queryset is None else queryset
    prefilter = Q(name_key=key) | Q(name_zh_key=key)
    if len(key) >= STEM_LENGTH:
        stem = key[:STEM_LENGTH]
        prefilter |= _starts_with("name_key", stem) | _starts_with("name_zh_key", stem)
    # Those merged away are left out here, not in SQL, so that the database searches by the key indexes.
    candidates = (
        queryset.filter(prefilter)
        .order_by()
        .values_list("pk", "name", "name_zh", "name_key", "name_zh_key", "merged_into")
    )
    scores = {}
    for pk, english, chinese, english_key, chinese_key, merged_into in candidates:
        if merged_into is not None:
            continue
        score = 0
        for written, written_key in ((english, english_key), (chinese, chinese_key)):
            # The stored keys sort out most candidates in C; only the close ones are read word by word.
            if written_key and fuzz.ratio(key, written_key) >= ROUGH_CUTOFF or _contained(key, written_key):
                score = max(score, name_score(key, words, written_key, name_words(written)))
        if score >= THRESHOLD:
            scores[pk] = score
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    found = Organization.objects.select_related("country").in_bulk(best) if best else {}
    ranked = []
    for pk in best:
        found[pk].similarity = scores[pk]
        ranked.append(found[pk])
    return ranked


def _starts_with(field: str, stem: str) -> Q:
    """Keys starting with ``stem``, by their index: PostgreSQL's pattern index, SQLite's binary order."""
    if connection.vendor == "sqlite":
        # SQLite's LIKE ignores the index; a range over the binary-ordered keys uses it.
        return Q(**{f"{field}__gte": stem, f"{field}__lt": stem + "\U0010ffff"})
    return Q(**{f"{field}__startswith": stem})


def _contained(key: str, other: str) -> bool:
    """Whether one key starts the other: "siemens" and "siemensagchina" (the words decide the score)."""
    return bool(other) and (other.startswith(key) or key.startswith(other))


@dataclass
class DuplicateGroup:
    """Organizations that are probably one; ``score`` is the lowest pairwise score that joined them."""

    pks: list[int]
    score: int
    organizations: list[Organization] = field(default_factory=list)


def duplicate_groups() -> list[DuplicateGroup]:
    """Every group of active organizations (not merged away) whose names are alike, in name order.

    One query: keys and names are read once. Organizations sharing a key form one group; two whose
    keys score ``THRESHOLD`` or more (each key against the ``NEIGHBOURS`` keys sorting after it)
    form a group of their own with their key-mates, so that a run of near names ("Zeta A", "Zeta B",
    "Zeta C") never chains into one long group.
    """
    rows = list(
        Organization.objects.filter(is_archived=False, merged_into__isnull=True)
        .order_by()
        .values_list("pk", "name", "name_zh", "name_key", "name_zh_key")
    )
    parent = {pk: pk for pk, *_rest in rows}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    entries = sorted(
        (key, pk, written)
        for pk, english, chinese, english_key, chinese_key in rows
        for key, written in ((english_key, english), (chinese_key, chinese))
        if key
    )
    words = {}

    def words_of(written):
        if written not in words:
            words[written] = name_words(written)
        return words[written]

    near: dict[tuple[int, int], int] = {}
    keys = [key for key, _pk, _written in entries]
    for index, (key, pk, written) in enumerate(entries):
        end = index + 1 + NEIGHBOURS
        window = keys[index + 1 : end]
        for offset, other_key in enumerate(window):
            if other_key != key:
                break
            # The same key: one company, whatever else.
            other_pk = entries[index + 1 + offset][1]
            if other_pk != pk:
                parent[root(other_pk)] = root(pk)
        stem = key[:STEM_LENGTH]
        # Compared in C: the neighbours with the same first letters that come near on the keys alone.
        for other_key, _score, offset in process.extract_iter(
            key, window, scorer=fuzz.ratio, score_cutoff=GROUP_ROUGH_CUTOFF
        ):
            _same_key, other_pk, other_written = entries[index + 1 + offset]
            if other_pk == pk or other_key == key or other_key[:STEM_LENGTH] != stem:
                continue
            score = name_score(key, words_of(written), other_key, words_of(other_written))
            if score >= THRESHOLD:
                pair = (min(pk, other_pk), max(pk, other_pk))
                near[pair] = max(score, near.get(pair, 0))
    members: dict[int, set[int]] = {}
    for pk in parent:
        members.setdefault(root(pk), set()).add(pk)
    found: dict[frozenset, int] = {frozenset(pks): 100 for pks in members.values() if len(pks) > 1}
    for (one, other), score in near.items():
        if root(one) != root(other):
            pks = frozenset(members[root(one)] | members[root(other)])
            found[pks] = max(score, found.get(pks, 0))
    names = {pk: name.casefold() for pk, name, *_rest in rows}
    groups = [DuplicateGroup(sorted(pks, key=lambda pk: (names[pk], pk)), score) for pks, score in found.items()]
    return sorted(groups, key=lambda group: [names[pk] for pk in group.pks])


def current_duplicate_groups() -> list[DuplicateGroup]:
    """``duplicate_groups()``, kept for ``GROUPS_KEPT_FOR`` seconds while no organization changes.

    One query tells whether the directory changed (how many organizations, the last change), so a
    page of groups costs the same few queries however large the directory.
    """
    state = Organization.objects.aggregate(count=Count("pk"), changed=Max("updated_at"))
    key = f"partners:duplicate-groups:{state['count']}:{state['changed'].isoformat() if state['changed'] else ''}"
    groups = cache.get(key)
    if groups is None:
        groups = duplicate_groups()
        cache.set(key, [(group.pks, group.score) for group in groups], GROUPS_KEPT_FOR)
        return groups
    return [DuplicateGroup(pks, score) for pks, score in groups]


def fill_groups(groups: list[DuplicateGroup]) -> list[DuplicateGroup]:
    """Give ``groups`` their organizations, read in one query."""
    found = Organization.objects.select_related("country").in_bulk([pk for group in groups for pk in group.pks])
    for group in groups:
        group.organizations = [found[pk] for pk in group.pks if pk in found]
    return groups
