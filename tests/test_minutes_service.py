"""Stored minutes: written when the workshop ends, edited, regenerated without losing edits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask

from facilitator.extensions import db
from facilitator.minutes import service
from facilitator.models import Workshop, WorkshopMinutes
from tests.conftest import Room, act


@contextmanager
def _workshop(app: Flask, room: Room) -> Iterator[Workshop]:
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        assert workshop is not None
        yield workshop
        db.session.commit()


def _run(room: Room, *notes: str) -> None:
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    phone = room.join("", "professional")
    for text in notes:
        assert act(phone.sock, "note.add", {"text": text}, phase=room.phase_id(0))["ok"]


def _end(room: Room) -> None:
    console = room.console()
    ack = act(console, "workshop.end")
    assert ack["ok"], ack


def test_minutes_exist_when_the_workshop_ends(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Ending the workshop writes and stores the minutes in the same action (the time it takes
    is measured by bench/bench_minutes.py, not here)."""
    room = make_room()
    _run(room, "Yksi yhteinen asiakaspolku", "Palveluohjaus ajoissa")
    _end(room)
    with _workshop(app, room) as workshop:
        record = service.get(db.session, workshop)
        assert record is not None
        assert record.body.startswith("# ") and record.body == record.generated
        assert "Yksi yhteinen asiakaspolku" in record.body
        assert record.locale == "fi" and not record.edited and not record.shared
        assert record.generated_at is not None


def test_regenerating_keeps_edits_and_shows_the_new_text_beside(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Edited text is never replaced silently; accept replaces it, dismiss keeps it."""
    room = make_room()
    _run(room, "Ensimmäinen ajatus")
    _end(room)
    with _workshop(app, room) as workshop:
        record = service.get(db.session, workshop)
        assert record is not None
        service.save(record, record.body + "\nOma lisäys.\n")
        edited = record.body
        assert record.edited
        # Nothing new in the data: the edits stay and nothing is proposed.
        assert service.regenerate(db.session, workshop)[1] == "unchanged"
        assert record.body == edited and record.proposed is None
        # A decision goes into the edited text at once (its own section); nothing waits.
        service.set_items(record, decisions="Kokeillaan yhtä luukkua", next_steps="")
        assert "Kokeillaan yhtä luukkua" in record.body and "Oma lisäys." in record.body
        assert service.regenerate(db.session, workshop)[1] == "unchanged"
        edited = record.body
        # The data changes (the workshop is renamed): the new text waits beside the edits and is
        # offered section by section; the section only the facilitator edited is not offered.
        workshop.title = "Uusi nimi"
        assert service.regenerate(db.session, workshop)[1] == "proposed"
        assert record.body == edited
        assert [o.new.key for o in service.section_offers(record)] == [""]
        assert service.dismiss_proposed(record)
        assert record.body == edited and record.proposed is None and record.edited
        assert service.regenerate(db.session, workshop)[1] == "unchanged"
        workshop.title = "Kolmas nimi"
        service.set_items(record, decisions="Toinen päätös", next_steps="Soitetaan")
        assert service.regenerate(db.session, workshop)[1] == "proposed"
        assert service.accept_proposed(record)
        assert "Toinen päätös" in record.body and "Oma lisäys." not in record.body
        assert "# Kolmas nimi" in record.body and not record.edited
        # Another language for edited minutes: the edited text keeps its language until chosen.
        service.save(record, record.body + "\nMuokattu.\n")
        assert service.regenerate(db.session, workshop, locale="sv")[1] == "proposed"
        assert record.locale == "fi" and record.proposed_locale == "sv"
        assert service.accept_proposed(record)
        assert record.locale == "sv" and record.proposed_locale is None


def test_unedited_minutes_follow_the_data(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Without edits, regeneration simply writes the new text (and can change language)."""
    room = make_room()
    _run(room, "Ajatus")
    _end(room)
    with _workshop(app, room) as workshop:
        record, outcome = service.regenerate(db.session, workshop, locale="en")
        assert outcome == "generated" and record.locale == "en"
        assert record.body == record.generated and record.proposed is None


def test_sharing_and_public_html(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Phones and the projector get the minutes only after the facilitator shares them."""
    room = make_room()
    _run(room, "Näkyvä ajatus <b>ei lihavoitu</b>")
    _end(room)
    with _workshop(app, room) as workshop:
        assert service.public_minutes_html(db.session, workshop) is None
        record = service.get(db.session, workshop)
        assert record is not None
        service.set_shared(record, True)
        html = str(service.public_minutes_html(db.session, workshop))
        assert "Näkyvä ajatus" in html and "<b>" not in html and "&lt;b&gt;" in html


def test_redaction_in_the_stored_text(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """Personal data in the minutes is listed, then replaced with markers."""
    room = make_room()
    _run(room, "Soita 040 123 4567 tai a@b.fi")
    _end(room)
    with _workshop(app, room) as workshop:
        record = service.get(db.session, workshop)
        assert record is not None
        assert {f.kind for f in service.personal_data(record)} == {"phone", "email"}
        count = service.redact(record, lambda kind: f"[{kind} pois]")
        assert count >= 2
        assert service.personal_data(record) == []
        assert "[phone pois]" in record.body and record.edited


def test_a_failure_in_the_minutes_does_not_stop_the_end(
    app: Flask, make_room, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """If writing the minutes fails, the workshop still ends; the page can write them later."""

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("analyser exploded")

    room = make_room()
    _run(room, "Ajatus")
    monkeypatch.setattr(service, "generate", broken)
    _end(room)
    assert "analyser exploded" in caplog.text
    with _workshop(app, room) as workshop:
        assert workshop.status == "ended"
        assert db.session.query(WorkshopMinutes).count() == 0
