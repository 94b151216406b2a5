"""Socket fuzzing against the real server: well-formed and malformed envelopes, many of them.

Starts ``facilitator serve`` (gevent) on a temporary data folder (SQLite, or PostgreSQL with
``--database-url``), sets up a running workshop with a facilitator, phones and a projector, and
sends ``--envelopes`` messages within ``--seconds``:

- *well-formed* envelopes (an ``act`` with one envelope that passes the envelope schema, or a
  ``sync``) with random types and random data, from the console, phones and the projector on
  connections that send nothing else; every one must be answered, never with ``server_error``;
- *malformed* messages on other connections: deep nesting, extra arguments, unknown and reserved
  event names, other namespaces, binary packets, client acks, invalid JSON, unknown Engine.IO
  and Socket.IO packet types, huge ack ids, control characters, oversize frames, and garbage
  long-polling requests — from seated and unseated connections; the server may close these;
- every text carries a canary word that must never reach the server's log.

Afterwards the server's log must hold no traceback, no canary and few lines; a new phone must
still join and write a note. The result is printed as JSON; the exit status is 1 if a check
failed.

    .venv/bin/python -m bench.fuzz_socket --envelopes 100000 --seconds 900
    .venv/bin/python -m bench.fuzz_socket --envelopes 5000 --database-url postgresql+psycopg://…

The CI runs a short version on SQLite and PostgreSQL (tests/live/test_fuzz_socket.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from facilitator.realtime.controls import CONTROLS
from tests.support.clients import Facilitator, create_account, form_token
from tests.support.server import LiveServer

CANARY = "FUZZCANARY"
USERNAME = "fuzz"
# Every action type (workshop.end is left out so the room keeps running), and one unknown.
TYPES = [
    *sorted(t for t in CONTROLS.handlers if t != "workshop.end"),
    "note.add",
    "note.edit",
    "note.delete",
    "note.plus",
    "theme.create",
    "theme.rename",
    "theme.delete",
    "note.theme",
    "vote.add",
    "vote.remove",
    "no.such.action",
]
KEYS = ["id", "text", "on", "hidden", "index", "seconds", "label", "theme", "item", "locale"]
KEYS += ["on_behalf_role", "extra"]
#: Share of the envelopes: well-formed round trips, malformed messages, long-polling requests.
SHARES = {"clean": 0.4, "dirty": 0.55, "polling": 0.05}
SERVER_ENV = {
    # Well-formed envelopes should reach the gate, not the per-seat budget.
    "FACILITATOR_RATE_PER_SECOND": "100000",
    "FACILITATOR_RATE_BURST": "100000",
}


# --------------------------------------------------------------------------- random content


def random_text(rng: random.Random) -> str:
    """Text with the canary, sometimes with control characters, surrogates or zero-width."""
    pieces = [CANARY, rng.choice(["", " ", "ä", "\u200b", "\x00", "\x07", "\ud800", "👩\u200d👧"])]
    pieces.append("x" * rng.choice([0, 1, 10, 300, 600]))
    rng.shuffle(pieces)
    return "".join(pieces)


def random_value(rng: random.Random, depth: int = 0) -> Any:
    """A JSON value: scalars of every kind, small lists and objects."""
    roll = rng.random()
    if depth < 3 and roll < 0.1:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 3 and roll < 0.15:
        return {rng.choice(KEYS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 2))}
    return rng.choice(
        [
            None,
            True,
            False,
            rng.randint(-3, 40),
            rng.randint(-(2**70), 2**70),
            2**31,
            rng.random() * 1e6,
            random_text(rng),
            rng.choice(["fi", "sv", "en", "", "client", "professional"]),
        ]
    )


def plausible_data(rng: random.Random, type_: str) -> dict[str, Any]:
    """Data a real screen might send for ``type_`` (ids guessed from the first few hundred)."""
    item = rng.randint(1, 300)
    return {
        "note.add": {"text": random_text(rng)},
        "note.edit": {"id": item, "text": random_text(rng)},
        "note.delete": {"id": item},
        "note.plus": {"id": item, "on": rng.random() < 0.7},
        "theme.create": {"label": random_text(rng)[:80]},
        "theme.rename": {"id": item, "label": random_text(rng)[:80]},
        "note.theme": {"id": item, "theme": rng.choice([None, item + 1])},
        "vote.add": {"item": item},
        "vote.remove": {"item": item},
        "phase.goto": {"index": rng.randint(0, 3)},
        "phase.lock": {"on": rng.random() < 0.3},
        "item.hide": {"id": item, "hidden": rng.random() < 0.5},
        "spotlight.set": {"id": rng.choice([None, item])},
    }.get(type_, {})


def random_envelope(rng: random.Random) -> dict[str, Any]:
    """An envelope that passes the gate's envelope schema, with random type and data (a third
    of them with data a real screen might send, so handlers run as well as refusals)."""
    type_ = rng.choice(TYPES)
    if rng.random() < 0.35:
        data = plausible_data(rng, type_)
    else:
        data = {rng.choice(KEYS): random_value(rng) for _ in range(rng.randint(0, 3))}
    envelope: dict[str, Any] = {
        "op": uuid.UUID(int=rng.getrandbits(128)).hex,
        "type": type_,
        "data": data,
    }
    if rng.random() < 0.3:
        envelope["phase"] = rng.choice([None, rng.randint(-1, 40)])
    return envelope


def _deep(n: int, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "[" * n + "]" * n
    return '{"a":' * n + "1" + "}" * n


def malformed(rng: random.Random, ack_id: int) -> tuple[str | bytes, bool]:
    """One malformed frame (as sent on the WebSocket) and whether it carries an ack id that a
    well-behaved server answers (extra arguments, unknown event names)."""
    env = json.dumps(random_envelope(rng))
    text = json.dumps(random_text(rng))
    choices: list[tuple[str | bytes, bool]] = [
        (f"42{_deep(rng.randint(11, 3000), rng)}", False),
        (f'42["act",{_deep(rng.randint(11, 3000), rng)}]', False),
        (f'42{ack_id}["act",{env},{text}]', True),
        (f'42{ack_id}["sync",{{}},{text}]', True),
        (f'42{ack_id}["{CANARY}.event",{text}]', True),
        ('42["disconnect"]', False),
        ('42["connect",{}]', False),
        ('42["connect_error",{}]', False),
        (f'42{ack_id}["disc\\u006fnnect"]', False),
        (f'42/admin,["act",{env}]', False),
        (f'451-["act",{{"_placeholder":true,"num":0}},{text}]', False),
        (CANARY.encode() + b"\x00\xff", False),
        (f"43{ack_id}[{text}]", False),
        (f"44{text}", False),
        (f"47{text}", False),
        (f"4x{text}", False),
        ("4", False),
        (f'42["act",{{"op":{text}', False),
        (f"42[1,2,{text}", False),
        (f'42{{"a":{text}}}', False),
        (f"42{text}", False),
        ("42null", False),
        ("42[]", False),
        ("42[1]", False),
        ("42[null]", False),
        (f'42["{"e" * 300}"]', False),
        (f'42{"9" * 200}["act"]', False),
        (f'4599999999999-["act",{text}]', False),
        ("42" + "[" * rng.randint(1000, 6000), False),
        (f'42["act",{json.dumps(chr(0) * rng.randint(1, 2000))}]', False),
        ('42["act","' + "\\u" * rng.randint(10, 3000) + '"]', False),
        ('40{"workshop":1,"role":"facilitator"}', False),
        (f"9{text}", False),
        ("", False),
        (f"x{text}", False),
        (f"2probe{text}", False),
        ("5", False),
        ("6", False),
        ("3", False),
    ]
    if rng.random() < 0.01:
        choices.append(("1", False))  # an Engine.IO close: the server closes the connection
        choices.append(("41", False))  # a namespace disconnect
        choices.append((f'42["act",{json.dumps("x" * 200_000)}]', False))  # oversize frame
    return rng.choice(choices)


def garbage_polling_body(rng: random.Random) -> str:
    """A long-polling payload that is not a valid one (packets joined with \\x1e)."""
    parts = [
        rng.choice(["9", "x", "", "4", "42[", "42" + "[" * 2000, f"4{CANARY}", "b" + CANARY])
        for _ in range(rng.randint(1, 4))
    ]
    return "\x1e".join(parts)


# --------------------------------------------------------------------------- a raw connection


class RawSocket:
    """One Engine.IO connection over a WebSocket, speaking raw frames, answering pings."""

    def __init__(self, http: aiohttp.ClientSession, url: str, cookie: str, origin: str) -> None:
        self.http = http
        self.url = url
        self.cookie = cookie
        self.origin = origin
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None
        self.acks: dict[int, asyncio.Future[Any]] = {}
        self.next_id = 1
        self.namespace = asyncio.get_running_loop().create_future()
        self.closed = False

    refusal: str = ""

    async def open(self, auth: dict[str, Any] | None) -> bool:
        """Handshake, then connect the namespace with ``auth`` (None: stay unseated)."""
        ws_url = self.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        headers = {"Origin": self.origin}
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.ws = await self.http.ws_connect(ws_url, headers=headers, max_msg_size=0)
        opening = await self.ws.receive(timeout=15)
        if not (isinstance(opening.data, str) and opening.data.startswith("0")):
            raise RuntimeError(f"no Engine.IO open packet: {opening.data!r}")
        self.reader = asyncio.create_task(self._read())
        if auth is None:
            return False
        await self.send("40" + json.dumps(auth))
        return bool(await asyncio.wait_for(self.namespace, 15))

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for message in self.ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    continue
                data = message.data
                if data == "2":
                    await self.ws.send_str("3")
                elif data in ("1", "41"):  # the server closed the connection (or namespace)
                    await self.ws.close()
                    break
                elif data.startswith("40") and not self.namespace.done():
                    self.namespace.set_result(True)
                elif data.startswith("44") and not self.namespace.done():
                    self.refusal = data[2:80]
                    self.namespace.set_result(False)
                elif data.startswith("43"):
                    found = re.match(r"43(\d+)(.*)", data, re.DOTALL)
                    if found:
                        waiter = self.acks.pop(int(found.group(1)), None)
                        if waiter is not None and not waiter.done():
                            waiter.set_result(json.loads(found.group(2)))
        except Exception:  # the connection broke: every waiter learns it below
            pass
        finally:
            self.closed = True
            if not self.namespace.done():
                self.namespace.set_result(False)
            for waiter in self.acks.values():
                if not waiter.done():
                    waiter.set_result(None)

    async def send(self, frame: str | bytes) -> None:
        """Send one raw frame (text or binary)."""
        assert self.ws is not None
        if isinstance(frame, bytes):
            await self.ws.send_bytes(frame)
        else:
            await self.ws.send_str(frame)

    def take_id(self) -> int:
        """The next ack id."""
        self.next_id += 1
        return self.next_id

    async def call(self, event: str, *args: Any, timeout: float = 20) -> Any:
        """Emit with an ack id; the ack's first value, or None (no answer / closed)."""
        ack_id = self.take_id()
        waiter = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = waiter
        await self.send(f"42{ack_id}" + json.dumps([event, *args]))
        return await self.wait(ack_id, waiter, timeout)

    async def wait(self, ack_id: int, waiter: asyncio.Future[Any], timeout: float) -> Any:
        """Wait for the ack with ``ack_id``."""
        try:
            answer = await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            self.acks.pop(ack_id, None)
            return None
        return answer[0] if isinstance(answer, list) and answer else answer

    def expect(self, ack_id: int) -> asyncio.Future[Any]:
        """Register a waiter for an ack id sent in a raw frame."""
        waiter = asyncio.get_running_loop().create_future()
        self.acks[ack_id] = waiter
        return waiter

    async def close(self) -> None:
        """Close the WebSocket."""
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


