"""The catalogues are complete, compiled, and in step with the source."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import force_locale, gettext, ngettext

from facilitator.summaries.i18n import plural_translator, translator

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "facilitator" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

MsgId = str | tuple[str, ...]


def _catalog(locale: str) -> Catalog:
    with open(DIR / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def _key(value: object) -> MsgId:
    """A message id or string as something hashable: plural forms become a tuple."""
    return tuple(value) if isinstance(value, (list, tuple)) else str(value)


def _ids(catalog: Catalog) -> set[MsgId]:
    return {_key(m.id) for m in catalog if m.id}


def _forms(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (list, tuple)) else (string or "",)


def _compiled_forms(message: Message) -> tuple[str, ...]:
    """What compiling writes: an empty plural form falls back to the English singular or plural."""
    forms = _forms(message)
    if not message.pluralizable:
        return forms
    ids = _key(message.id)
    return tuple(form or ids[min(index, 1)] for index, form in enumerate(forms))


def test_template_is_in_step_with_the_source(tmp_path: Path) -> None:
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "N_", "--no-location", "-o", str(out), "."],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with open(out, "rb") as handle:
        fresh = _ids(read_po(handle))
    with open(DIR / "messages.pot", "rb") as handle:
        stored = _ids(read_po(handle))
    assert sorted(map(str, fresh - stored)) == [], "run `make i18n` and translate the new strings"
    assert sorted(map(str, stored - fresh)) == [], "run `make i18n` to drop strings no longer used"


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_finnish_and_swedish_are_complete(locale: str) -> None:
    catalog = _catalog(locale)
    with open(DIR / "messages.pot", "rb") as handle:
        wanted = _ids(read_po(handle))
    assert wanted <= _ids(catalog), "run `make i18n` to update the catalogues"
    missing = sorted(
        str(_key(m.id)) for m in catalog if _key(m.id) in wanted and (not all(_forms(m)) or m.fuzzy)
    )
    assert missing == []
    plurals = [m for m in catalog if m.pluralizable and m.id]
    assert plurals, "the minutes use ngettext; the catalogue should have plural entries"
    assert all(len(_forms(m)) == catalog.num_plurals == 2 for m in plurals)


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_placeholders_survive_translation(locale: str) -> None:
    for message in _catalog(locale):
        if not message.id:
            continue
        ids = _key(message.id)
        wanted = set(PLACEHOLDER.findall(ids if isinstance(ids, str) else ids[-1]))
        for form in _forms(message):
            if form:
                assert set(PLACEHOLDER.findall(form)) == wanted, (message.id, form)


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_compiled_catalogues_match_the_po_files(locale: str) -> None:
    with open(DIR / locale / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = {_key(m.id): _forms(m) for m in read_mo(handle) if m.id}
    source = {_key(m.id): _compiled_forms(m) for m in _catalog(locale) if m.id and not m.fuzzy}
    source = {k: v for k, v in source.items() if any(v)}
    assert compiled == source, "run `bash scripts/i18n.sh compile`"


@pytest.mark.parametrize(
    ("locale", "send", "notes"),
    [("fi", "Lähetä", "3 ajatusta"), ("sv", "Skicka", "3 tankar"), ("en", "Send", "3 notes")],
)
def test_the_app_and_the_minutes_load_the_catalogues(
    app: Flask, locale: str, send: str, notes: str
) -> None:
    with app.test_request_context("/"), force_locale(locale):
        assert gettext("Send") == send
        assert ngettext("%(num)s note", "%(num)s notes", 3) == notes
    assert translator(locale)("Send") == send
    assert plural_translator(locale)("%(num)s note", "%(num)s notes", 3) % {"num": 3} == notes
