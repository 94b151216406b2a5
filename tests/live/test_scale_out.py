"""Server mode: two processes on one PostgreSQL database and one Redis message queue.

Phones on both processes, a projector on one and the console on the other: every event reaches
every screen once and in seq order, and the per-workshop lock really serialises writers across
processes (vote budgets hold under concurrent votes from both, seq never repeats).
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis

from tests.live.conftest import USERNAME
from tests.support.clients import (
    PASSWORD,
    Facilitator,
    Phone,
    Screen,
    assert_stream,
    bounded,
    create_account,
    projector,
    query,
    wait_for,
)
from tests.support.server import LiveServer

pytestmark = [pytest.mark.live, pytest.mark.postgres, pytest.mark.redis]

PG = "postgresql://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"
REDIS_DB = 7
PHONES_PER_SERVER = 6
NOTES = 3
SPREAD = 8  # votes go to this many items


@pytest.fixture()
def database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    name = f"fx_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(f"{PG}/test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def channel() -> Iterator[str]:
    """A message-queue channel of our own (Redis pub/sub ignores db numbers)."""
    name = f"fx-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(f"{REDIS}/{REDIS_DB}")
    try:
        assert client.ping(), "Redis must run at 127.0.0.1:6379"
    finally:
        client.close()
    yield name


def _start_both(servers: list[LiveServer]) -> None:
    """Start every process at once: they migrate the same empty database concurrently."""
    errors: list[BaseException] = []

    def run(server: LiveServer) -> None:
        try:
            server.start(timeout=60)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


@pytest.fixture(params=["gevent", "eventlet"])
def two_servers(
    request: pytest.FixtureRequest, tmp_path: Path, database: str, channel: str
) -> Iterator[list[LiveServer]]:
    """Two processes (async mode from the param) sharing the database and the message queue."""
    env = {
        "FACILITATOR_DATABASE_URL": database,
        "FACILITATOR_MESSAGE_QUEUE_URL": f"{REDIS}/{REDIS_DB}",
        "FACILITATOR_MESSAGE_QUEUE_CHANNEL": channel,
    }
    servers = [
        LiveServer(tmp_path / name, async_mode=request.param, env=env) for name in ("a", "b")
    ]
    try:
        _start_both(servers)
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_two_processes_share_order_and_locks(two_servers: list[LiveServer]) -> None:
    """Notes from both processes reach both screens once, in order; budgets hold."""
    a, b = two_servers
    mode = f"running ({a.async_mode})"
    assert mode in a.log(None) and mode in b.log(None)
    tables = query(a, "SELECT version_num FROM alembic_version")
    assert len(tables) == 1, "the schema was migrated once"
    a.create_user(USERNAME, PASSWORD)
    report = asyncio.run(_scenario(a, b))
    for server in (a, b):
        assert "action failed" not in server.log(None)
        assert "Traceback" not in _without_template_errors(server.log(None))
    assert report["accepted"] == report["budget"] * report["voters"]


def _without_template_errors(log: str) -> str:
    """Pages still being written elsewhere may be missing; that is not this test's business."""
    blocks = log.split("Traceback")
    return "Traceback".join(b for b in blocks if "TemplateNotFound" not in b)