# --------------------------------------------------------------------------- the run


@dataclass
class Seats:
    """Who may connect: cookies per seat and the projector token."""

    workshop_id: int
    code: str
    projector_token: str
    console_cookie: str
    phone_cookies: list[str]


@dataclass
class Tally:
    """What happened, counted as it happens."""

    target: int
    deadline: float
    sent: int = 0
    #: Share of the envelopes per worker (see SHARES).
    shares: dict[str, float] = field(default_factory=dict)
    used: Counter[str] = field(default_factory=Counter)
    wellformed: int = 0
    answered: int = 0
    unanswered: int = 0
    server_errors: int = 0
    malformed: int = 0
    malformed_acks_expected: int = 0
    malformed_acks_answered: int = 0
    malformed_acks_lost_while_open: int = 0
    seats_refused: int = 0
    polling_requests: int = 0
    http_5xx: int = 0
    clean_closed: int = 0
    dirty_reconnects: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def take(self, worker: str) -> bool:
        """One more envelope from ``worker``, while its share and the time last."""
        if self.used[worker] >= round(self.target * self.shares[worker]):
            return False
        if time.monotonic() > self.deadline:
            return False
        self.used[worker] += 1
        self.sent += 1
        return True


def join_phone(url: str, code: str, workshop_id: int) -> str:
    """A phone presses Join; returns its seat cookie header."""
    import requests

    http = requests.Session()
    page = http.get(f"{url}/j/{code}", timeout=30)
    reply = http.post(
        f"{url}/j/{code}",
        data={"csrf_token": form_token(page.text)},
        allow_redirects=False,
        timeout=30,
    )
    seat = reply.cookies.get(f"seat_{workshop_id}")
    if reply.status_code != 302 or not seat:
        raise RuntimeError(f"join failed: HTTP {reply.status_code}")
    return f"seat_{workshop_id}={seat}"


