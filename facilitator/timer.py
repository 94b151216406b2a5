"""The phase timer as plain data: {duration, remaining, ends_at, running, warning}. No Flask, no
clock reads.

Clients get ``server_now`` with every snapshot and correct for their own clock, so a reload of
any page shows the same remaining time. ``warning`` is how many seconds before the end every
screen shows that time is running out (a round of a method, or any phase with a timer).
"""

from __future__ import annotations

from typing import Any

Timer = dict[str, Any]

#: Seconds before the end when screens say that time is running out.
DEFAULT_WARNING = 60


def new_timer(seconds: int, *, warning: int = DEFAULT_WARNING) -> Timer:
    """A stopped timer set to ``seconds``."""
    return {
        "duration": seconds,
        "remaining": float(seconds),
        "ends_at": None,
        "running": False,
        "warning": warning,
    }


def warning_due(timer: Timer, now: float) -> bool:
    """True while a running timer is within its warning time of the end (and not over)."""
    left = remaining(timer, now)
    limit = float(timer.get("warning", DEFAULT_WARNING) or 0)
    return bool(timer.get("running")) and 0 < left <= limit


def remaining(timer: Timer, now: float) -> float:
    """Seconds left at ``now`` (never below zero)."""
    if timer.get("running") and timer.get("ends_at") is not None:
        return max(0.0, float(timer["ends_at"]) - now)
    return max(0.0, float(timer.get("remaining", 0.0)))


def start(timer: Timer, now: float) -> Timer:
    """Run from what is left; a finished timer restarts from its duration."""
    if timer.get("running"):
        return dict(timer)
    left = remaining(timer, now) or float(timer.get("duration", 0))
    return {**timer, "running": True, "ends_at": now + left, "remaining": left}


def pause(timer: Timer, now: float) -> Timer:
    """Stop and keep what is left."""
    return {**timer, "running": False, "ends_at": None, "remaining": remaining(timer, now)}


def add(timer: Timer, seconds: int, now: float) -> Timer:
    """Add (or with a negative number, remove) time, running or not."""
    left = max(0.0, remaining(timer, now) + seconds)
    duration = max(0, int(timer.get("duration", 0)) + seconds)
    if timer.get("running"):
        return {**timer, "duration": duration, "ends_at": now + left, "remaining": left}
    return {**timer, "duration": duration, "remaining": left}
