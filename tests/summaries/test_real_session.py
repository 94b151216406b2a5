"""Minutes of a workshop actually run over sockets, exported the way the app exports it."""

from __future__ import annotations

from typing import Any

from facilitator.exports.markdown import render_markdown
from facilitator.exports.workshop_json import export_workshop
from facilitator.extensions import db
from facilitator.models import Workshop
from facilitator.summaries import build_minutes
from facilitator.summaries.blocks import Heading, Quote, Table
from tests.conftest import act


def _run_session(make_room: Any) -> dict[str, Any]:
    """Notes, +1s, a theme, a hidden note, a deleted note, votes; then end and export."""
    room = make_room("demo", "fi")
    console = room.console()
    pros = [room.join("", "professional") for _ in range(3)]
    clients = [room.join("", "client") for _ in range(3)]
    lone = room.join("Maija", "ngo")
    assert act(console, "workshop.start")["ok"]

    def note(phone: Any, text: str) -> int:
        ack = act(phone.sock, "note.add", {"text": text})
        assert ack["ok"], ack
        return int(ack["data"]["note"]["id"])

    a = note(pros[0], "Palvelupolulta puuttuu vastuuhenkilö.")
    note(clients[0], "Ajanvaraus netissä helpottaisi.")
    c = note(clients[1], "Palvelupolku katkeaa täysi-ikäisenä.")
    note(lone, "Järjestöjen vertaistuki mukaan palvelupolkuun.")
    hidden = note(pros[1], "Soita 040 765 4321")
    gone = note(clients[2], "Poistan tämän.")
    assert act(clients[2].sock, "note.delete", {"id": gone})["ok"]
    assert act(console, "item.hide", {"id": hidden, "hidden": True})["ok"]
    for phone in clients + pros[1:]:
        assert act(phone.sock, "note.plus", {"id": a})["ok"]
    assert act(pros[0].sock, "note.plus", {"id": c})["ok"]
    theme = act(console, "theme.create", {"label": "Palvelupolun jatkuvuus"})["data"]["theme"]
    for item in (a, c):
        assert act(console, "note.theme", {"id": item, "theme": theme["id"]})["ok"]
    assert act(console, "phase.next")["ok"]
    for phone in pros + clients:
        assert act(phone.sock, "vote.add", {"item": _first_item(phone)})["ok"]
    assert act(console, "workshop.end")["ok"]
    with room.app.app_context():
        workshop = db.session.get(Workshop, room.id)
        assert workshop is not None
        return export_workshop(db.session, workshop)


def _first_item(phone: Any) -> int:
    ack = phone.sock.emit("sync", callback=True)
    assert ack["ok"], ack
    return int(ack["data"]["view"]["items"][0]["id"])


def test_minutes_of_a_real_session(make_room: Any, app: Any) -> None:
    export = _run_session(make_room)
    minutes = build_minutes(export, "en", decisions=["Pilot online booking."], analyser="voikko")
    text = render_markdown(minutes)
    assert Heading(3, "Theme: Palvelupolun jatkuvuus") in minutes.blocks
    quoted = {b.text for b in minutes.blocks if isinstance(b, Quote)}
    assert "Palvelupolulta puuttuu vastuuhenkilö." in quoted
    roles = {
        row[1]: row[2] for b in minutes.blocks if isinstance(b, Table) and b.columns[0] == "No."
        for row in b.rows
    }  # fmt: skip
    assert roles["Palvelupolulta puuttuu vastuuhenkilö."] == "Professional"
    # The one NGO participant is folded into "Other" (fewer than 3): no label on the note.
    assert roles["Järjestöjen vertaistuki mukaan palvelupolkuun."] == ""
    assert "1 note hidden by the facilitator is not shown." in text
    assert "040 765 4321" not in text and "Poistan tämän." not in text
    assert "Maija" not in text
    results = next(b for b in minutes.blocks if isinstance(b, Table) and b.caption == "Results")
    assert results.rows[0][2] == "6"  # six votes on the first item
    assert "- Pilot online booking." in text
    assert "Voikko" in minutes.footer
    # Byte-identical on a second run.
    again = build_minutes(export, "en", decisions=["Pilot online booking."], analyser="voikko")
    assert render_markdown(again) == text
    # The app's method registry gives the same sections as the built-in table.
    registry = app.extensions["facilitator.methods"]
    through_app = build_minutes(
        export, "en", decisions=["Pilot online booking."], analyser="voikko", methods=registry
    )
    assert render_markdown(through_app) == text
