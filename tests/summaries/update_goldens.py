"""Rewrite the fixture export and the golden minutes: python -m tests.summaries.update_goldens."""

from __future__ import annotations

from tests.summaries.factories import write_fixture
from tests.summaries.goldens import GOLDEN_DIR, GOLDENS, golden_path, render_golden


def main() -> None:
    """Write the fixture, then every golden file."""
    write_fixture()
    GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
    for name, (locale, analyser) in GOLDENS.items():
        golden_path(name).write_bytes(render_golden(locale, analyser))
        print(f"wrote {golden_path(name)}")


if __name__ == "__main__":
    main()
