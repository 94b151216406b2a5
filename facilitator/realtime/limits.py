"""Socket limits that follow the person, not the connection.

A seat (one phone's participant, one facilitator in one workshop, or a workshop's projector
screens) shares one action budget and one snapshot budget across all its connections, and may
hold at most ``SEAT_CONNECTIONS`` connections at once: opening forty sockets with one seat cookie
no longer multiplies what it may send.

State lives in the process. In server mode the reverse proxy sends every request of one client
address to the same process (sticky sessions, docs/deployment.md), so a phone's connections
meet here; a seat spread over several addresses and processes gets at most one budget per
process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask

from facilitator.realtime.ratelimit import TokenBucket

SeatKey = tuple[int, str]


@dataclass
class _SeatState:
    actions: TokenBucket
    syncs: TokenBucket
    connections: int = 0
    last_seen: float = field(default=0.0)


class SeatLimits:
    """Budgets and connection counts per seat (``(workshop id, actor)``)."""

    def __init__(
        self,
        rate: float,
        burst: float,
        max_connections: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.max_connections = max_connections
        self.clock = clock
        self._seats: dict[SeatKey, _SeatState] = {}
        self._lock = threading.Lock()

    def _state(self, key: SeatKey, now: float) -> _SeatState:
        state = self._seats.get(key)
        if state is None:
            state = self._seats[key] = _SeatState(
                TokenBucket(self.rate, self.burst), TokenBucket(self.rate, self.burst)
            )
        state.last_seen = now
        return state

    def attach(self, key: SeatKey) -> bool:
        """Count a new connection of the seat; False (and not counted) when it has too many."""
        now = self.clock()
        with self._lock:
            if len(self._seats) > 1000:
                self._forget_idle(now)
            state = self._state(key, now)
            if state.connections >= self.max_connections:
                return False
            state.connections += 1
            return True

    def detach(self, key: SeatKey) -> None:
        """A connection of the seat closed."""
        with self._lock:
            state = self._seats.get(key)
            if state is not None and state.connections > 0:
                state.connections -= 1

    def allow_action(self, key: SeatKey) -> bool:
        """Take one action from the seat's shared budget."""
        now = self.clock()
        with self._lock:
            return self._state(key, now).actions.allow(now)

    def allow_sync(self, key: SeatKey) -> bool:
        """Take one snapshot request from the seat's own snapshot budget."""
        now = self.clock()
        with self._lock:
            return self._state(key, now).syncs.allow(now)

    def connections(self, key: SeatKey) -> int:
        """Open connections of the seat in this process."""
        with self._lock:
            state = self._seats.get(key)
            return state.connections if state else 0

    def _forget_idle(self, now: float) -> None:
        """Drop seats with no connection whose budgets have refilled (nothing is lost: a new
        state starts full)."""
        refill = self.burst / self.rate if self.rate > 0 else float("inf")
        for key, state in list(self._seats.items()):
            if state.connections == 0 and now - state.last_seen > refill:
                del self._seats[key]


def init_app(app: Flask) -> None:
    """One SeatLimits per app, from FACILITATOR_RATE_PER_SECOND, _RATE_BURST, _SEAT_CONNECTIONS."""
    config = app.config
    app.extensions["facilitator.seat_limits"] = SeatLimits(
        config["RATE_PER_SECOND"], config["RATE_BURST"], config["SEAT_CONNECTIONS"]
    )


def seat_limits(app: Any) -> SeatLimits:
    """The app's SeatLimits."""
    return app.extensions["facilitator.seat_limits"]  # type: ignore[no-any-return]
