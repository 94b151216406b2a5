"""The concept-definitions method (see method.py); importing the package stays light: the class,
which needs the realtime core, is loaded on first use, so logic.py and summary.py import without
Flask."""

from __future__ import annotations

from typing import Any

__all__ = ["Concepts"]


def __getattr__(name: str) -> Any:
    if name == "Concepts":
        from facilitator.methods.concepts.method import Concepts

        return Concepts
    raise AttributeError(name)
