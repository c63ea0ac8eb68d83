"""A small reader for gettext catalogues: enough to check the project's own .po file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), text)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural[index] for index in sorted(self.msgstr_plural)]

    @property
    def translated(self) -> bool:
        return bool(self.translations) and all(self.translations)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def read_po(path: Path) -> list[Entry]:
    """The catalogue's entries in file order, header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None
    started = False

    def finish() -> None:
        nonlocal entry, target, started
        if started:
            entries.append(entry)
        entry, target, started = Entry(), None, False

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if target is not None and target[0] != "msgctxt":
                finish()
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#:"):
            entry.references.extend(line[2:].split())
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, text = match.groups()
            if keyword in ("msgid", "msgctxt") and target is not None and target[0].startswith("msgstr"):
                finish()
            if keyword.startswith("msgstr") and target is None:
                raise ValueError(f"{path}:{number}: a translation without its msgid")
            if not started:
                entry.line = number
            started = True
            if keyword.startswith("msgstr["):
                target = ("msgstr_plural", int(index))
                entry.msgstr_plural[int(index)] = ""
            else:
                target = (keyword, None)
                setattr(entry, keyword, "")
            _append(entry, target, _unquote(text))
        elif line.startswith('"') and line.endswith('"') and target is not None:
            _append(entry, target, _unquote(line[1:-1]))
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def _append(entry: Entry, target: tuple[str, int | None], text: str) -> None:
    name, index = target
    if name == "msgstr_plural":
        entry.msgstr_plural[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = next(entry for entry in entries if entry.is_header)
    pairs = (line.split(":", 1) for line in header.msgstr.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}
