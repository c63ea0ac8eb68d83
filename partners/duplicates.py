"""Finding organizations that are probably one company recorded twice.

Two names are alike when their keys (``partners.names.name_key``: no legal form, case or
punctuation, Chinese in pinyin) are the same, one contains most of the other, or their fuzzy score
(rapidfuzz) reaches ``THRESHOLD``. The database narrows the candidates first, by the key and its
first letters (both indexed), so that only a few names are scored in Python.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from rapidfuzz import fuzz

from partners.models import Organization
from partners.names import name_words

THRESHOLD = 90
STEM_LENGTH = 4
# Keys shorter than this are compared whole only: "ag" is in too many names.
SHORTEST_CONTAINED = 6
# Below this score the words only one of two names has are different words, not respellings.
DIFFERENT_WORDS = 60
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
    merged into stands for them. Two queries whatever the size of the directory.
    """
    words = name_words(name)
    key = "".join(words)
    if not key:
        return []
    queryset = Organization.objects.all() if queryset is None else queryset
    queryset = queryset.filter(merged_into__isnull=True)
    stem = key[:STEM_LENGTH]
    prefilter = Q(name_key=key) | Q(name_zh_key=key)
    if len(key) >= STEM_LENGTH:
        prefilter |= Q(name_key__startswith=stem) | Q(name_zh_key__startswith=stem)
    prefilter |= Q(pk__in=Organization.objects.similar_to(name).values("pk"))
    scores = {}
    for pk, english, chinese, english_key, chinese_key in queryset.filter(prefilter).values_list(
        "pk", "name", "name_zh", "name_key", "name_zh_key"
    ):
        score = max(
            name_score(key, words, english_key, name_words(english)),
            name_score(key, words, chinese_key, name_words(chinese)) if chinese_key else 0,
        )
        if score >= THRESHOLD or _contains(name, english, chinese):
            scores[pk] = score
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    found = Organization.objects.select_related("country").in_bulk(best)
    ranked = []
    for pk in best:
        found[pk].similarity = scores[pk]
        ranked.append(found[pk])
    return ranked


def _contains(name: str, english: str, chinese: str) -> bool:
    """The rule ``Organization.objects.similar_to`` has always applied: one name inside the other."""
    typed = " ".join(name.split()).casefold()
    if len(typed) < 4:
        return typed in (english.casefold(), chinese.casefold())
    return any(
        typed in other.casefold() or (len(other) >= 4 and other.casefold() in typed)
        for other in (english, chinese)
        if other
    )


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
    for index, (key, pk, written) in enumerate(entries):
        for other_key, other_pk, other_written in entries[index + 1 : index + 1 + NEIGHBOURS]:
            if other_key[:STEM_LENGTH] != key[:STEM_LENGTH]:
                break
            if other_pk == pk:
                continue
            if other_key == key:
                parent[root(other_pk)] = root(pk)
                continue
            if name_score(key, [key], other_key, [other_key]) < THRESHOLD:
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


def fill_groups(groups: list[DuplicateGroup]) -> list[DuplicateGroup]:
    """Give ``groups`` their organizations, read in one query."""
    found = Organization.objects.select_related("country").in_bulk([pk for group in groups for pk in group.pks])
    for group in groups:
        group.organizations = [found[pk] for pk in group.pks if pk in found]
    return groups
