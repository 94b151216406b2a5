"""Many phones and a projector on one real server: every note reaches the big screen exactly
once, in seq order; in gevent (the default) and in eventlet mode."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from tests.live.conftest import USERNAME, started
from tests.support.clients import (
    Facilitator,
    Phone,
    assert_stream,
    bounded,
    projector,
    wait_for,
)
from tests.support.server import LiveServer

pytestmark = pytest.mark.live

NOTES_PER_PHONE = 4


async def room_of_phones(server: LiveServer, count: int) -> None:
    """``count`` phones write notes at once; check the projector's stream and the database."""
    fasi = Facilitator(server, USERNAME)
    workshop = fasi.create_workshop()
    console = await fasi.console(workshop.id)
    assert (await console.act("workshop.start"))["ok"]
    screen = await projector(server.url, workshop)
    since = screen.snapshots[-1]["seq"]
    phase = screen.phase_id

    # Half the phones start as a browser does, long-polling then upgrading to a WebSocket.
    browser_like = ("polling", "websocket")
    phones = [
        Phone(
            server.url, workshop, name=f"p{i}", transports=browser_like if i % 2 else ("websocket",)
        )
        for i in range(count)
    ]
    await bounded([p.join() for p in phones], limit=10)
    await bounded([p.connect() for p in phones], limit=10)
    for phone in phones:
        for n in range(NOTES_PER_PHONE):
            phone.send("note.add", {"text": f"{phone.name} note {n}"}, phase)
    await asyncio.gather(*(p.drained(60) for p in phones))

    acked = [e.ack for p in phones for e in p.entries]
    assert all(a and a["ok"] for a in acked), [a for a in acked if not (a and a["ok"])][:3]
    note_ids = {a["data"]["note"]["id"] for a in acked if a}
    assert len(note_ids) == count * NOTES_PER_PHONE

    def all_seen() -> bool:
        seen = {e["data"]["note"]["id"] for e in screen.events if e["type"] == "note.added"}
        return seen >= note_ids

    await wait_for(all_seen, 30, "the projector did not get every note")
    await asyncio.sleep(0.3)  # anything duplicated late would arrive now
    stream = assert_stream(screen, since)
    added = [e["data"]["note"]["id"] for e in stream if e["type"] == "note.added"]
    assert sorted(added) == sorted(note_ids), "a note reached the projector twice or never"
    texts = [e["data"]["note"]["text"] for e in stream if e["type"] == "note.added"]
    assert len(set(texts)) == len(texts)
    # The facilitator's console got the same events, same seq, in the same order.
    await wait_for(lambda: len(console.events) >= len(screen.events), 10, "console behind")
    assert [e["seq"] for e in assert_stream(console, since)] == [e["seq"] for e in stream]
    # The long-polling phones upgraded, so the server's WebSocket upgrade path works too.
    assert {p.screen.sio.transport() for p in phones if p.screen} == {"websocket"}
    await asyncio.gather(*(p.close() for p in phones))
    await screen.close()
    await console.close()


def test_thirty_phones_and_a_projector(gevent_server: LiveServer) -> None:
    """30 phones write at once; the projector sees each note once, in seq order."""
    asyncio.run(room_of_phones(gevent_server, 30))
    assert "running (gevent)" in gevent_server.log(None)


@pytest.fixture(scope="module")
def eventlet_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server in eventlet mode (FACILITATOR_ASYNC_MODE=eventlet)."""
    server = started(tmp_path_factory.mktemp("eventlet"), async_mode="eventlet")
    yield server
    server.stop()


def test_eventlet_mode_runs_the_same_room(eventlet_server: LiveServer) -> None:
    """The async mode is one setting: eventlet serves the same room correctly."""
    asyncio.run(room_of_phones(eventlet_server, 10))
    assert "running (eventlet)" in eventlet_server.log(None)