async def _scenario(a: LiveServer, b: LiveServer) -> dict[str, Any]:
    fasi = Facilitator(a, USERNAME)
    workshop = fasi.create_workshop()
    console = await fasi.console(workshop.id, url=b.url)  # the console on the other process
    assert (await console.act("workshop.start"))["ok"]
    screen = await projector(a.url, workshop)
    since = screen.snapshots[-1]["seq"]
    phase = screen.phase_id

    phones = [
        Phone(server.url, workshop, name=f"{tag}{i}")
        for tag, server in (("a", a), ("b", b))
        for i in range(PHONES_PER_SERVER)
    ]
    await bounded([p.join() for p in phones], limit=10)
    await bounded([p.connect() for p in phones], limit=10)
    for phone in phones:
        for n in range(NOTES):
            phone.send("note.add", {"text": f"{phone.name} note {n}"}, phase)
    await asyncio.gather(*(p.drained(60) for p in phones))
    note_ids = {e.ack["data"]["note"]["id"] for p in phones for e in p.entries if e.ack}
    assert len(note_ids) == len(phones) * NOTES

    def seen(s: Screen) -> set[int]:
        return {e["data"]["note"]["id"] for e in s.events if e["type"] == "note.added"}

    await wait_for(lambda: seen(screen) >= note_ids, 30, "projector missed notes")
    await wait_for(lambda: seen(console) >= note_ids, 30, "console missed notes")

    # Voting: each voter has a socket on each process and spends votes from both at once.
    assert (await console.act("phase.next", phase=phase))["ok"]
    vote_phase = (await console.sync())["phase"]["id"]
    voters = phones[:2] + phones[-1:]  # two on one process, one on the other
    twins = []
    for phone in voters:
        other = b.url if phone.url == a.url else a.url
        twin = Screen(
            other,
            {"workshop": workshop.id, "role": "participant"},
            cookies={f"seat_{workshop.id}": phone.seat_token},
        )
        await twin.connect()
        twins.append(twin)
    view = (await twins[0].sync())["view"]
    items = [i["id"] for i in view["items"]]
    budget, cap = view["budget"], view["per_item"]
    tries = budget + 2  # from each of the two sockets: more than the budget together

    async def spend(socket: Screen, offset: int) -> list[dict[str, Any]]:
        calls = [
            socket.act(
                "vote.add", {"item": items[(offset + k) % SPREAD]}, phase=vote_phase, timeout=60
            )
            for k in range(tries)
        ]
        return list(await asyncio.gather(*calls))

    started = time.monotonic()
    results = await asyncio.gather(
        *(spend(p.screen, 0) for p in voters if p.screen),
        *(spend(t, 1) for t in twins),
    )
    elapsed = time.monotonic() - started
    acks = [ack for batch in results for ack in batch]
    print(f"{len(acks)} concurrent votes over two processes in {elapsed:.1f}s")
    codes = Counter("ok" if ack["ok"] else ack["error"]["code"] for ack in acks)
    assert set(codes) <= {"ok", "no_votes_left", "item_vote_cap", "rate_limited"}, codes
    # Both limits are contended: the budget, and `cap` votes on each of SPREAD items.
    per_voter = min(budget, SPREAD * cap)
    rows = query(
        a,
        "SELECT participant_id, parent_id, value FROM contributions "
        "WHERE kind = 'vote' AND phase_id = :phase",
        phase=vote_phase,
    )
    spent = Counter[int]()
    for participant, _item, value in rows:
        spent[participant] += value
        assert value <= cap, "a per-item cap was exceeded"
    pairs = Counter((participant, item) for participant, item, _ in rows)
    assert max(pairs.values()) == 1, "two vote rows for one person and item"
    assert sorted(spent.values()) == [per_voter] * len(voters), spent
    assert codes["ok"] == per_voter * len(voters), codes

    # One seq stream on both screens: no gap, no repeat, the same on both processes.
    await asyncio.sleep(0.5)
    last = query(a, "SELECT seq FROM workshops WHERE id = :id", id=workshop.id)[0][0]
    await wait_for(lambda: screen.events and screen.events[-1]["seq"] == last, 20, "behind")
    await wait_for(lambda: console.events and console.events[-1]["seq"] == last, 20, "behind")
    public = assert_stream(screen, since)
    staff = assert_stream(console, since)
    assert [e["seq"] for e in public] == [e["seq"] for e in staff]
    added = [e["data"]["note"]["id"] for e in public if e["type"] == "note.added"]
    assert sorted(added) == sorted(note_ids)

    for s in [screen, console, *twins]:
        await s.close()
    await asyncio.gather(*(p.close() for p in phones))
    return {"accepted": codes["ok"], "budget": per_voter, "voters": len(voters)}


@pytest.fixture()
def pg_server(tmp_path: Path, database: str, channel: str) -> Iterator[LiveServer]:
    """One gevent process on a fresh PostgreSQL database with the message queue."""
    env = {
        "FACILITATOR_DATABASE_URL": database,
        "FACILITATOR_MESSAGE_QUEUE_URL": f"{REDIS}/{REDIS_DB}",
        "FACILITATOR_MESSAGE_QUEUE_CHANNEL": channel,
    }
    server = LiveServer(tmp_path / "one", env=env)
    try:
        server.start(timeout=60)
        create_account(server, USERNAME)
        yield server
    finally:
        server.stop()


ROOMS = 40


def test_many_rooms_at_once_do_not_exhaust_the_pool(pg_server: LiveServer) -> None:
    """40 workshops write at the same moment in one process: each transaction holds a lock
    connection and a session connection, and the pool must not fill up with lock connections."""
    elapsed = asyncio.run(_many_rooms(pg_server))
    print(f"{ROOMS} rooms × 3 notes at once: {elapsed:.1f}s")
    assert "action failed" not in pg_server.log(None)


async def _many_rooms(server: LiveServer) -> float:
    fasi = Facilitator(server, USERNAME)
    rooms = [fasi.create_workshop(title=f"Room {i}") for i in range(ROOMS)]
    for room in rooms:
        console = await fasi.console(room.id)
        assert (await console.act("workshop.start"))["ok"]
        await console.close()
    phones = [Phone(server.url, room, name=f"r{room.id}") for room in rooms]
    await bounded([p.join() for p in phones], limit=10)
    await bounded([p.connect() for p in phones], limit=10)
    started = time.monotonic()
    for phone in phones:
        assert phone.screen is not None
        for n in range(3):
            phone.send("note.add", {"text": f"{phone.name} {n}"}, phone.screen.phase_id)
    await asyncio.gather(*(p.drained(60) for p in phones))
    elapsed = time.monotonic() - started
    entries = [e for p in phones for e in p.entries]
    assert all(e.ack and e.ack["ok"] for e in entries)
    # A pool run dry shows as server errors (the outbox retries them): there must be none.
    assert [code for e in entries for code in e.retried] == []
    await asyncio.gather(*(p.close() for p in phones))
    return elapsed
