"""Search text: how names are normalised and cut into the tokens the index stores and queries look up.

A name is normalised (NFKC, case-folded, accents removed), then cut into runs of letters and digits.
A run of Latin letters or digits is one token; a run of Chinese characters gives each character,
each pair of neighbouring characters (bigrams), and its pinyin: the syllables, the syllables
joined from each one on, and their initials. 青岛港 gives 青 岛 港 青岛 岛港 qing dao gang
qingdaogang daogang qdg.

A query is cut the same way, except that a Chinese run gives only its bigrams (or its one
character): 商务 is one exact token, and 青岛港 must hold both 青岛 and 岛港. Every query token
must start an indexed token of a record, so ``qingdao gang``, ``haier`` and ``sao paulo`` all match.
"""

from __future__ import annotations

import re
import unicodedata

from pypinyin import lazy_pinyin

# The longest token kept: enough for any word, short enough for an index on every database.
MAX_TOKEN_LENGTH = 40

_RUN = re.compile(r"[^\W_]+")
# CJK unified ideographs and their extensions A and the compatibility block.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normalise(text: str) -> str:
    """``text`` in the form both index and query use: NFKC, case-folded, no accents, no control characters."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cc", "Cf", "Cs", "Co", "Cn"))
    return " ".join(unicodedata.normalize("NFC", kept).split())


def _split_run(run: str) -> list[tuple[bool, str]]:
    """A run of letters and digits as (is_chinese, part) pieces: 海尔abc -> (True, 海尔), (False, abc)."""
    pieces, position = [], 0
    for match in _HAN.finditer(run):
        if match.start() > position:
            pieces.append((False, run[position : match.start()]))
        pieces.append((True, match.group()))
        position = match.end()
    if position < len(run):
        pieces.append((False, run[position:]))
    return pieces


def _pieces(text: str) -> list[tuple[bool, str]]:
    return [piece for run in _RUN.findall(normalise(text)) for piece in _split_run(run)]


def _bigrams(han: str) -> list[str]:
    return [han[i : i + 2] for i in range(len(han) - 1)] or [han]


def index_tokens(*texts: str) -> list[str]:
    """The tokens stored for a record whose searchable texts are ``texts``, each once, in order."""
    tokens: dict[str, None] = {}
    for text in texts:
        for is_chinese, piece in _pieces(text):
            if not is_chinese:
                tokens[piece] = None
                continue
            for token in (*piece, *_bigrams(piece)):
                tokens[token] = None
            syllables = [syllable for syllable in lazy_pinyin(piece) if syllable.isalpha()]
            if syllables:
                # Joined from every syllable on, so that a query word may start at any syllable (pijiu).
                joined = ["".join(syllables[start:]) for start in range(len(syllables))]
                for token in (*syllables, *joined, "".join(s[0] for s in syllables)):
                    tokens[token] = None
    return [token[:MAX_TOKEN_LENGTH] for token in tokens]


def query_tokens(query: str) -> list[str]:
    """The tokens a query looks up: each must start some token of a record for it to match."""
    tokens: dict[str, None] = {}
    for is_chinese, piece in _pieces(query):
        for token in _bigrams(piece) if is_chinese else [piece]:
            tokens[token[:MAX_TOKEN_LENGTH]] = None
    return list(tokens)


def title_key(text: str) -> str:
    """A title as ranking compares it: normalised, with only its letters and digits, single-spaced."""
    return " ".join(_RUN.findall(normalise(text)))[:200]
