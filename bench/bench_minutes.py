"""Minutes and export benchmark: a workshop of 5,000 contributions over 8 phases.

Times ``build_minutes`` (export dict → blocks) per locale and analyser, then every registered
format (Markdown, HTML, Word, PDF from the minutes; CSV and JSON from the export). "cold" is the
first call in this process (analyser and dictionaries loading included); "warm" is the median of
the following runs. Targets: minutes ≤ 2 s, each export ≤ 3 s.

Run from the repository root with the project's virtualenv:

    python -m bench.bench_minutes --contributions 5000 --phases 8 --runs 3

See docs/benchmarks.md for results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

from tests.summaries.factories import large_export, varied_export


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """(cold seconds, warm median seconds, last result) of calling ``fn``."""
    start = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - start
    warm: list[float] = []
    for _ in range(max(0, runs - 1)):
        start = time.perf_counter()
        result = fn()
        warm.append(time.perf_counter() - start)
    return cold, statistics.median(warm) if warm else cold, result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Run the benchmark and print a JSON report and a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=5000)
    parser.add_argument("--phases", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--locales", default="fi,sv,en")
    parser.add_argument("--analysers", default="voikko,simplemma,snowball")
    parser.add_argument(
        "--varied",
        action="store_true",
        help="notes of thousands of different made-up words (worst case for the analysis)",
    )
    args = parser.parse_args(argv)

    from facilitator.summaries import build_minutes, default_methods
    from facilitator.summaries.text_analysis import get_analyser

    default_methods()  # import the method modules outside the timings
    if args.varied:
        export = varied_export(args.contributions, args.phases)
    else:
        export = large_export(args.contributions, args.phases)
    rows: list[dict[str, Any]] = []
    minutes_by_locale: dict[str, Any] = {}
    for analyser in args.analysers.split(","):
        for locale in args.locales.split(","):
            cold, warm, minutes = timed(
                lambda locale=locale, analyser=analyser: build_minutes(
                    export, locale, analyser=analyser
                ),
                args.runs,
            )
            label = get_analyser(export["workshop"]["locale"], analyser).label
            rows.append(
                {"step": f"minutes {locale}", "analyser": label, "cold": cold, "warm": warm}
            )
            minutes_by_locale.setdefault(locale, minutes)

    try:
        from facilitator.exports.registry import FORMATS
    except ImportError:  # the export formats are optional for this benchmark
        FORMATS = {}
    fi = minutes_by_locale.get("fi") or next(iter(minutes_by_locale.values()))
    for key, fmt in FORMATS.items():
        subject = fi if fmt.minutes else export
        cold, warm, data = timed(lambda fmt=fmt, subject=subject: fmt.render(subject), args.runs)
        rows.append(
            {
                "step": f"export {key}",
                "analyser": "",
                "cold": cold,
                "warm": warm,
                "bytes": len(data),
            }
        )

    report = {
        "contributions": len(export["contributions"]),
        "phases": len(export["phases"]),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "rows": rows,
    }
    print(json.dumps(report, indent=2))
    print()
    print("| step | analyser | cold (s) | warm (s) |")
    print("|---|---|---|---|")
    for row in rows:
        print(f"| {row['step']} | {row['analyser']} | {row['cold']:.2f} | {row['warm']:.2f} |")
    return report


if __name__ == "__main__":
    main()
