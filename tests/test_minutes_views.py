"""The minutes page in the console and the downloads (console and token API)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from flask import Flask
from flask.testing import FlaskClient

from facilitator.extensions import db
from facilitator.minutes import service
from facilitator.models import User, Workshop, WorkshopMinutes
from facilitator.views.minutes import redaction_label
from tests.conftest import PASSWORD, Room, act


def _ended_room(make_room, *notes: str) -> Room:  # type: ignore[no-untyped-def]
    room = make_room()
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    phone = room.join("", "client")
    for text in notes:
        assert act(phone.sock, "note.add", {"text": text}, phase=room.phase_id(0))["ok"]
    assert act(console, "workshop.end")["ok"]
    # The page's English texts are what these tests read, whatever the default language.
    room.console_http.set_cookie("lang", "en")
    return room


def _record(app: Flask, room: Room) -> WorkshopMinutes:
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        record = service.get(db.session, workshop)
        assert record is not None
        db.session.expunge(record)
        return record


def _base(page: str) -> str:
    match = re.search(r'name="base" value="([0-9a-f]+)"', page)
    assert match
    return match.group(1)


def test_page_shows_text_preview_and_no_inline_script(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Editor with the stored Markdown, server preview, downloads; scripts only from files."""
    room = _ended_room(make_room, "Matalan kynnyksen palvelu")
    response = room.console_http.get(f"/console/{room.id}/minutes")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<textarea id="body" name="body"' in page
    assert "Matalan kynnyksen palvelu" in page
    assert '<article class="minutes"' in page
    for fmt in ("docx", "pdf", "html", "md", "csv", "json"):
        assert f"/console/{room.id}/minutes.{fmt}" in page
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_save_preview_and_conflict(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Saving keeps the text; preview shows unsaved text; a stale base does not overwrite."""
    room = _ended_room(make_room, "Ajatus")
    client = room.console_http
    page = client.get(f"/console/{room.id}/minutes").get_data(as_text=True)
    base = _base(page)
    url = f"/console/{room.id}/minutes"
    shown = client.post(
        url, data={"body": "# Uusi\n\n*Luonnos*", "base": base, "action": "preview"}
    )
    assert shown.status_code == 200 and "<h1>Uusi</h1>" in shown.get_data(as_text=True)
    assert _record(app, room).body != "# Uusi\n\n*Luonnos*\n"
    saved = client.post(url, data={"body": "# Muokattu\r\n\r\nTeksti", "base": base})
    assert saved.status_code == 302
    record = _record(app, room)
    # Decisions and next steps always keep their sections (here: none recorded yet).
    assert record.body.startswith("# Muokattu\n\nTeksti\n\n## Päätökset\n") and record.edited
    saved_body = record.body
    # The old base no longer matches: a second window's save does not overwrite.
    stale = client.post(url, data={"body": "# Toinen ikkuna", "base": base})
    assert stale.status_code == 200
    assert "changed in another window" in stale.get_data(as_text=True)
    assert _record(app, room).body == saved_body
    fragment = client.post(f"{url}/preview", data={"body": "> <script>x</script>"})
    assert fragment.mimetype == "text/html"
    assert "<script>" not in fragment.get_data(as_text=True)


def test_decisions_after_an_edit_reach_the_text_and_every_export(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """The bug: decisions saved after an edit reached no export ("No decisions recorded") until
    a diff was resolved. Now they go into their section at once, edits elsewhere stay."""
    room = _ended_room(make_room, "Ajatus")
    client = room.console_http
    url = f"/console/{room.id}/minutes"
    base = _base(client.get(url).get_data(as_text=True))
    client.post(url, data={"body": "# Oma muistio\n\nOma teksti", "base": base})
    response = client.post(
        f"{url}/items", data={"decisions": "Päätös A\n\nPäätös B", "next_steps": "Askel"}
    )
    assert response.status_code == 302
    record = _record(app, room)
    assert record.decisions == ["Päätös A", "Päätös B"] and record.next_steps == ["Askel"]
    assert record.body.startswith("# Oma muistio\n\nOma teksti\n")
    assert "- Päätös A\n- Päätös B" in record.body and "- Askel" in record.body
    assert record.proposed is None and record.edited
    for fmt in ("md", "html", "docx", "pdf"):
        content = client.get(f"{url}.{fmt}").data
        text = _text_of(content, fmt)
        for item in ("Oma teksti", "Päätös A", "Päätös B", "Askel"):
            assert item in text, (fmt, item)
        assert "No decisions" not in text and "Päätöksiä ei kirjattu" not in text


def _text_of(content: bytes, fmt: str) -> str:
    """The words of a downloaded file."""
    if fmt == "docx":
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    if fmt == "pdf":
        import subprocess

        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
    return content.decode("utf-8")


def test_decisions_edited_in_the_text_reach_the_form(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Editing the Decisions section in the text updates the form; deleting it puts it back."""
    room = _ended_room(make_room, "Ajatus")
    client = room.console_http
    url = f"/console/{room.id}/minutes"
    body = _record(app, room).body
    body = body.replace("## Päätökset\n\nPäätöksiä ei kirjattu.", "## Päätökset\n\n- Tekstissä")
    assert "- Tekstissä" in body
    client.post(url, data={"body": body, "base": _base(client.get(url).get_data(as_text=True))})
    assert _record(app, room).decisions == ["Tekstissä"]
    gone = "# Lyhyt\n\nVain tämä."
    client.post(url, data={"body": gone, "base": _base(client.get(url).get_data(as_text=True))})
    record = _record(app, room)
    assert record.decisions == ["Tekstissä"] and "- Tekstissä" in record.body


def test_redact_and_share(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """The warning lists masked findings; redact replaces them; share toggles the flag."""
    room = _ended_room(make_room, "Soita 040 123 4567")
    client = room.console_http
    url = f"/console/{room.id}/minutes"
    page = client.get(url).get_data(as_text=True)
    assert "Personal data in the minutes" in page and "040 *** **67" in page
    assert "040 123 4567</code>" not in page
    client.post(f"{url}/redact")
    record = _record(app, room)
    with app.test_request_context():
        marker = redaction_label(record.locale)("phone")
    assert "040 123 4567" not in record.body and marker in record.body
    client.post(f"{url}/share", data={"shared": "on"})
    assert _record(app, room).shared
    client.post(f"{url}/share", data={})
    assert not _record(app, room).shared


def test_downloads_in_every_format(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Each format downloads with its type and a file name; redact=1 removes personal data."""
    room = _ended_room(make_room, "Soita 040 123 4567, yksi luukku")
    client = room.console_http
    expected = {
        "md": "text/markdown",
        "html": "text/html",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "csv": "application/zip",
        "json": "application/json",
    }
    for fmt, mimetype in expected.items():
        response = client.get(f"/console/{room.id}/minutes.{fmt}")
        assert response.status_code == 200, fmt
        assert response.mimetype == mimetype
        assert "attachment; filename=" in response.headers["Content-Disposition"]
    md = client.get(f"/console/{room.id}/minutes.md").get_data(as_text=True)
    assert "040 123 4567" in md
    clean = client.get(f"/console/{room.id}/minutes.md?redact=1").get_data(as_text=True)
    assert "040 123 4567" not in clean and "yksi luukku" in clean
    data = client.get(f"/console/{room.id}/minutes.json?redact=1").get_json()
    assert all("040 123 4567" not in c["body"] for c in data["contributions"])
    archive = client.get(f"/console/{room.id}/minutes.csv?redact=1").data
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert all("040 123 4567" not in z.read(n).decode("utf-8-sig") for n in z.namelist())
    html = client.get(f"/console/{room.id}/minutes.html")
    assert "default-src 'none'" in html.headers["Content-Security-Policy"]
    assert client.get(f"/console/{room.id}/minutes.rtf").status_code == 404


def test_other_facilitators_get_nothing(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Someone else's minutes page and downloads are 404, as if they did not exist."""
    room = _ended_room(make_room, "Ajatus")
    with app.app_context():
        other = User(username="toinen", display_name="Toinen")
        other.set_password(PASSWORD)
        db.session.add(other)
        db.session.commit()
    client: FlaskClient = app.test_client()
    client.post("/login", data={"username": "toinen", "password": PASSWORD})
    assert client.get(f"/console/{room.id}/minutes").status_code == 404
    assert client.get(f"/console/{room.id}/minutes.docx").status_code == 404
    assert (
        client.post(f"/console/{room.id}/minutes/share", data={"shared": "on"}).status_code == 404
    )


def test_api_downloads_need_the_owners_token(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """GET /api/v1/workshops/{id}/minutes.{fmt} with a bearer token; 401 without, 404 for others."""
    room = _ended_room(make_room, "Ajatus")
    token = "test-token-minutes"
    with app.app_context():
        owner = db.session.get(User, room.owner.id)
        owner.api_token_hash = hashlib.sha256(token.encode()).hexdigest()
        db.session.commit()
    client = app.test_client()
    url = f"/api/v1/workshops/{room.id}/minutes"
    assert client.get(f"{url}.md").status_code == 401
    auth = {"Authorization": f"Bearer {token}"}
    response = client.get(f"{url}.md", headers=auth)
    assert response.status_code == 200 and response.get_data(as_text=True).startswith("# ")
    assert client.get(f"{url}.pdf", headers=auth).data.startswith(b"%PDF-")
    assert client.get(f"{url}.rtf", headers=auth).get_json()["error"]["code"] == "not_found"
    assert (
        client.get(f"/api/v1/workshops/{room.id + 99}/minutes.md", headers=auth).status_code == 404
    )


def test_minutes_can_be_written_before_the_end(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """A workshop not yet run: the page says so and offers to write a draft, which works."""
    room = make_room()
    client = room.console_http
    client.set_cookie("lang", "en")
    url = f"/console/{room.id}/minutes"
    page = client.get(url).get_data(as_text=True)
    assert "No minutes yet" in page and '<textarea id="body"' not in page
    assert client.get(f"{url}.docx").status_code == 200  # written for the download only
    with app.app_context():
        assert db.session.query(WorkshopMinutes).count() == 0
    assert client.post(f"{url}/regenerate").status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert '<textarea id="body"' in page and "No minutes yet" not in page
