"""Keeps bench/fanout.py from rotting: a tiny run against both targets. Never asserts timings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import fanout

pytestmark = pytest.mark.live


def test_tiny_fanout_run_reaches_every_phone_on_both_targets(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    rows = fanout.main(
        [
            "--phones", "5",
            "--rate", "5",
            "--duration", "2",
            "--drain", "10",
            "--workers", "1",
            "--target", "both",
            "--work-dir", str(tmp_path / "work"),
            "--json", str(out),
        ]
    )  # fmt: skip
    by_target = {row["target"]: row for row in rows}
    assert set(by_target) == {"floor", "server"}
    for target, row in by_target.items():
        brief = {k: v for k, v in row.items() if k not in ("timeline", "cpu_timeline")}
        assert row["phones"] == 5, (target, brief)
        assert row["projector"], (target, brief)
        assert row["sent"] == 10, (target, brief)
        assert row["accepted"] == 10, (target, brief)
        assert row["lost_projector"] == 0, (target, brief)
        assert row["lost_phone"] == 0, (target, brief)
        assert row["expected_phone"] == 50, (target, brief)
        assert row["duplicates"] == 0, (target, brief)
        assert row["phone_latency"]["n"] == 50, (target, brief)
        assert row["projector_latency"]["n"] == 10, (target, brief)
    saved = json.loads(out.read_text())
    assert [row["target"] for row in saved["rows"]] == ["floor", "server"]
    assert "| note→phone ms p50/p95/p99/max |" in fanout.table(rows)
