"""CSV export: one table per phase in a zip, UTF-8 with BOM, safe in spreadsheets."""

from __future__ import annotations

import csv
import io
import zipfile

from facilitator.exports import csv_export
from tests.exports.samples import workshop_export


def _tables(content: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        out = {}
        for name in archive.namelist():
            raw = archive.read(name)
            assert raw.startswith("\ufeff".encode()), name
            text = raw.decode("utf-8-sig")
            out[name] = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        return out


def test_one_table_per_phase_with_the_agreed_columns() -> None:
    """Two phases → two files in agenda order; columns as documented; deleted notes left out."""
    tables = _tables(csv_export.render(workshop_export()))
    assert list(tables) == ["01-ideas.csv", "02-vote.csv"]
    ideas = tables["01-ideas.csv"]
    assert tuple(ideas[0]) == csv_export.COLUMNS
    ids = [row[0] for row in ideas[1:]]
    assert ids == ["1", "2", "3", "4", "5", "6"]  # 7 was deleted
    by_id = {row[0]: dict(zip(ideas[0], row, strict=True)) for row in ideas[1:]}
    assert by_id["1"]["text"] == "Palvelupolulta puuttuu selkeä alku"
    assert by_id["1"]["stated role"] == "professional"
    assert by_id["5"]["hidden"] == "yes" and by_id["1"]["hidden"] == "no"
    assert by_id["6"]["kind"] == "plus" and by_id["6"]["parent"] == "1"
    votes = tables["02-vote.csv"]
    assert [r[2] for r in votes[1:]] == ["option", "vote"]
    assert votes[2][4] == "2"


def test_formulas_are_neutralised_and_letters_survive() -> None:
    """A note starting with = is shown as text; ä/ö/å stay intact; CRLF line ends for Excel."""
    content = csv_export.render(workshop_export())
    tables = _tables(content)
    texts = [row[3] for row in tables["01-ideas.csv"][1:]]
    assert "'=SUM(A1) näyttää kaavalta" in texts
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        raw = archive.read("01-ideas.csv")
    assert b"\r\n" in raw and "selkeä".encode() in raw


def test_the_same_workshop_gives_the_same_archive() -> None:
    """Deterministic bytes (fixed dates inside the zip)."""
    assert csv_export.render(workshop_export()) == csv_export.render(workshop_export())
