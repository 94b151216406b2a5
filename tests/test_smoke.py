from tests.conftest import act, events


def test_phone_note_reaches_projector(make_room):
    room = make_room()
    console = room.console()
    projector = room.projector()
    phone = room.join(name="Anna", role="client")
    assert act(console, "workshop.start")["ok"]
    phase_id = room.phase_id(0)
    ack = act(phone.sock, "note.add", {"text": "Matala kynnys"}, phase=phase_id)
    assert ack["ok"], ack
    got = [e for e in events(projector) if e["type"] == "note.added"]
    assert got[0]["data"]["note"]["text"] == "Matala kynnys"
    assert "author" not in got[0]["data"]["note"]
    staff = [e for e in events(console) if e["type"] == "note.added"]
    assert staff[0]["data"]["note"]["author"] == "Anna"
