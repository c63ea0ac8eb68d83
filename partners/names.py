"""One way to compare organization names: the key two spellings of the same company share.

``Siemens AG``, ``SIEMENS  ag`` and ``Ｓｉｅｍｅｎｓ`` share the key ``siemens``; ``青岛港（集团）有限公司``
and ``青岛港(集团)`` share theirs. Imports match on it, and a duplicates check can group by it.
"""

import re
import unicodedata

# Legal forms that say nothing about which company it is, as words after punctuation is dropped.
LEGAL_SUFFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(form.split())
    for form in (
        "se co kg",
        "gmbh co kg",
        "ag co kg",
        "co kg",
        "co kgaa",
        "kgaa",
        "gmbh",
        "ag",
        "se",
        "kg",
        "co ltd",
        "company limited",
        "co limited",
        "corp ltd",
        "pte ltd",
        "pty ltd",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "s a",
        "sa",
        "s p a",
        "spa",
        "srl",
        "nv",
        "bv",
        "oy",
        "ab",
        "as",
        "k k",
        "kk",
        "co inc",
    )
)
# Chinese and Japanese legal forms, longest first, so that 股份有限公司 is not left as 股份.
CJK_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "株式会社", "有限會社", "（株）", "(株)", "公司")
CJK_PREFIXES = ("株式会社", "（株）", "(株)")
_CJK_FORMS = {unicodedata.normalize("NFKC", form) for form in CJK_SUFFIXES}
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise_name(name: str | None) -> str:
    """The comparison key of an organization name: NFKC, case folded, spaces and punctuation and legal forms dropped."""
    text = unicodedata.normalize("NFKC", name or "").casefold().strip()
    for prefix in CJK_PREFIXES:
        prefix = unicodedata.normalize("NFKC", prefix)
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :].strip()
    changed = True
    while changed:
        changed = False
        for suffix in CJK_SUFFIXES:
            suffix = unicodedata.normalize("NFKC", suffix)
            # A name that is only a legal form (有限公司) stays what it is.
            if text.endswith(suffix) and len(text) > len(suffix) and text not in _CJK_FORMS:
                text, changed = text[: -len(suffix)].strip(), True
        words = _WORD.findall(text)
        for suffix in LEGAL_SUFFIXES:
            if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                words = words[: -len(suffix)]
                # Keep the words only: the suffix's punctuation ("Co.,") is gone with it.
                text, changed = " ".join(words), True
                break
    return "".join(_WORD.findall(text))


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff" for character in text)


def name_words(name: str | None) -> list[str]:
    """The words of ``normalise_name(name)`` in Latin letters: Chinese characters become their pinyin.

    ``青岛港`` gives ``["qing", "dao", "gang"]``; ``Brose Fahrzeugteile SE & Co. KG`` gives
    ``["brose", "fahrzeugteile"]``.
    """
    text = unicodedata.normalize("NFKC", name or "").casefold().strip()
    # The legal form goes first, on the name as written, so that the pinyin of 有限公司 is not kept.
    key = normalise_name(text)
    if not key:
        return []
    words = [word for word in _WORD.findall(text) if word]
    joined = "".join(words)
    # normalise_name keeps the leading part of the name: keep as many words as make up the key.
    kept, length = [], 0
    for word in words:
        if length >= len(key):
            break
        kept.append(word)
        length += len(word)
    if "".join(kept) != key[: len("".join(kept))] or not joined.startswith(key):
        kept = [key]
    else:
        # The last word kept may run past the key (a CJK legal form glued to the name).
        kept[-1] = kept[-1][: len(kept[-1]) - (length - len(key))]
    if not _has_cjk(key):
        return [word for word in kept if word]
    from pypinyin import lazy_pinyin

    latin = []
    for word in kept:
        for part in lazy_pinyin(word) if _has_cjk(word) else [word]:
            latin += _WORD.findall(part)
    return [word for word in latin if word]


def name_key(name: str | None) -> str:
    """The key stored on an organization (``Organization.name_key``): its name's words run together, in Latin letters.

    ``Qingdao Gang`` and ``青岛港`` share ``qingdaogang``; ``Brose Fahrzeugteile GmbH`` and
    ``Brose Fahrzeugteile SE & Co. KG`` share ``brosefahrzeugteile``.
    """
    return "".join(name_words(name))