def prepare(server: LiveServer, phones: int) -> Seats:
    """An account, a started workshop (demo kit), phones and the projector token."""
    create_account(server, USERNAME)
    facilitator = Facilitator(server, USERNAME)
    workshop = facilitator.create_workshop(title="Fuzz")
    cookie = "; ".join(f"{k}={v}" for k, v in facilitator.cookies().items())
    seats = Seats(
        workshop.id,
        workshop.code,
        workshop.projector_token,
        cookie,
        [join_phone(server.url, workshop.code, workshop.id) for _ in range(phones)],
    )
    return seats


async def _clean(
    name: str, http: aiohttp.ClientSession, url: str, cookie: str, auth: dict[str, Any],
    rng: random.Random, tally: Tally,
) -> None:  # fmt: skip
    """Well-formed envelopes only, one at a time: every one must be answered."""
    sock = RawSocket(http, url, cookie, url)
    if not await sock.open(auth):
        tally.problems.append(f"clean connection refused: {auth.get('role')}")
        return
    if auth["role"] == "facilitator":
        await sock.call("act", {"op": uuid.uuid4().hex, "type": "workshop.start", "data": {}})
    while tally.take(name):
        tally.wellformed += 1
        if rng.random() < 0.1:
            ack = await sock.call("sync", {})
        else:
            ack = await sock.call("act", random_envelope(rng))
        if ack is None:
            tally.unanswered += 1
            if sock.closed:
                tally.clean_closed += 1
                sock = RawSocket(http, url, cookie, url)
                await sock.open(auth)
            continue
        tally.answered += 1
        if not isinstance(ack, dict) or not isinstance(ack.get("ok"), bool):
            tally.problems.append(f"odd ack: {str(ack)[:200]}")
            continue
        code = "ok" if ack["ok"] else str(ack.get("error", {}).get("code"))
        tally.codes[code] += 1
        if code == "server_error":
            tally.server_errors += 1
    await sock.close()


