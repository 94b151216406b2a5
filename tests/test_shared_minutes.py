"""The facilitator may show the minutes to phones and the projector; nobody sees them before."""

from __future__ import annotations

from tests.conftest import act, events


def test_minutes_are_shown_only_once_the_facilitator_shares_them(make_room) -> None:
    room = make_room()
    console = room.console()
    projector = room.projector()
    phone = room.join(name="Aino")
    act(console, "workshop.start")
    assert act(phone.sock, "note.add", {"text": "Matala kynnys"}, phase=room.phase_id(0))["ok"]
    act(console, "workshop.end")
    workshop = room.workshop
    phone_url = f"/w/{workshop.join_code}/minutes"
    projector_url = f"/p/{workshop.id}/{workshop.projector_token}/minutes"

    assert phone.http.get(phone_url).status_code == 404
    assert room.app.test_client().get(projector_url).status_code == 404
    assert phone.sock.emit("sync", callback=True)["data"]["minutes_shared"] is False
    events(projector)

    response = room.console_http.post(f"/console/{room.id}/minutes/share", data={"shared": "on"})
    assert response.status_code == 302

    shared = [e for e in events(projector) if e["type"] == "minutes.shared"]
    assert [e["data"] for e in shared] == [{"shared": True}]
    seen = [e for e in events(phone.sock) if e["type"] == "minutes.shared"]
    assert seen[0]["seq"] == shared[0]["seq"]
    assert phone.sock.emit("sync", callback=True)["data"]["minutes_shared"] is True
    page = phone.http.get(phone_url)
    assert page.status_code == 200
    assert "Matala kynnys" in page.get_data(as_text=True)
    assert room.app.test_client().get(projector_url).status_code == 200

    room.console_http.post(f"/console/{room.id}/minutes/share", data={})
    assert [e["data"] for e in events(projector) if e["type"] == "minutes.shared"] == [
        {"shared": False}
    ]
    assert phone.http.get(phone_url).status_code == 404


def test_a_stranger_cannot_read_shared_minutes(make_room) -> None:
    room = make_room()
    console = room.console()
    act(console, "workshop.start")
    act(console, "workshop.end")
    room.console_http.post(f"/console/{room.id}/minutes/share", data={"shared": "on"})
    workshop = room.workshop
    stranger = room.app.test_client()
    response = stranger.get(f"/w/{workshop.join_code}/minutes")
    assert response.status_code == 302 and f"/j/{workshop.join_code}" in response.location
    assert stranger.get(f"/p/{workshop.id}/wrong-token/minutes").status_code == 404
