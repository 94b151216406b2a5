"""The brainstorm method (see method.py); importing the package stays light: the class, which needs
the realtime core, is loaded on first use, so logic.py and summary.py import without Flask."""

from __future__ import annotations

from typing import Any

__all__ = ["Brainstorm"]


def __getattr__(name: str) -> Any:
    if name == "Brainstorm":
        from facilitator.methods.brainstorm.method import Brainstorm

        return Brainstorm
    raise AttributeError(name)
