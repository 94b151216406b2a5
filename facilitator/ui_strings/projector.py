"""Script strings for the projector screen."""

from __future__ import annotations

STRINGS: dict[str, object] = {}
