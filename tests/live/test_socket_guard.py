"""Against the real server (gevent): the socket accepts only the installation's own origins;
malformed messages get no traceback and at most one log line per connection, never their text;
floods are closed; bad Host and WebSocket headers and garbage long-polling bodies get a 400
(issue 16, findings 1, 2, 5, 8)."""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
import requests

from bench.fuzz_socket import RawSocket, join_phone
from tests.live.conftest import USERNAME, started
from tests.support.clients import Facilitator
from tests.support.server import LiveServer, free_port

pytestmark = pytest.mark.live

CANARY = "SALAINENMUISTIINPANO"
EXTRA_ORIGIN = "https://workshop.example.org"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One gevent server with an extra allowed origin."""
    live = started(
        tmp_path_factory.mktemp("guard"), env={"FACILITATOR_ALLOWED_ORIGINS": EXTRA_ORIGIN}
    )
    yield live
    live.stop()


@pytest.fixture(scope="module")
def room(server: LiveServer) -> dict[str, Any]:
    """A running workshop: its id, the console's cookie and a phone's seat cookie."""
    facilitator = Facilitator(server, USERNAME)
    workshop = facilitator.create_workshop()
    console_cookie = "; ".join(f"{k}={v}" for k, v in facilitator.cookies().items())

    async def start() -> None:
        async with aiohttp.ClientSession() as http:
            console = RawSocket(http, server.url, console_cookie, server.url)
            assert await console.open({"workshop": workshop.id, "role": "facilitator"})
            ack = await console.call(
                "act", {"op": uuid.uuid4().hex, "type": "workshop.start", "data": {}}
            )
            assert ack["ok"], ack
            await console.close()

    asyncio.run(start())
    return {"id": workshop.id, "code": workshop.code, "console": console_cookie, "server": server}


def new_phone(room: dict[str, Any]) -> str:
    """A new seat's cookie."""
    return join_phone(room["server"].url, room["code"], room["id"])


def log_after(server: LiveServer, mark: int) -> str:
    """What the server logged since ``mark`` characters."""
    return server.log(tail=None)[mark:]


