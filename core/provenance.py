"""A record's provenance read as people read a citation: the document by its title, the lines, the quote.

Seeded records cite their source as ``000_4c29bc11d0cc8af9.txt:L1453-1454 "was officially put into
operation"``, several joined with ``; ``. ``citations`` splits that into ``Citation`` rows a page shows
as "Qingdao investment brochure, 2019, lines 1453–1454" opening on the quoted words; anything that is
not such a reference (a person, "ISO 3166-1 alpha-2 code") is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext

_REFERENCE = re.compile(r'(?P<file>[\w.-]+\.txt):L(?P<first>\d+)(?:-(?P<last>\d+))?\s*(?:"(?P<quote>[^"]*)")?')


@dataclass(frozen=True)
class Citation:
    """One source: ``document`` and ``lines`` for a reference to a document (else both ""), ``quote``, ``text``."""

    document: str = ""
    lines: str = ""
    quote: str = ""
    text: str = ""

    @property
    def label(self) -> str:
        """ "Qingdao investment brochure, 2019, lines 1453–1454"; the text as written for anything else."""
        if not self.document:
            return self.text
        return gettext("%(document)s, %(lines)s") % {"document": self.document, "lines": self.lines}


def document_title(file_name: str) -> str:
    """The title a person knows a source document by; its file name when none is recorded."""
    title = getattr(settings, "SOURCE_DOCUMENT_TITLES", {}).get(file_name)
    return str(title) if title else file_name


def _lines(first: str, last: str | None) -> str:
    if not last or last == first:
        return gettext("line %(line)s") % {"line": first}
    return gettext("lines %(first)s–%(last)s") % {"first": first, "last": last}


def citations(provenance: str) -> list[Citation]:
    """``provenance`` split into citations, in the order written; [] for an empty one."""
    found = []
    for part in (provenance or "").split("; "):
        part = part.strip()
        if not part:
            continue
        match = _REFERENCE.fullmatch(part)
        if match is None:
            found.append(Citation(text=part))
            continue
        found.append(
            Citation(
                document=document_title(match["file"]),
                lines=_lines(match["first"], match["last"]),
                quote=match["quote"] or "",
                text=part,
            )
        )
    return found