async def _dirty(
    name: str, http: aiohttp.ClientSession, url: str, cookie: str, auth: dict[str, Any] | None,
    rng: random.Random, tally: Tally,
) -> None:  # fmt: skip
    """Malformed messages; reconnect whenever the server closes the connection."""
    sock: RawSocket | None = None
    seated = False
    while tally.take(name):
        tally.malformed += 1
        await asyncio.sleep(0)  # a send may not yield: let the other workers take turns
        if sock is None or sock.closed:
            if sock is not None:
                tally.dirty_reconnects += 1
                await sock.close()
            sock = RawSocket(http, url, cookie, url)
            try:
                seated = await sock.open(auth)
                if not seated and auth is not None and cookie:
                    tally.seats_refused += 1
                    tally.problems.append(f"seat refused: {auth.get('role')} {sock.refusal}")
            except (aiohttp.ClientError, RuntimeError, TimeoutError) as exc:
                tally.problems.append(f"dirty reconnect failed: {type(exc).__name__}")
                await asyncio.sleep(0.5)
                continue
        ack_id = sock.take_id()
        frame, expects_ack = malformed(rng, ack_id)
        waiter = sock.expect(ack_id) if expects_ack and seated else None
        try:
            await sock.send(frame)
        except (aiohttp.ClientError, ConnectionResetError, RuntimeError):
            continue
        if frame in ("1", "41"):  # this client left: it expects nothing more on this socket
            await sock.close()
            continue
        if waiter is not None:
            tally.malformed_acks_expected += 1
            ack = await sock.wait(ack_id, waiter, 20)
            if ack is None and not sock.closed:
                tally.malformed_acks_lost_while_open += 1
                tally.problems.append(f"no ack on an open connection for {str(frame)[:40]!r}")
            if isinstance(ack, dict):
                tally.malformed_acks_answered += 1
                if ack.get("error", {}).get("code") == "server_error":
                    tally.server_errors += 1
    if sock is not None:
        await sock.close()


