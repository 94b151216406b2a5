"""Turning a suggested theme into a named theme on the minutes page."""

from __future__ import annotations

import re

from flask import Flask

from facilitator.extensions import db
from facilitator.minutes import service
from facilitator.models import Workshop, WorkshopMinutes
from tests.conftest import Room, act

NOTES = (
    "bussilippu maksaa liikaa",
    "bussilippu on kallis ja matka pitkä",
    "bussi kulkee harvoin illalla",
    "kahvi ja lehti aamulla",
)


def _ended_room(make_room) -> Room:  # type: ignore[no-untyped-def]
    room = make_room()
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    phone = room.join("", "client")
    for text in NOTES:
        assert act(phone.sock, "note.add", {"text": text}, phase=room.phase_id(0))["ok"]
    assert act(console, "workshop.end")["ok"]
    room.console_http.set_cookie("lang", "en")
    return room


def _record(app: Flask, room: Room) -> WorkshopMinutes:
    with app.app_context():
        record = service.get(db.session, db.session.get(Workshop, room.id))
        assert record is not None
        db.session.expunge(record)
        return record


def _suggestion_form(page: str) -> dict[str, list[str]]:
    form = re.search(r'<form[^>]*class="suggestion">(.*?)</form>', page, re.S)
    assert form, "no suggestion on the page"
    fields = re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', form.group(1))
    out: dict[str, list[str]] = {}
    for name, value in fields:
        out.setdefault(name, []).append(value)
    return out


def test_a_suggestion_becomes_the_groups_named_theme(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """The page offers the suggestion with its notes; naming it states it as a theme."""
    room = _ended_room(make_room)
    client = room.console_http
    page = client.get(f"/console/{room.id}/minutes").get_data(as_text=True)
    assert "Suggested themes" in page and "bussilippu maksaa liikaa" in page
    form = _suggestion_form(page)
    assert len(form["notes"]) >= 2
    before = _record(app, room).body
    assert "Matkat ja kulut" not in before
    answer = client.post(
        f"/console/{room.id}/minutes/themes",
        data={"phase": form["phase"][0], "notes": form["notes"], "name": " Matkat  ja kulut "},
    )
    assert answer.status_code == 302
    record = _record(app, room)
    assert record.themes == [
        {
            "phase": form["phase"][0],
            "name": "Matkat ja kulut",
            "notes": sorted(map(int, form["notes"])),
        }
    ]
    # Regenerated: the theme is stated as the group's own, with its notes quoted under it.
    assert "### Teema: Matkat ja kulut" in record.body  # the workshop's language: Finnish
    page = client.get(f"/console/{room.id}/minutes").get_data(as_text=True)
    assert "“Matkat ja kulut” is now a theme of the group." in page
    assert "Named themes" in page
    # Its notes are no longer offered as a suggestion.
    assert 'value="' + form["notes"][0] + '"' not in re.sub(
        r"named-themes.*?</ul>", "", page, flags=re.S
    )

    # Removing it brings the suggestion back.
    client.post(f"/console/{room.id}/minutes/themes", data={"action": "remove", "index": "0"})
    record = _record(app, room)
    assert record.themes == [] and "Matkat ja kulut" not in record.body


def test_bad_theme_input_is_refused_with_a_clear_message(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    """No name, notes of another phase or gone, a theme already removed: nothing is stored."""
    room = _ended_room(make_room)
    client = room.console_http
    form = _suggestion_form(client.get(f"/console/{room.id}/minutes").get_data(as_text=True))
    url = f"/console/{room.id}/minutes/themes"
    cases = [
        (
            {"phase": form["phase"][0], "notes": form["notes"], "name": "   "},
            "Give the theme a name.",
        ),
        (
            {"phase": form["phase"][0], "notes": ["999999"], "name": "X"},
            "The notes of this suggestion have changed.",
        ),
        (
            {"phase": form["phase"][0], "notes": ["abc"], "name": "X"},
            "The notes of this suggestion have changed.",
        ),
        (
            {"phase": "nope", "notes": form["notes"], "name": "X"},
            "This phase is no longer in the workshop.",
        ),
        ({"action": "remove", "index": "3"}, "That theme was already removed."),
    ]
    for data, message in cases:
        page = client.post(url, data=data, follow_redirects=True).get_data(as_text=True)
        assert message in page, message
        assert _record(app, room).themes == []
