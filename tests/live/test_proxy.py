"""Behind a reverse proxy (FACILITATOR_PROXY_COUNT=1) rate limits count phones, not the proxy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from tests.live.conftest import started
from tests.support.server import LiveServer

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server told that one proxy sits in front of it, with a tight join limit."""
    server = started(
        tmp_path_factory.mktemp("proxied"),
        env={"FACILITATOR_PROXY_COUNT": "1", "FACILITATOR_JOIN_RATE": "4 per minute"},
    )
    yield server
    server.stop()


def _wrong_code(server: LiveServer, phone_address: str) -> int:
    """A phone mistypes the code; the proxy names the phone in X-Forwarded-For."""
    response = requests.get(
        f"{server.url}/j/ZZZZZZ",
        headers={"X-Forwarded-For": phone_address},
        allow_redirects=False,
        timeout=10,
    )
    return response.status_code


def test_join_limit_counts_each_phone_behind_the_proxy(proxied: LiveServer) -> None:
    """A room of phones behind one proxy each get their own tries; one address is limited."""
    tries = [_wrong_code(proxied, f"10.0.0.{i}") for i in range(1, 13) for _ in range(2)]
    assert tries == [404] * 24
    statuses = [_wrong_code(proxied, "10.0.1.1") for _ in range(5)]
    assert statuses == [404, 404, 404, 404, 429]