async def _polling(
    name: str, http: aiohttp.ClientSession, url: str, rng: random.Random, tally: Tally
) -> None:
    """Garbage long-polling requests: never a server error."""
    base = f"{url}/socket.io/"
    headers = {"Origin": url}
    sid = ""
    while tally.take(name):
        tally.polling_requests += 1
        roll = rng.random()
        try:
            if not sid or roll < 0.1:
                async with http.get(base, params={"EIO": "4", "transport": "polling"}) as r:
                    body = await r.text()
                    status = r.status
                    found = re.search(r'"sid":"([^"]+)"', body)
                    sid = found.group(1) if found else ""
            elif roll < 0.2:
                params = rng.choice(
                    [
                        {"EIO": "3", "transport": "polling"},
                        {"EIO": "4", "transport": CANARY},
                        {"EIO": "4", "transport": "polling", "sid": CANARY},
                        {"EIO": "4", "transport": "polling", "j": CANARY},
                    ]
                )
                async with http.get(base, params=params, headers=headers) as r:
                    status = r.status
            else:
                params = {"EIO": "4", "transport": "polling", "sid": sid}
                body = garbage_polling_body(rng)
                async with http.post(base, params=params, data=body, headers=headers) as r:
                    status = r.status
                    if status != 200:
                        sid = ""
        except (aiohttp.ClientError, TimeoutError) as exc:
            tally.problems.append(f"polling request failed: {type(exc).__name__}")
            continue
        if status >= 500:
            tally.http_5xx += 1


async def still_works(url: str, seats: Seats) -> bool:
    """A new phone joins and writes a note; the console sees it in a fresh snapshot."""
    cookie = await asyncio.to_thread(join_phone, url, seats.code, seats.workshop_id)
    async with aiohttp.ClientSession() as http:
        phone = RawSocket(http, url, cookie, url)
        console = RawSocket(http, url, seats.console_cookie, url)
        try:
            if not await phone.open({"workshop": seats.workshop_id, "role": "participant"}):
                return False
            await console.open({"workshop": seats.workshop_id, "role": "facilitator"})
            await console.call(
                "act", {"op": uuid.uuid4().hex, "type": "phase.goto", "data": {"index": 0}}
            )
            await console.call(
                "act", {"op": uuid.uuid4().hex, "type": "phase.lock", "data": {"on": False}}
            )
            text = f"Still working {uuid.uuid4().hex[:6]}"
            ack = await phone.call(
                "act", {"op": uuid.uuid4().hex, "type": "note.add", "data": {"text": text}}
            )
            if not (isinstance(ack, dict) and ack.get("ok")):
                return False
            snap = await console.call("sync", {})
            return text in json.dumps(snap, ensure_ascii=False)
        finally:
            await phone.close()
            await console.close()


