"""Golden minutes: the same export gives byte-identical Markdown, per locale and analyser."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.exports.markdown import render
from facilitator.summaries import build_minutes
from facilitator.summaries.text_analysis import voikko_problem
from tests.summaries.factories import FIXTURE, load_fixture, workshop_export
from tests.summaries.goldens import (
    DECISIONS,
    GOLDENS,
    NEXT_STEPS,
    golden_path,
    render_golden,
)


def test_the_stored_fixture_is_what_the_factory_builds(update_goldens: bool) -> None:
    stored = FIXTURE.read_text(encoding="utf-8")
    built = json.dumps(workshop_export(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if update_goldens:
        FIXTURE.write_text(built, encoding="utf-8")
        stored = built
    assert stored == built


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_minutes_match_the_golden_file(name: str, update_goldens: bool) -> None:
    locale, analyser = GOLDENS[name]
    if analyser == "voikko":
        assert voikko_problem() is None, f"Voikko is needed for this golden: {voikko_problem()}"
    first = render_golden(locale, analyser)
    second = render_golden(locale, analyser)
    assert first == second, "two runs on the same export differ"
    path = golden_path(name)
    if update_goldens:
        path.write_bytes(first)
    expected = path.read_bytes()
    assert first == expected, (
        f"{name} differs from the golden file; if the change is intended, run "
        "`pytest tests/summaries --update-goldens` and review the diff"
    )


def _shuffled(export: dict, seed: int) -> dict:
    """The same workshop with every list in another order (as another database might give)."""
    rng = random.Random(seed)
    copy = json.loads(json.dumps(export))
    for key in ("phases", "participants", "contributions"):
        rng.shuffle(copy[key])
    return copy


@pytest.mark.parametrize("analyser", ["voikko", "snowball"])
def test_input_order_does_not_change_the_minutes(analyser: str) -> None:
    export = load_fixture()
    expected = render(
        build_minutes(export, "fi", decisions=DECISIONS, next_steps=NEXT_STEPS, analyser=analyser)
    )
    for seed in (1, 2, 3):
        got = render(
            build_minutes(
                _shuffled(export, seed),
                "fi",
                decisions=DECISIONS,
                next_steps=NEXT_STEPS,
                analyser=analyser,
            )
        )
        assert got == expected, f"shuffle seed {seed} changed the minutes"


def test_build_minutes_does_not_modify_the_export() -> None:
    export = load_fixture()
    before = json.dumps(export, sort_keys=True)
    build_minutes(export, "en", decisions=DECISIONS)
    assert json.dumps(export, sort_keys=True) == before


def test_string_hashing_does_not_change_the_minutes() -> None:
    """Set iteration order varies with PYTHONHASHSEED; the minutes must not."""
    code = (
        "import sys\n"
        "from tests.summaries.goldens import render_golden\n"
        "sys.stdout.buffer.write(render_golden('fi', 'voikko'))\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            timeout=120,
            env=env,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        outputs.add(done.stdout)
    assert outputs == {golden_path("minutes.fi.md").read_bytes()}