def act_envelope(text: str) -> dict[str, Any]:
    return {"op": uuid.uuid4().hex, "type": "note.add", "data": {"text": text}}


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_malformed_messages_are_refused_quietly(room: dict[str, Any]) -> None:
    """Deep nesting, an extra argument carrying a note, the reserved names: one log line for the
    connection, no traceback, no text; the seat survives a client-sent "disconnect"."""
    server = room["server"]
    mark = len(server.log(tail=None))
    cookie = new_phone(room)

    async def scenario() -> None:
        async with aiohttp.ClientSession() as http:
            sock = RawSocket(http, server.url, cookie, server.url)
            assert await sock.open({"workshop": room["id"], "role": "participant"})
            await sock.send("42" + "[" * 1100 + "]" * 1100)
            await sock.send('42["act",' + "{" * 3 + "]" * 1100)
            extra = await sock.call("act", act_envelope(f"{CANARY} 1"), f"{CANARY} 2")
            assert extra["error"]["code"] == "bad_request"
            unknown = await sock.call(f"{CANARY}.event", {"text": CANARY})
            assert unknown["error"]["code"] == "bad_request"
            await sock.send('42["disconnect"]')
            await sock.send('42["disc\\u006fnnect","x"]')
            await sock.send('42["connect",{"workshop":1,"role":"facilitator"}]')
            await sock.send(b"\x00\x01" + CANARY.encode())
            await sock.send(f'451-["act",{{"_placeholder":true,"num":0}},"{CANARY}"]')
            await sock.send(f'42/other,["act","{CANARY}"]')
            await sock.send(f'43{sock.take_id()}["{CANARY}"]')
            # Still the same seat, still working.
            ack = await sock.call("act", act_envelope("Toimii yhä"))
            assert ack["ok"], ack
            await sock.close()

    run(scenario())
    log = log_after(server, mark)
    assert "Traceback" not in log
    assert CANARY not in log
    lines = [line for line in log.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "refused a malformed message" in lines[0]


def test_a_connection_that_keeps_sending_garbage_is_closed(room: dict[str, Any]) -> None:
    server = room["server"]
    mark = len(server.log(tail=None))
    cookie = new_phone(room)

    async def scenario() -> bool:
        async with aiohttp.ClientSession() as http:
            sock = RawSocket(http, server.url, cookie, server.url)
            assert await sock.open({"workshop": room["id"], "role": "participant"})
            for n in range(40):
                if sock.closed:
                    break
                await sock.send(f"42[{n}]")
                await asyncio.sleep(0.02)
            await asyncio.sleep(1)
            closed = sock.closed
            await sock.close()
            return closed

    assert run(scenario()) is True
    lines = [line for line in log_after(server, mark).splitlines() if line.strip()]
    assert len(lines) == 1 and "refused a malformed message" in lines[0], lines


async def _handshake(server: LiveServer, origin: str | None, cookie: str = "") -> int:
    """The WebSocket handshake's answer: 101 accepted, else the refusal's status."""
    headers = {"Cookie": cookie} if cookie else {}
    if origin is not None:
        headers["Origin"] = origin
    url = server.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
    async with aiohttp.ClientSession() as http:
        try:
            ws = await http.ws_connect(url, headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101


@pytest.mark.parametrize(
    ("origin", "accepted"),
    [
        (None, True),  # not a browser page: the seat checks decide
        ("own", True),
        (EXTRA_ORIGIN, True),
        ("other port", False),
        ("http://localhost.evil.invalid", False),
        ("https://sub.workshop.example.org", False),
        ("null", False),
    ],
)
def test_only_the_installations_origins_open_sockets(
    room: dict[str, Any], origin: str | None, accepted: bool
) -> None:
    server = room["server"]
    if origin == "own":
        origin = server.url
    elif origin == "other port":
        origin = f"http://127.0.0.1:{free_port()}"
    status = run(_handshake(server, origin, room["console"]))
    assert (status == 101) is accepted, (origin, status)
    # Long-polling is refused the same way.
    headers = {"Cookie": room["console"], **({"Origin": origin} if origin else {})}
    polled = requests.get(
        f"{server.url}/socket.io/", params={"EIO": "4", "transport": "polling"}, headers=headers
    )
    assert (polled.status_code == 200) is accepted, (origin, polled.status_code)


def test_bad_host_and_websocket_headers_are_a_400(room: dict[str, Any]) -> None:
    server = room["server"]
    bad_host = requests.get(f"{server.url}/j", headers={"Host": "a" * 64 + ".example"})
    assert bad_host.status_code == 400
    upgrade = requests.get(
        f"{server.url}/socket.io/",
        params={"EIO": "4", "transport": "websocket"},
        headers={"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Key": "x"},
    )
    assert upgrade.status_code == 400
    assert "Traceback" not in server.log(tail=None)


def test_garbage_long_polling_is_a_400_and_never_hangs(room: dict[str, Any]) -> None:
    """A packet type a client does not send used to make the POST wait forever."""
    server = room["server"]
    base = f"{server.url}/socket.io/"
    for body in ("9", "2", "0", "6", "", "x", "b" + CANARY, "4\x1e9", "\xff"):
        opened = requests.get(base, params={"EIO": "4", "transport": "polling"}, timeout=10)
        found = re.search(r'"sid":"([^"]+)"', opened.text)
        assert found
        params = {"EIO": "4", "transport": "polling", "sid": found.group(1)}
        posted = requests.post(base, params=params, data=body.encode("latin-1"), timeout=10)
        assert posted.status_code == 400, (body, posted.status_code)
    ok = requests.get(base, params={"EIO": "4", "transport": "polling"}, timeout=10)
    sid = json.loads(ok.text[1:])["sid"]
    posted = requests.post(
        base, params={"EIO": "4", "transport": "polling", "sid": sid}, data=b"40", timeout=10
    )
    assert posted.status_code == 200
    assert "Traceback" not in server.log(tail=None) and CANARY not in server.log(tail=None)
