"""Minutes tests: ``pytest tests/summaries --update-goldens`` rewrites the golden files.

The same can be done with ``FACILITATOR_UPDATE_GOLDENS=1`` or
``python -m tests.summaries.update_goldens`` (after the catalogues change, say).
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-goldens."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite the golden Markdown files of the minutes instead of comparing",
    )


@pytest.fixture()
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten rather than compared."""
    try:
        flag = bool(request.config.getoption("--update-goldens"))
    except ValueError:  # the option is only known when this directory is collected first
        flag = False
    return flag or os.environ.get("FACILITATOR_UPDATE_GOLDENS") == "1"
