"""Stored minutes on a real database: a 5,000-contribution workshop, end to end.

Imports a generated workshop (8 phases, 5,000 contributions) into a fresh SQLite database, then
times what a facilitator waits for: writing and storing the minutes (export from the database →
blocks → Markdown → row), opening the minutes page, and each download through the console's
HTTP route (stored Markdown read back into blocks → file). Median of ``--runs``.

    python -m bench.bench_minutes_store --contributions 5000 --phases 8 --runs 3

See docs/benchmarks.md for results.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from typing import Any


def _median(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:] or times)


def main(argv: list[str] | None = None) -> None:
    """Run and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contributions", type=int, default=5000)
    parser.add_argument("--phases", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from facilitator import create_app, db_migrate
    from facilitator.exports.workshop_json import import_workshop
    from facilitator.extensions import db
    from facilitator.minutes import service
    from facilitator.models import User, Workshop
    from tests.summaries.factories import large_export

    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as data:
        app = create_app(
            {
                "DATA_DIR": data,
                "ASYNC_MODE": "threading",
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            db_migrate.upgrade()
            user = User(username="bench", display_name="Bench")
            user.set_password("bench-password-1")
            db.session.add(user)
            db.session.flush()
            workshop = import_workshop(
                db.session, large_export(args.contributions, args.phases), user
            )
            db.session.commit()
            workshop_id = workshop.id

            def store() -> None:
                row = db.session.get(Workshop, workshop_id)
                record = service.get(db.session, row)
                if record is not None:  # time a fresh write, not "unchanged"
                    db.session.delete(record)
                    db.session.flush()
                service.regenerate(db.session, row)
                db.session.commit()

            rows.append(("write and store the minutes", *_median(store, args.runs)))
        client = app.test_client()
        client.post("/login", data={"username": "bench", "password": "bench-password-1"})

        def get(url: str) -> Callable[[], None]:
            def call() -> None:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            return call

        base = f"/console/{workshop_id}/minutes"
        rows.append(("open the minutes page", *_median(get(base), args.runs)))
        for fmt in ("md", "html", "docx", "pdf", "csv", "json"):
            rows.append((f"download .{fmt}", *_median(get(f"{base}.{fmt}"), args.runs)))
    print(f"{args.contributions} contributions, {args.phases} phases, {args.runs} runs")
    print("| step | first (s) | median (s) |")
    print("|---|---|---|")
    for name, first, median in rows:
        print(f"| {name} | {first:.2f} | {median:.2f} |")


if __name__ == "__main__":
    main()
