"""Server mode while Redis is down (issue 16, finding 7): phones still join — the join limits
fall back to the process's memory and the log says so once."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests

from tests.live.conftest import USERNAME, started
from tests.support.clients import Facilitator, form_token
from tests.support.server import LiveServer, free_port

pytestmark = [pytest.mark.live, pytest.mark.redis]


@pytest.fixture()
def own_redis(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """A Redis of this test's own on a free loopback port, so it can be stopped."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server must be installed"
    port = free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            if client.ping():
                break
        except redis.ConnectionError:
            time.sleep(0.05)
    client.close()
    yield proc, port
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture()
def server(tmp_path: Path, own_redis: tuple[subprocess.Popen[bytes], int]) -> Iterator[LiveServer]:
    """A server using that Redis as message queue and rate-limit store, with real join limits."""
    _, port = own_redis
    live = started(
        tmp_path / "data",
        env={
            "FACILITATOR_MESSAGE_QUEUE_URL": f"redis://127.0.0.1:{port}/0",
            "FACILITATOR_JOIN_RATE": "20 per minute",
            "FACILITATOR_SEAT_RATE": "300 per 10 minutes",
        },
    )
    yield live
    live.stop()


def join(server: LiveServer, code: str) -> tuple[int, int]:
    """A phone opens the QR address and presses Join: the two statuses."""
    http = requests.Session()
    page = http.get(f"{server.url}/j/{code}", timeout=20)
    if page.status_code != 200:
        return page.status_code, 0
    pressed = http.post(
        f"{server.url}/j/{code}",
        data={"csrf_token": form_token(page.text)},
        allow_redirects=False,
        timeout=20,
    )
    return page.status_code, pressed.status_code


def test_phones_join_while_redis_is_down(
    server: LiveServer, own_redis: tuple[subprocess.Popen[bytes], int]
) -> None:
    code = Facilitator(server, USERNAME).create_workshop().code
    assert join(server, code) == (200, 302)
    proc, _ = own_redis
    proc.kill()
    proc.wait(timeout=10)
    for _ in range(5):
        assert join(server, code) == (200, 302)
    # Wrong codes are still limited, now in memory.
    statuses = [requests.get(f"{server.url}/j/WWWWWW", timeout=20).status_code for _ in range(22)]
    assert statuses[0] == 404 and statuses[-1] == 429
    log = server.log(tail=None)
    assert log.count("limits are kept in this process's memory") == 1
    assert "Traceback" not in log
