"""`facilitator serve` patches the standard library for its async mode before anything else, and
the database driver then waits cooperatively (a blocking wait would stall every connection)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.server import ROOT

pytestmark = pytest.mark.live

PROBE = """
import sys
from facilitator.launch import patch
patch(sys.argv[1])
import psycopg.waiting, select, socket
print(psycopg.waiting.wait.__name__)
print(socket.socket.__module__)
"""


@pytest.mark.parametrize(
    ("mode", "wait", "socket_module"),
    [("gevent", "wait_poll", "gevent._socket3"), ("eventlet", "wait_select", "eventlet.greenio")],
)
def test_async_mode_patches_before_the_database_driver(
    mode: str, wait: str, socket_module: str
) -> None:
    """psycopg picks a wait the async library can switch away from, sockets are green."""
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE, mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    ).stdout.split()
    assert out[0] == wait
    assert out[1].startswith(socket_module)
