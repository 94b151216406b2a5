"""Refusals are translated to the seat's language, in the one error shape."""

from __future__ import annotations

from tests.conftest import act
from tests.realtime.helpers import error_code, snapshot
from tests.realtime.helpers import message as expected


def test_each_phone_gets_refusals_in_its_own_language(make_room):
    room = make_room()
    code = room.workshop.join_code
    phones = {}
    for locale in ("fi", "sv", "en"):
        phone = room.join()
        phone.http.post(f"/w/{code}/me?lang={locale}", data={"locale": locale})
        phones[locale] = phone
    # The language is fixed at connect: reconnect after choosing it.
    from facilitator.extensions import socketio

    for locale, phone in phones.items():
        phone.sock.disconnect()
        phone.sock = socketio.test_client(
            room.app,
            flask_test_client=phone.http,
            auth={"workshop": room.id, "role": "participant"},
        )
        assert phone.sock.is_connected()
        assert snapshot(phone.sock)["me"]["locale"] == locale
        ack = act(phone.sock, "note.add", {"text": "x"})
        assert error_code(ack) == "not_started"
        assert ack["error"]["message"] == expected("not_started", locale), locale
        ack = act(phone.sock, "phase.next")
        assert ack["error"]["message"] == expected("forbidden", locale), locale
    assert expected("forbidden", "en") == "Only the facilitator can do this."


def test_a_message_with_a_number_is_filled_in(make_room):
    room = make_room()
    console = room.console()
    phone = room.join()
    act(console, "workshop.start")
    ack = act(phone.sock, "note.add", {"text": "x" * 300})
    assert ack["error"]["message"] == expected("too_long", "fi", max=280)
    assert "280" in ack["error"]["message"]
