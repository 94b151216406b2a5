"""Concept definitions' own catalogue: in step with its folder, complete in Finnish and Swedish,
placeholders kept, compiled; and the same words as the other catalogues where they share one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from facilitator.methods.concepts import method

FOLDER = Path(method.__file__).resolve().parent
DIR = FOLDER / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def _key(value: object) -> str | tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else str(value)


def _forms(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (list, tuple)) else (string or "",)


def _po(locale: str, directory: Path = DIR) -> Catalog:
    return _catalog(directory / locale / "LC_MESSAGES" / "messages.po", locale)


def test_the_template_is_in_step_with_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "../babel.cfg",
         "-k", "_l", "-k", "N_", "--no-location", "-o", str(out), "."],
        cwd=FOLDER, check=True, capture_output=True,
    )  # fmt: skip
    fresh = {_key(m.id) for m in _catalog(out) if m.id}
    stored = {_key(m.id) for m in _catalog(DIR / "messages.pot") if m.id}
    assert sorted(map(str, fresh ^ stored)) == [], "run `make i18n` and translate"


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_finnish_and_swedish_are_complete_with_their_placeholders(locale: str) -> None:
    wanted = {_key(m.id) for m in _catalog(DIR / "messages.pot") if m.id}
    catalog = _po(locale)
    assert wanted <= {_key(m.id) for m in catalog if m.id}
    for message in catalog:
        if not message.id or _key(message.id) not in wanted:
            continue
        assert all(_forms(message)) and not message.fuzzy, message.id
        ids = _key(message.id)
        names = set(PLACEHOLDER.findall(ids if isinstance(ids, str) else ids[-1]))
        for form in _forms(message):
            assert set(PLACEHOLDER.findall(form)) == names, (message.id, form)


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
def test_compiled_catalogues_match(locale: str) -> None:
    with open(DIR / locale / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = {_key(m.id): _forms(m) for m in read_mo(handle) if m.id}
    for message in _po(locale):
        if message.id and all(_forms(message)):
            assert compiled.get(_key(message.id)) == _forms(message), message.id


@pytest.mark.parametrize("locale", ["fi", "sv"])
def test_shared_words_read_the_same_as_in_the_other_catalogues(locale: str) -> None:
    """Catalogues are merged: a message two catalogues share must say the same in both."""
    mine = {_key(m.id): _forms(m) for m in _po(locale) if m.id}
    others = [FOLDER.parents[1] / "translations"] + [
        d / "translations" for d in FOLDER.parent.iterdir() if d.is_dir() and d != FOLDER
    ]
    clashes = []
    for directory in others:
        if not (directory / locale / "LC_MESSAGES" / "messages.po").is_file():
            continue
        for message in _po(locale, directory):
            key = _key(message.id)
            if message.id and key in mine and all(_forms(message)) and mine[key] != _forms(message):
                clashes.append((str(directory), key, mine[key], _forms(message)))
    assert clashes == []
