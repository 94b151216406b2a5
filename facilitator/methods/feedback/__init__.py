"""The feedback method (see method.py); importing the package stays light: the class, which needs
the realtime core, is loaded on first use, so logic.py, chart.py and summary.py import without
Flask."""

from __future__ import annotations

from typing import Any

__all__ = ["Feedback"]


def __getattr__(name: str) -> Any:
    if name == "Feedback":
        from facilitator.methods.feedback.method import Feedback

        return Feedback
    raise AttributeError(name)
