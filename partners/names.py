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
