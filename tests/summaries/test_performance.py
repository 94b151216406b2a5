"""Minutes of a big workshop (5,000 contributions over 8 phases) are complete.

How fast they are is measured by bench/bench_minutes.py (docs/benchmarks.md), never by a
timed test."""

from __future__ import annotations

from facilitator.exports.markdown import render
from facilitator.summaries import build_minutes, default_methods
from facilitator.summaries.text_analysis import get_analyser, voikko_problem
from tests.summaries.factories import large_export


def test_minutes_of_5000_contributions_keep_every_visible_note() -> None:
    assert voikko_problem() is None, voikko_problem()
    export = large_export(5000, 8)
    assert len(export["contributions"]) == 5000
    default_methods()
    get_analyser("fi", "voikko")  # loading the library is not part of the per-workshop cost
    data = render(build_minutes(export, "fi", analyser="voikko"))
    visible = [
        c for c in export["contributions"]
        if c["kind"] == "note" and not c["hidden"] and not c["deleted"]
    ]  # fmt: skip
    for note in visible[:: len(visible) // 20]:  # the appendix holds every visible note
        assert note["body"].encode() in data


def test_the_benchmark_runs_on_a_small_workshop(capsys: object) -> None:
    from bench.bench_minutes import main

    small = "--contributions 400 --phases 4 --runs 1 --analysers snowball --locales en"
    report = main(small.split())
    steps = [row["step"] for row in report["rows"]]
    assert steps[0] == "minutes en" and report["rows"][0]["analyser"].startswith("Snowball")
    assert {"export md", "export docx", "export pdf", "export csv", "export json"} <= set(steps)
    assert report["contributions"] == 400
