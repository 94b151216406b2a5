"""One load-generator process: many asyncio Socket.IO clients, a paced sender, arrival times.

The parent (``bench/fanout.py``) starts one to a few of these with ``multiprocessing`` (spawn) and
talks to each over a pipe:

1. the worker given the projector connects it first and answers ``("projector", ok)``; every
   worker then connects its phones and answers ``("connected", info)``;
2. the parent answers ``("go", t0)``; the run's notes are evenly paced from wall-clock time
   ``t0``, the workers taking turns; each note goes from a random one of the worker's own phones
   with its send time in the text;
3. once the run's notes have reached all its clients (or after a drain timeout) it answers
   ``("done", result)``: every note it sent, how many of its clients saw each, the latencies.

Every process on one machine shares the same wall clock, so ``time.time()`` at the receiver minus
the send time written into the note is the end-to-end latency, including the time the sending and
the receiving client processes take to run their event loops (measured and reported as loop lag).
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import time
import uuid
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import socketio

SERVER = "server"
FLOOR = "floor"


@dataclass
class Spec:
    """What one worker does."""

    index: int
    url: str
    target: str  # "server" or "floor"
    workshop_id: int
    cookies: list[str]  # one Cookie header per phone (empty strings for the floor)
    projector_token: str | None  # the projector is one extra client in worker 0
    rate: float  # notes per second, all workers together
    duration: float
    drain: float = 5.0
    connect_concurrency: int = 25
    seed: int = 0
    workers: int = 1


@dataclass
class Client:
    """One Socket.IO connection and what it saw."""

    sio: socketio.AsyncClient
    role: str
    phase_id: int | None = None
    connected: bool = False
    disconnected: bool = False


@dataclass
class Tally:
    """Arrivals recorded by the event handlers."""

    phone_latency: array = field(default_factory=lambda: array("d"))
    projector_latency: array = field(default_factory=lambda: array("d"))
    phone_seen: Counter = field(default_factory=Counter)
    projector_seen: Counter = field(default_factory=Counter)
    foreign: int = 0  # note.added events that are not from this run
    timeline: array = field(default_factory=lambda: array("d"))  # (send time, latency) pairs


def total_notes(spec: Spec) -> int:
    """How many notes the whole run sends."""
    return round(spec.rate * spec.duration)


def note_text(worker: int, number: int, sent: float) -> str:
    """The note body: who sent it, its number and the send time."""
    return f"bench {worker}:{number} {sent:.6f}"


def parse_text(text: str) -> tuple[str, float] | None:
    """(key, send time) from a note body, or None for a note not made by this benchmark."""
    parts = text.split(" ")
    if len(parts) != 3 or parts[0] != "bench":
        return None
    try:
        return parts[1], float(parts[2])
    except ValueError:
        return None


def make_client(role: str, tally: Tally) -> Client:
    """A client whose `ev` handler records note arrivals."""
    sio = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    client = Client(sio, role)

    @sio.on("snapshot")
    async def snapshot(data: Any) -> None:
        """Remember the current phase id (the real server sends a snapshot on connect)."""
        phase = data.get("phase") if isinstance(data, dict) else None
        if isinstance(phase, dict):
            client.phase_id = phase.get("id")

    @sio.on("ev")
    async def ev(data: Any) -> None:
        """Record the arrival of a benchmark note."""
        now = time.time()
        if not isinstance(data, dict) or data.get("type") != "note.added":
            return
        note = (data.get("data") or {}).get("note") or {}
        parsed = parse_text(note.get("text") or "")
        if parsed is None:
            tally.foreign += 1
            return
        key, sent = parsed
        tally.timeline.append(sent)
        tally.timeline.append(now - sent)
        if client.role == "projector":
            tally.projector_latency.append(now - sent)
            tally.projector_seen[key] += 1
        else:
            tally.phone_latency.append(now - sent)
            tally.phone_seen[key] += 1

    @sio.on("disconnect")
    async def disconnect(*_: Any) -> None:
        """Note that the server (or the network) closed this connection."""
        client.disconnected = True

    return client


async def connect(client: Client, spec: Spec, cookie: str, auth: dict[str, Any]) -> str | None:
    """Connect over WebSocket only; None on success, else the reason."""
    headers = {"Cookie": cookie} if cookie else {}
    try:
        await client.sio.connect(
            spec.url,
            headers=headers,
            auth=auth,
            transports=["websocket"],
            wait_timeout=60,
        )
    except Exception as exc:  # a refused or timed-out connection is a result, not a crash
        return f"{type(exc).__name__}: {exc}"
    client.connected = True
    return None


async def wait_for_snapshot(clients: list[Client], timeout: float) -> None:
    """The real server sends a snapshot on connect; the phase id comes from it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(c.phase_id is not None for c in clients if c.connected):
            return
        await asyncio.sleep(0.05)


