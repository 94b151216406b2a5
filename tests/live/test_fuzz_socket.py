"""A short socket fuzz run in CI, on SQLite and on PostgreSQL (bench/fuzz_socket.py; the full
run of ≥100,000 envelopes is in docs/benchmarks.md): every well-formed envelope answered, never
with server_error, no HTTP 5xx, no traceback or canary text in the log, the server still works."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import fuzz_socket
from tests.support.pg import throwaway_database

pytestmark = pytest.mark.live


def _check(result: dict) -> None:  # type: ignore[type-arg]
    brief = {k: v for k, v in result.items() if k != "log_sample"}
    assert result["ok"], brief
    assert result["envelopes"] >= 2000 * 0.99, brief
    assert result["unanswered"] == 0 and result["server_errors"] == 0, brief
    assert result["log_tracebacks"] == 0 and not result["log_has_canary"], brief


def test_fuzz_on_sqlite(tmp_path: Path) -> None:
    _check(fuzz_socket.run(2000, 240, work_dir=tmp_path, seed=11))


@pytest.mark.postgres
def test_fuzz_on_postgresql(tmp_path: Path) -> None:
    with throwaway_database("fuzz") as url:
        _check(fuzz_socket.run(2000, 240, database_url=url, work_dir=tmp_path, seed=12))
