"""Downloads after the end: one charset, names from the title, and an accessible, dated PDF."""

from __future__ import annotations

import re
import subprocess
import zlib
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from flask import Flask

from facilitator.exports import registry
from facilitator.extensions import db
from facilitator.models import Workshop
from tests.conftest import Room, act
from tests.exports.tools import pdf_text, require

LONG_TITLE = (
    "Palveluohjauksen kehittämistarpeet ja asiakkaan polku: yhteiskehittämistyöpaja "
    "Kokkolassa, kevät 2026 — osa 3/6"
)


def ended(make_room, title: str = "Kokeiluhetki") -> Room:  # type: ignore[no-untyped-def]
    """A workshop held on 4 March 2026 (Helsinki time), with one note, ended."""
    room = make_room()
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    phone = room.join("", "client")
    assert act(phone.sock, "note.add", {"text": "Yksi luukku"}, phase=room.phase_id(0))["ok"]
    assert act(console, "workshop.end")["ok"]
    with room.app.app_context():
        workshop = db.session.get(Workshop, room.id)
        assert workshop is not None
        workshop.title = title
        workshop.started_at = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)  # 4 March in Helsinki
        db.session.commit()
    return room


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_text_downloads_send_the_charset_once(app: Flask, make_room, fmt: str) -> None:  # type: ignore[no-untyped-def]
    room = ended(make_room)
    response = room.console_http.get(f"/console/{room.id}/minutes.{fmt}")
    assert response.status_code == 200
    header = response.headers["Content-Type"]
    assert header.lower().count("charset") <= 1, header
    if fmt != "json":
        assert header.lower().endswith("charset=utf-8"), header


def test_file_names_come_from_the_title(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    room = ended(make_room, LONG_TITLE)
    for fmt in registry.FORMATS:
        header = room.console_http.get(f"/console/{room.id}/minutes.{fmt}").headers[
            "Content-Disposition"
        ]
        plain = re.search(r'filename="([^"]+)"', header)
        full = re.search(r"filename\*=UTF-8''(\S+)", header)
        assert plain and full, header
        name = unquote(full.group(1))
        assert name.startswith("Palveluohjauksen kehittämistarpeet ja asiakkaan polku"), name
        assert "/" not in name and ":" not in name
        for shown in (name, plain.group(1)):
            stem = shown.rsplit(".", 1)[0]
            assert not stem.endswith(("-", " ", ".")), shown
        assert plain.group(1).isascii() and plain.group(1).startswith("palveluohjauksen-")
        assert plain.group(1).endswith("." + registry.FORMATS[fmt].extension)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Kokeiluhetki", "Kokeiluhetki.pdf"),
        # The old name cut the slug at 40 characters and left the dash: "...-.pdf".
        ("Ryhmä 1 – palvelupolku – x" + "y" * 20, "Ryhmä 1 – palvelupolku – x" + "y" * 20 + ".pdf"),
        ("a" * 79 + " - b", "a" * 79 + ".pdf"),
        ("  ...  ", "workshop-7.pdf"),
        ('Työ/paja: "kevät"?', "Työ paja kevät.pdf"),
    ],
)
def test_file_name_rules(title: str, name: str) -> None:
    assert registry.filename(title, 7, "pdf") == name
    assert not registry.ascii_filename(name).rsplit(".", 1)[0].endswith("-")


def test_a_long_title_never_leaves_a_dash() -> None:
    for n in range(30, 90):
        title = ("Työpaja " * 20)[:n] + "-" + "x" * 5
        for fmt in registry.FORMATS:
            for name in (registry.filename(title, 1, fmt), None):
                name = name or registry.ascii_filename(registry.filename(title, 1, fmt))
                assert not re.search(r"[-–\s.]\.\w+$", name), name
    assert registry.filename("Kokeiluhetki", 3, "json") == "Kokeiluhetki (data).json"


def _pdf_objects(content: bytes) -> bytes:
    """The PDF's objects with their compressed streams (object streams too) opened."""
    out = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(out)


def test_the_pdf_is_tagged_dated_and_in_the_workshops_language(
    app: Flask, make_room, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    room = ended(make_room)
    content = room.console_http.get(f"/console/{room.id}/minutes.pdf").data
    path = tmp_path / "minutes.pdf"
    path.write_bytes(content)
    info = subprocess.run(
        [require("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^CreationDate:\s+Wed Mar  4 .*2026", info, re.M), info
    assert re.search(r"^Title:\s+Kokeiluhetki$", info, re.M), info
    meta = subprocess.run(
        [require("pdfinfo"), "-meta", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert 'pdfuaid:part="1"' in meta  # declares PDF/UA-1
    assert re.search(rb"/Lang\s*\(fi\)", _pdf_objects(content))
    # The structure tree: a screen reader finds the title heading, sections, the note's table.
    structure = subprocess.run(
        [require("pdfinfo"), "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r'H1 \(block\)\s*\n\s*Span \(inline\)\s*\n\s*"Kokeiluhetki', structure)
    assert "H2 (block)" in structure and "Table (block)" in structure and "TH" in structure
    assert '"Yksi luukku"' in structure
    assert "Yksi luukku" in pdf_text(content, tmp_path)
    # The bundled font, embedded (not whatever the machine has under that name).
    fonts = subprocess.run(
        [require("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all("Facilitator-Sans" in line and " yes " in line for line in fonts), fonts


def test_the_same_minutes_give_the_same_pdf(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    room = ended(make_room)
    first = room.console_http.get(f"/console/{room.id}/minutes.pdf").data
    second = room.console_http.get(f"/console/{room.id}/minutes.pdf").data
    assert first == second