async def loop_lag_monitor(samples: array, stop: asyncio.Event, every: float = 0.05) -> None:
    """How late the event loop wakes up: a loaded client process inflates latencies."""
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(every)
        samples.append(time.perf_counter() - before - every)


def cpu_seconds() -> float:
    """User + system CPU time of this process."""
    times = os.times()
    return times.user + times.system


async def drain(
    spec: Spec,
    sent: list[dict[str, Any]],
    phones: list[Client],
    projector: Client | None,
    tally: Tally,
) -> None:
    """Wait until every worker's notes have reached all of this worker's clients, at most ``drain``.

    Note ``k`` of the run (``0 <= k < rate * duration``) is sent by worker ``k % workers`` and
    keyed ``<worker>:<k>``, so each worker knows every key to expect. A note the server refused
    never arrives, which only makes the wait run to the drain timeout; what is still missing then
    is counted as lost.
    """
    keys = [f"{k % spec.workers}:{k}" for k in range(total_notes(spec))]
    refused = {s["key"] for s in sent if not s["ok"]}
    deadline = time.monotonic() + spec.drain
    while time.monotonic() < deadline:
        phones_live = sum(1 for p in phones if not p.disconnected)
        want_projector = projector is not None and projector.connected
        if all(
            tally.phone_seen[key] >= phones_live
            and (not want_projector or tally.projector_seen[key] >= 1)
            for key in keys
            if key not in refused
        ):
            return
        await asyncio.sleep(0.05)


