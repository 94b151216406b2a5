"""Real clients for a live server: a facilitator (HTTP login + socket), phones with an outbox,
a projector that records the event stream, and direct reads of the server's database.

Everything goes over loopback sockets to the real `facilitator serve` process; nothing is
called in-process. The socket clients are asyncio ones (python-socketio + aiohttp) so that a few
hundred phones fit in one test process on a small machine.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import requests
import socketio
from sqlalchemy import create_engine, text
from yarl import URL

from tests.support.server import LiveServer

PASSWORD = "correct horse battery"
CSRF_INPUT = re.compile(
    r"""<input[^>]*name=["']csrf_token["'][^>]*value=["']([^"']+)["']"""
    r"""|<input[^>]*value=["']([^"']+)["'][^>]*name=["']csrf_token["']"""
)
RETRYABLE = {"rate_limited", "server_error"}
ACK_TIMEOUT = 8.0


# --------------------------------------------------------------------------- forms


def form_token(page: str) -> str:
    """The CSRF token in a page's form (its hidden ``csrf_token`` input)."""
    match = CSRF_INPUT.search(page)
    assert match, "the page has no csrf_token input"
    return match.group(1) or match.group(2)


def csrf_token(http: requests.Session, url: str) -> str:
    """GET the form at ``url`` (keeping its session cookie) and return its CSRF token."""
    response = http.get(url, allow_redirects=True, timeout=10)
    assert response.status_code == 200, (url, response.status_code)
    return form_token(response.text)


def create_account(server: LiveServer, username: str, password: str = PASSWORD) -> None:
    """The first facilitator account, made on the first-run page (/setup) like a person would."""
    http = requests.Session()
    token = csrf_token(http, f"{server.url}/setup")
    response = http.post(
        f"{server.url}/setup",
        data={"username": username, "password": password, "confirm": password, "csrf_token": token},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    assert "/setup" not in response.headers["Location"], "the account was not created"


# --------------------------------------------------------------------------- database


def database_url(server: LiveServer) -> str:
    """The SQLAlchemy URL the server uses."""
    url = server.env.get("FACILITATOR_DATABASE_URL")
    return url or f"sqlite:///{server.data_dir / 'facilitator.db'}"


def query(server: LiveServer, sql: str, **params: Any) -> list[Any]:
    """Rows of a read-only query on the server's database."""
    engine = create_engine(database_url(server))
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- facilitator


@dataclass
class WorkshopInfo:
    """What a test needs to address a workshop."""

    id: int
    code: str
    projector_token: str


class Facilitator:
    """A logged-in facilitator: HTTP session for forms, a socket for controls."""

    def __init__(self, server: LiveServer, username: str, password: str = PASSWORD) -> None:
        self.server = server
        self.http = requests.Session()
        token = csrf_token(self.http, f"{server.url}/login")
        response = self.http.post(
            f"{server.url}/login",
            data={"username": username, "password": password, "csrf_token": token},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:500]
        assert "/login" not in response.headers["Location"], "login refused"

    def create_workshop(self, kit: str = "demo", title: str = "Live test") -> WorkshopInfo:
        """Create a workshop with the console's form; read its codes from the database."""
        token = csrf_token(self.http, f"{self.server.url}/")
        response = self.http.post(
            f"{self.server.url}/",
            data={"kit": kit, "title": title, "place": "", "locale": "en", "csrf_token": token},
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:500]
        match = re.search(r"/console/(\d+)", response.headers["Location"])
        assert match, response.headers["Location"]
        workshop_id = int(match.group(1))
        return self.workshop(workshop_id)

    def workshop(self, workshop_id: int) -> WorkshopInfo:
        """Join code and projector token (the console page shows them; the database has them)."""
        row = query(
            self.server,
            "SELECT join_code, projector_token FROM workshops WHERE id = :id",
            id=workshop_id,
        )[0]
        return WorkshopInfo(workshop_id, row[0], row[1])

    def cookies(self) -> dict[str, str]:
        """The login session's cookies, for the socket handshake."""
        return {c.name: c.value for c in self.http.cookies if c.value is not None}

    async def console(self, workshop_id: int, url: str | None = None) -> Screen:
        """The facilitator's console socket."""
        screen = Screen(
            url or self.server.url,
            {"workshop": workshop_id, "role": "facilitator"},
            cookies=self.cookies(),
        )
        await screen.connect()
        return screen


# --------------------------------------------------------------------------- screens


class _Client(socketio.AsyncClient):  # type: ignore[misc]
    """The python client waits 1 s for the namespace handshake, also when reconnecting; a
    browser's socket.io-client waits 20 s. Use the browser's patience, or a busy server that has
    just restarted is abandoned and asked again by every phone at once."""

    async def connect(self, *args: Any, **kwargs: Any) -> None:
        kwargs["wait_timeout"] = 20
        await super().connect(*args, **kwargs)


class Screen:
    """A socket that keeps the latest snapshot and every `ev` in arrival order.

    Cookies live in the socket's own HTTP session, as in a browser, so they are sent again on
    every reconnection (a Cookie header given to the python client is used only once).
    """

    def __init__(
        self,
        url: str,
        auth: dict[str, Any],
        cookies: dict[str, str] | None = None,
        transports: tuple[str, ...] = ("websocket",),
    ) -> None:
        self.url = url
        self.auth = auth
        # ("polling", "websocket") starts with long-polling and upgrades, as a browser does.
        self.transports = list(transports)
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.http.cookie_jar.update_cookies(cookies or {}, response_url=URL(url))
        self.sio = _Client(reconnection=True, reconnection_delay=0.5, http_session=self.http)
        self.snapshots: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.connected = asyncio.Event()
        self.sio.on("snapshot", self._on_snapshot)
        self.sio.on("ev", self._on_event)
        self.sio.on("connect", self._on_connect)
        self.sio.on("disconnect", self._on_disconnect)

    async def _on_snapshot(self, data: dict[str, Any]) -> None:
        self.snapshots.append(data)

    async def _on_event(self, data: dict[str, Any]) -> None:
        self.events.append(data)

    async def _on_connect(self) -> None:
        self.connected.set()

    async def _on_disconnect(self, *_: Any) -> None:
        self.connected.clear()

    async def connect(self) -> None:
        """Connect over WebSocket and wait for the first snapshot."""
        await self.sio.connect(
            self.url,
            auth=self.auth,
            transports=self.transports,
        )
        await wait_for(lambda: bool(self.snapshots), 10, "no snapshot after connect")

    async def act(
        self,
        type_: str,
        data: dict[str, Any] | None = None,
        phase: int | None = None,
        timeout: float = ACK_TIMEOUT,
    ) -> dict[str, Any]:
        """One action (a fresh op id) and its ack."""
        envelope: dict[str, Any] = {"op": uuid.uuid4().hex, "type": type_, "data": data or {}}
        if phase is not None:
            envelope["phase"] = phase
        ack = await self.sio.call("act", envelope, timeout=timeout)
        assert isinstance(ack, dict), ack
        return ack

    async def sync(self) -> dict[str, Any]:
        """A fresh snapshot."""
        ack = await self.sio.call("sync", timeout=ACK_TIMEOUT)
        assert ack["ok"], ack
        return dict(ack["data"])

    async def close(self) -> None:
        """Disconnect."""
        await self.sio.disconnect()
        await self.http.close()

    @property
    def phase_id(self) -> int:
        """The current phase id in the latest snapshot."""
        return int(self.snapshots[-1]["phase"]["id"])


async def projector(url: str, workshop: WorkshopInfo) -> Screen:
    """The big screen, connected with the projector token."""
    screen = Screen(
        url, {"workshop": workshop.id, "role": "projector", "token": workshop.projector_token}
    )
    await screen.connect()
    return screen


# --------------------------------------------------------------------------- phones


@dataclass
class Entry:
    """One outbox entry: made by the client, kept until acknowledged."""

    op: str
    type: str
    data: dict[str, Any]
    phase: int | None
    sends: int = 0
    ack: dict[str, Any] | None = None
    retried: list[str] = field(default_factory=list)  # retryable error codes met on the way


@dataclass
class Phone:
    """A participant's phone: joins over HTTP, connects a socket, writes through an outbox.

    The outbox behaves like static/js/core/outbox.js: each action gets a client-made op id,
    actions are sent one at a time in order, and an action stays pending until acknowledged;
    after a timeout or a dropped connection it is sent again with the same op id.
    """

    url: str
    workshop: WorkshopInfo
    name: str = ""
    transports: tuple[str, ...] = ("websocket",)
    seat_token: str = ""
    entries: list[Entry] = field(default_factory=list)
    screen: Screen | None = None
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _pump: asyncio.Task[None] | None = None

    async def join(self, http: aiohttp.ClientSession | None = None) -> None:
        """Scan the QR (GET /j/<code>) and press Join: the seat cookie comes back."""
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as own:
            client = http or own
            join_url = f"{self.url}/j/{self.workshop.code}"
            async with client.get(join_url) as response:
                page = await response.text()
                status = response.status
            assert status == 200, (join_url, status)
            data = {"name": self.name, "role": "", "csrf_token": form_token(page)}
            async with client.post(join_url, data=data, allow_redirects=False) as response:
                assert response.status == 302, (response.status, (await response.text())[:300])
                cookie = response.cookies.get(f"seat_{self.workshop.id}")
                assert cookie is not None, "no seat cookie"
                self.seat_token = cookie.value

    async def connect(self) -> None:
        """Open the socket with the seat cookie and start the outbox."""
        self.screen = Screen(
            self.url,
            {"workshop": self.workshop.id, "role": "participant"},
            cookies={f"seat_{self.workshop.id}": self.seat_token},
            transports=self.transports,
        )
        await self.screen.connect()
        self._pump = asyncio.create_task(self._run())

    def send(self, type_: str, data: dict[str, Any], phase: int | None = None) -> Entry:
        """Queue an action with a fresh op id."""
        entry = Entry(uuid.uuid4().hex, type_, data, phase)
        self.entries.append(entry)
        self._wake.set()
        return entry

    def pending(self) -> list[Entry]:
        """Entries not yet acknowledged."""
        return [e for e in self.entries if e.ack is None]

    async def _run(self) -> None:
        assert self.screen is not None
        sio = self.screen.sio
        while True:
            entry = next((e for e in self.entries if e.ack is None), None)
            if entry is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            if not sio.connected:
                await asyncio.sleep(0.2)
                continue
            envelope: dict[str, Any] = {"op": entry.op, "type": entry.type, "data": entry.data}
            if entry.phase is not None:
                envelope["phase"] = entry.phase
            entry.sends += 1
            try:
                ack = await sio.call("act", envelope, timeout=ACK_TIMEOUT)
            except Exception:
                # No answer (connection dropped or slow): keep it; resend the same op id.
                await asyncio.sleep(0.5)
                continue
            if not isinstance(ack, dict):
                await asyncio.sleep(0.5)
                continue
            if not ack.get("ok") and ack.get("error", {}).get("code") in RETRYABLE:
                entry.retried.append(ack["error"]["code"])
                await asyncio.sleep(1.0)
                continue
            entry.ack = ack

    async def drained(self, timeout: float) -> None:
        """Wait until every entry is acknowledged."""
        await wait_for(lambda: not self.pending(), timeout, f"{self.name}: outbox not drained")

    async def close(self) -> None:
        """Stop the outbox and disconnect."""
        if self._pump is not None:
            self._pump.cancel()
        if self.screen is not None:
            await self.screen.close()


# --------------------------------------------------------------------------- helpers


async def wait_for(check: Any, timeout: float, message: str) -> None:
    """Poll ``check()`` until true, or fail with ``message``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        if loop.time() > deadline:
            raise AssertionError(message)
        await asyncio.sleep(0.05)


async def bounded(coros: list[Any], limit: int = 20) -> list[Any]:
    """Run coroutines with at most ``limit`` at a time."""
    gate = asyncio.Semaphore(limit)

    async def one(coro: Any) -> Any:
        async with gate:
            return await coro

    return await asyncio.gather(*(one(c) for c in coros))


def assert_stream(screen: Screen, since: int) -> list[dict[str, Any]]:
    """Events after ``since``: seq goes up by exactly one each time, no gaps, no repeats."""
    seqs = [e["seq"] for e in screen.events if e["seq"] > since]
    expected = list(range(since + 1, since + 1 + len(seqs)))
    assert seqs == expected, f"seq stream broken: {_first_difference(seqs, expected)}"
    return [e for e in screen.events if e["seq"] > since]


def _first_difference(got: list[int], expected: list[int]) -> str:
    for index, (a, b) in enumerate(zip(got, expected, strict=False)):
        if a != b:
            return f"at {index}: got {got[max(0, index - 3) : index + 4]}, expected {b}"
    return f"length {len(got)} vs {len(expected)}"
