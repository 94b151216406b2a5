"""Script strings for the phone screen."""

from __future__ import annotations

STRINGS: dict[str, object] = {}
