"""Script strings for the console screen."""

from __future__ import annotations

STRINGS: dict[str, object] = {}
