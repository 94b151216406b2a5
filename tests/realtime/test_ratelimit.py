"""Socket rate limiting: a burst is fine, then rate_limited, and nothing more is saved."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import act, running_app
from tests.realtime.helpers import error_code, message, notes, started


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """The usual test app with a small burst and a slow refill."""
    with running_app(tmp_path / "data", RATE_BURST=5, RATE_PER_SECOND=1) as app:
        yield app


def _flood(sock, count: int, prefix: str) -> tuple[list[dict], float]:
    start = time.monotonic()
    acks = [act(sock, "note.add", {"text": f"{prefix}{i}"}) for i in range(count)]
    return acks, time.monotonic() - start


def test_burst_then_rate_limited(make_room):
    room = make_room()
    _, [phone] = started(room, ("", ""))
    acks, elapsed = _flood(phone.sock, 12, "n")
    ok = [a for a in acks if a["ok"]]
    refused = [a for a in acks if not a["ok"]]
    # The burst of 5 passes at once; then one more per second at most.
    assert all(a["ok"] for a in acks[:5])
    assert len(ok) <= 5 + int(elapsed) + 1
    assert refused and all(error_code(a) == "rate_limited" for a in refused)
    assert refused[0]["error"]["message"] == message("rate_limited")
    assert len(notes(room)) == len(ok)


def test_each_connection_has_its_own_bucket(make_room):
    room = make_room()
    _, [first, second] = started(room, ("", ""), ("", ""))
    acks, elapsed = _flood(first.sock, 12, "a")
    assert not all(a["ok"] for a in acks), elapsed
    assert act(second.sock, "note.add", {"text": "fresh"})["ok"]


def test_snapshot_requests_share_the_connection_budget(make_room):
    """Regression: `sync` had no limit, so one connection could make the server build
    snapshots without end."""
    room = make_room()
    _, [phone] = started(room, ("", ""))
    answers = [phone.sock.emit("sync", callback=True) for _ in range(12)]
    assert all(a["ok"] for a in answers[:5])
    refused = [a for a in answers if not a["ok"]]
    assert refused and all(error_code(a) == "rate_limited" for a in refused)