async def fuzz(url: str, seats: Seats, envelopes: int, seconds: float, seed: int) -> Tally:
    """Run the workers until ``envelopes`` were sent or ``seconds`` passed."""
    tally = Tally(envelopes, time.monotonic() + seconds)
    rng = random.Random(seed)
    workshop = seats.workshop_id
    phone = {"workshop": workshop, "role": "participant"}
    console = {"workshop": workshop, "role": "facilitator"}
    projector = {"workshop": workshop, "role": "projector", "token": seats.projector_token}
    phones = seats.phone_cookies
    cleaner = [(seats.console_cookie, console), ("", projector)]
    cleaner += [(cookie, phone) for cookie in phones[:4]]
    dirtier = [(cookie, phone) for cookie in phones[4:]]
    dirtier += [(seats.console_cookie, console), ("", None), ("", phone)]  # the last two: unseated
    tally.shares = {f"clean{n}": SHARES["clean"] / len(cleaner) for n in range(len(cleaner))}
    tally.shares.update({f"dirty{n}": SHARES["dirty"] / len(dirtier) for n in range(len(dirtier))})
    tally.shares["polling"] = SHARES["polling"]
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:

        def seeded() -> random.Random:
            return random.Random(rng.random())

        workers = [
            *(
                _clean(f"clean{n}", http, url, cookie, auth, seeded(), tally)
                for n, (cookie, auth) in enumerate(cleaner)
            ),
            *(
                _dirty(f"dirty{n}", http, url, cookie, auth, seeded(), tally)
                for n, (cookie, auth) in enumerate(dirtier)
            ),
            _polling("polling", http, url, seeded(), tally),
        ]
        await asyncio.gather(*workers)
    return tally


def read_log(server: LiveServer) -> dict[str, Any]:
    """What the server wrote: lines after the start banner, tracebacks, the canary."""
    text = server.log(tail=None)
    lines = [line for line in text.splitlines() if line.strip()]
    banner = [
        line
        for line in lines
        if line.startswith(("Facilitator is running", "  Open on", "  Phones on"))
    ]
    rest = [line for line in lines if line not in banner]
    return {
        "lines": len(rest),
        "tracebacks": text.count("Traceback"),
        "canary": CANARY in text or CANARY.lower() in text.lower(),
        "sample": rest[:15],
    }


def run(
    envelopes: int,
    seconds: float,
    *,
    database_url: str | None = None,
    work_dir: Path | None = None,
    seed: int = 0,
    phones: int = 8,
) -> dict[str, Any]:
    """Start a server, fuzz it, check it; the result as a dict (``ok`` says whether every
    check passed)."""
    work = Path(work_dir or tempfile.mkdtemp(prefix="fuzz-"))
    env = dict(SERVER_ENV)
    if database_url:
        env["FACILITATOR_DATABASE_URL"] = database_url
    server = LiveServer(work / "data", env=env)
    server.start()
    started = time.monotonic()
    try:
        seats = prepare(server, phones)
        tally = asyncio.run(fuzz(server.url, seats, envelopes, seconds, seed))
        elapsed = time.monotonic() - started
        works = asyncio.run(still_works(server.url, seats))
    finally:
        server.stop()
    log = read_log(server)
    result: dict[str, Any] = {
        "database": "postgresql" if database_url else "sqlite",
        "envelopes": tally.sent,
        "target": envelopes,
        "seconds": round(elapsed, 1),
        "per_second": round(tally.sent / elapsed, 1) if elapsed else None,
        "wellformed": tally.wellformed,
        "answered": tally.answered,
        "unanswered": tally.unanswered,
        "server_errors": tally.server_errors,
        "malformed": tally.malformed,
        "malformed_acks_expected": tally.malformed_acks_expected,
        "malformed_acks_answered": tally.malformed_acks_answered,
        "malformed_acks_lost_while_open": tally.malformed_acks_lost_while_open,
        "polling_requests": tally.polling_requests,
        "http_5xx": tally.http_5xx,
        "clean_connections_closed": tally.clean_closed,
        "dirty_reconnects": tally.dirty_reconnects,
        "dirty_seats_refused": tally.seats_refused,
        "codes": dict(tally.codes.most_common()),
        "problems": tally.problems[:20],
        "still_works": works,
        "log_lines": log["lines"],
        "log_tracebacks": log["tracebacks"],
        "log_has_canary": log["canary"],
        "log_sample": log["sample"],
    }
    result["ok"] = (
        tally.sent >= envelopes * 0.99
        and tally.unanswered == 0
        and tally.server_errors == 0
        and tally.http_5xx == 0
        and tally.clean_closed == 0
        and tally.malformed_acks_lost_while_open == 0
        and not tally.problems
        and works
        and log["tracebacks"] == 0
        and not log["canary"]
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: run and print the result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--envelopes", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=900.0, help="stop sending after this")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--work-dir", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = parser.parse_args(argv)
    result = run(
        args.envelopes,
        args.seconds,
        database_url=args.database_url,
        work_dir=args.work_dir,
        seed=args.seed,
    )
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
