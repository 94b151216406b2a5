"""Live servers for the tests in this folder: real `facilitator serve` processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.clients import create_account
from tests.support.server import LiveServer

USERNAME = "fasi"


def started(data_dir: Path, **kwargs: object) -> LiveServer:
    """A started server with a facilitator account (made on the first-run page)."""
    server = LiveServer(data_dir, **kwargs)  # type: ignore[arg-type]
    server.start()
    create_account(server, USERNAME)
    return server


@pytest.fixture(scope="module")
def gevent_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One gevent server (the default mode) shared by a test module."""
    server = started(tmp_path_factory.mktemp("gevent"))
    yield server
    server.stop()
