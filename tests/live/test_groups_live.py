"""30 phones in 5 groups on a per-group brainstorm, on a real server: every note reaches its own
group's phones and the projector exactly once, and no other group's phone receives its text."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live.conftest import USERNAME, started
from tests.support.clients import Facilitator, Phone, assert_stream, bounded, projector, wait_for
from tests.support.server import LiveServer

pytestmark = pytest.mark.live

KITS = Path(__file__).resolve().parent / "kits"
PHONES = 30
GROUPS = 5
NOTES_PER_PHONE = 2


@pytest.fixture(scope="module")
def groups_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A gevent server offering the per-group kit."""
    server = started(
        tmp_path_factory.mktemp("groups"),
        env={"FACILITATOR_KITS_DIR": str(KITS), "FACILITATOR_JOIN_RATE": "10000 per minute"},
    )
    yield server
    server.stop()


def unique_stream(events: list[dict], since: int) -> list[dict]:
    """A phone's events by seq, the placeholder after an event it already had left out; the seq
    numbers it saw run without a gap."""
    by_seq: dict[int, dict] = {}
    for event in events:
        if event["seq"] > since:
            by_seq.setdefault(event["seq"], event)
    seqs = sorted(by_seq)
    assert seqs == list(range(since + 1, since + 1 + len(seqs))), "a phone saw a gap in seq"
    return [by_seq[s] for s in seqs]


async def groups_room(server: LiveServer) -> None:
    fasi = Facilitator(server, USERNAME)
    workshop = fasi.create_workshop(kit="live-groups")
    console = await fasi.console(workshop.id)
    phones = [Phone(server.url, workshop, name=f"p{i}") for i in range(PHONES)]
    await bounded([p.join() for p in phones], limit=10)
    assert (await console.act("workshop.start"))["ok"]
    # Half the phones are connected before the groups are formed (their rooms must follow),
    # half connect after (their rooms are right from the start).
    await bounded([p.connect() for p in phones[: PHONES // 2]], limit=10)
    assert (await console.act("groups.form", {"count": GROUPS}))["ok"]
    await bounded([p.connect() for p in phones[PHONES // 2 :]], limit=10)
    screen = await projector(server.url, workshop)
    phase = screen.phase_id

    group_of: dict[str, int] = {}
    since: dict[str, int] = {}
    for phone in phones:
        assert phone.screen is not None
        snap = await phone.screen.sync()  # what a phone does on the groups' resync event
        assert snap["me"]["group"] is not None, "a phone without a group"
        group_of[phone.name] = snap["me"]["group"]["id"]
        since[phone.name] = snap["seq"]
    assert sorted(Counter(group_of.values()).values()) == [6] * GROUPS
    screen_since = screen.snapshots[-1]["seq"]
    for phone in phones:
        for n in range(NOTES_PER_PHONE):
            phone.send("note.add", {"text": f"{phone.name}-note-{n}"}, phase)
    await asyncio.gather(*(p.drained(60) for p in phones))
    acked = [e.ack for p in phones for e in p.entries]
    assert all(a and a["ok"] for a in acked)
    total = PHONES * NOTES_PER_PHONE

    def projector_has_all() -> bool:
        added = [e for e in screen.events if e["type"] == "note.added"]
        return len(added) >= total

    await wait_for(projector_has_all, 30, "the projector did not get every note")
    await asyncio.sleep(0.5)  # anything late or duplicated would arrive now
    stream = assert_stream(screen, screen_since)
    shown = Counter(e["data"]["note"]["text"] for e in stream if e["type"] == "note.added")
    assert len(shown) == total and set(shown.values()) == {1}

    texts_of = {
        g: {f"{name}-note-{n}" for name, gg in group_of.items() if gg == g for n in range(2)}
        for g in set(group_of.values())
    }
    for phone in phones:
        assert phone.screen is not None
        own = texts_of[group_of[phone.name]]
        events = unique_stream(phone.screen.events, since[phone.name])
        got = Counter(e["data"]["note"]["text"] for e in events if e["type"] == "note.added")
        assert set(got) == own and set(got.values()) == {1}, phone.name
        # Nothing of another group anywhere in what this phone received, not even hidden.
        raw = json.dumps(phone.screen.events)
        for other, texts in texts_of.items():
            if other != group_of[phone.name]:
                assert not any(text in raw for text in texts), phone.name
    await asyncio.gather(*(p.close() for p in phones))
    await screen.close()
    await console.close()


def test_thirty_phones_in_five_groups(groups_server: LiveServer) -> None:
    """Every note reaches its own group and the projector exactly once, no other group."""
    asyncio.run(groups_room(groups_server))
