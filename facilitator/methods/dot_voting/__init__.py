"""The dot_voting method (see method.py); importing the package stays light: the class, which needs
the realtime core, is loaded on first use, so logic.py and summary.py import without Flask."""

from __future__ import annotations

from typing import Any

__all__ = ["DotVoting"]


def __getattr__(name: str) -> Any:
    if name == "DotVoting":
        from facilitator.methods.dot_voting.method import DotVoting

        return DotVoting
    raise AttributeError(name)
