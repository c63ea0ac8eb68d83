"""The Simplified Chinese catalogue is complete, well-formed and compiled."""

import gettext
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n.pofile import Entry, header_fields, read_po

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = LOCALE_DIR / "django.po"
MO = LOCALE_DIR / "django.mo"

PYTHON_FORMAT = re.compile(r"%(?:\(\w+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_FORMAT = re.compile(r"\{\w*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_po(PO)


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


def test_the_catalogue_has_messages(messages):
    assert len(messages) > 500


def test_the_header_names_the_language_and_its_single_plural_form(entries):
    header = header_fields(entries)
    assert header["Language"] == "zh_Hans"
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Language-Team"] and "LL@li.org" not in header["Language-Team"]
    assert not next(entry for entry in entries if entry.is_header).fuzzy


def test_every_message_is_translated(messages):
    untranslated = [describe(entry) for entry in messages if not entry.translated]
    assert untranslated == []


def test_no_message_is_fuzzy(messages):
    fuzzy = [describe(entry) for entry in messages if entry.fuzzy]
    assert fuzzy == []


def test_plural_messages_have_the_one_chinese_form(messages):
    wrong = [describe(entry) for entry in messages if entry.msgid_plural is not None and len(entry.translations) != 1]
    assert wrong == []


def placeholders(text: str, flags: set[str]) -> tuple:
    """What a translation must carry over: format placeholders and HTML tags."""
    named, positional = set(), []
    if "python-format" in flags:
        for token in PYTHON_FORMAT.findall(text):
            (named.add if token.startswith("%(") or token == "%%" else positional.append)(token)
    braces = set(BRACE_FORMAT.findall(text)) if "python-brace-format" in flags else set()
    return named, positional, braces, Counter(HTML_TAG.findall(text))


def test_translations_keep_placeholders_and_tags(messages):
    """A Chinese plural has one form for every count, so it carries what the English plural carries."""
    wrong = []
    for entry in messages:
        source = entry.msgid if entry.msgid_plural is None else entry.msgid_plural
        expected = placeholders(source, entry.flags)
        for translation in entry.translations:
            found = placeholders(translation, entry.flags)
            if found != expected:
                wrong.append(f"{describe(entry)} -> {translation!r}: {found} instead of {expected}")
    assert wrong == []


def test_the_compiled_catalogue_holds_every_translation(messages):
    """Read the committed .mo with Python's own gettext: it must say what the .po says."""
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            found = compiled._catalog.get(key)
        else:
            found = compiled._catalog.get((key, 0))
        if found != entry.translations[0]:
            stale.append(f"{describe(entry)}: .mo has {found!r}")
    assert stale == [], "django.mo is out of date; run manage.py compilemessages --locale zh_Hans"
    assert compiled.info()["plural-forms"] == "nplurals=1; plural=0;"


def test_the_compiled_catalogue_is_what_msgfmt_makes_of_the_po(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed, so the .mo cannot be rebuilt for comparison")
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(PO)], check=True, capture_output=True)
    assert fresh.read_bytes() == MO.read_bytes(), "django.mo is out of date; run manage.py compilemessages"