async def run(spec: Spec, conn: Any) -> None:
    """The whole life of one worker (see the module docstring)."""
    rng = random.Random(spec.seed * 1000 + spec.index)
    tally = Tally()
    phones = [make_client("phone", tally) for _ in spec.cookies]
    projector = make_client("projector", tally) if spec.projector_token is not None else None

    gate = asyncio.Semaphore(spec.connect_concurrency)
    role_auth = {"workshop": spec.workshop_id, "role": "participant"}

    async def one(client: Client, cookie: str, auth: dict[str, Any]) -> str | None:
        """Connect one client, a bounded number at a time."""
        async with gate:
            return await connect(client, spec, cookie, auth)

    started = time.monotonic()
    failures = []
    if projector is not None:
        # The projector is opened before the phones join, as in a real room: it is first in the
        # room, so the server's fan-out reaches it first.
        projector_auth = {
            "workshop": spec.workshop_id,
            "role": "projector",
            "token": spec.projector_token,
        }
        reason = await connect(projector, spec, "", projector_auth)
        failures += [reason] if reason else []
        conn.send(("projector", reason is None))
    jobs = [one(p, c, role_auth) for p, c in zip(phones, spec.cookies, strict=True)]
    failures += [reason for reason in await asyncio.gather(*jobs) if reason]
    if spec.target == SERVER:
        await wait_for_snapshot(phones, timeout=30)
    connect_seconds = time.monotonic() - started
    live_phones = [p for p in phones if p.connected]
    conn.send(
        (
            "connected",
            {
                "phones": len(live_phones),
                "projector": bool(projector and projector.connected),
                "failures": failures[:5],
                "failed": len(failures),
                "seconds": connect_seconds,
            },
        )
    )

    message = await asyncio.to_thread(conn.recv)
    assert message[0] == "go", message
    t0: float = message[1]

    lag = array("d")
    stop = asyncio.Event()
    await asyncio.sleep(max(0.0, t0 - time.time()))
    monitor = asyncio.create_task(loop_lag_monitor(lag, stop))
    cpu_before = cpu_seconds()

    sent: list[dict[str, Any]] = []
    pending: set[asyncio.Task[Any]] = set()
    mine = range(spec.index, total_notes(spec), spec.workers)
    senders = [p for p in live_phones if spec.target == FLOOR or p.phase_id is not None]

    async def send_one(number: int) -> None:
        """Send note ``number`` from a random phone and record its ack."""
        client = rng.choice(senders)
        now = time.time()
        key = f"{spec.index}:{number}"
        text = note_text(spec.index, number, now)
        record: dict[str, Any] = {"key": key, "sent": now, "ack": None, "ok": False, "error": ""}
        sent.append(record)
        if spec.target == SERVER:
            event, payload = (
                "act",
                {
                    "op": uuid.uuid4().hex,
                    "phase": client.phase_id,
                    "type": "note.add",
                    "data": {"text": text},
                },
            )
        else:
            event, payload = "note", {"text": text}
        try:
            ack = await client.sio.call(event, payload, timeout=30)
        except Exception as exc:
            record["error"] = f"{type(exc).__name__}"
            return
        record["ack"] = time.time() - now
        record["ok"] = bool(isinstance(ack, dict) and ack.get("ok"))
        if not record["ok"]:
            record["error"] = str((ack or {}).get("error", {}).get("code", "refused"))

    if senders and mine:
        # The run's notes are evenly paced; the workers take turns (note k from worker k % W).
        for number in mine:
            due = t0 + number / spec.rate
            delay = due - time.time()
            if delay > 0:
                await asyncio.sleep(delay)
            task = asyncio.create_task(send_one(number))
            pending.add(task)
            task.add_done_callback(pending.discard)
    else:
        await asyncio.sleep(max(0.0, t0 + spec.duration - time.time()))
    send_end = time.time()
    cpu_used = cpu_seconds() - cpu_before
    if pending:
        await asyncio.wait(pending, timeout=30)
    await drain(spec, sent, live_phones, projector, tally)
    cpu_total = cpu_seconds() - cpu_before
    stop.set()
    await monitor

    result = {
        "index": spec.index,
        "sent": sent,
        "send_seconds": send_end - t0,
        "phones": len(live_phones),
        "phones_dropped": sum(1 for p in live_phones if p.disconnected),
        "projector": bool(projector and projector.connected),
        "projector_dropped": bool(projector and projector.disconnected),
        "phone_seen": dict(tally.phone_seen),
        "projector_seen": dict(tally.projector_seen),
        "phone_latency": tally.phone_latency.tobytes(),
        "projector_latency": tally.projector_latency.tobytes(),
        "foreign": tally.foreign,
        "timeline": tally.timeline.tobytes(),
        "loop_lag": lag.tobytes(),
        "cpu_seconds": cpu_used,
        "cpu_total": cpu_total,
    }
    conn.send(("done", result))
    clients = [*phones, *([projector] if projector else [])]
    await asyncio.gather(
        *(c.sio.disconnect() for c in clients if c.connected), return_exceptions=True
    )


def main(spec: Spec, conn: Any) -> None:
    """Process entry point (multiprocessing target)."""
    # Dropped connections are counted and reported; the client libraries' own log is noise.
    logging.getLogger("engineio.client").setLevel(logging.CRITICAL)
    logging.getLogger("socketio.client").setLevel(logging.CRITICAL)
    try:
        asyncio.run(run(spec, conn))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        raise
