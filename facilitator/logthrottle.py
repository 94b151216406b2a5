"""Log lines that a flood cannot multiply: at most one per client a minute, and a cap in all.

Used for refusals of malformed input, where every line is written because of something a
client sent. The lines name the kind of problem, never what was sent.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any


class LogThrottle:
    """At most one line per key every ``per_key`` seconds and ``overall`` lines a minute."""

    def __init__(
        self,
        per_key: float = 60.0,
        overall: int = 30,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_key = per_key
        self.overall = overall
        self.clock = clock
        self._last: dict[str, float] = {}
        self._held: dict[str, int] = {}
        self._window_start = -1e18
        self._window_lines = 0
        self._lock = threading.Lock()

    def allow(self, key: str) -> tuple[bool, int]:
        """(whether to write a line for ``key`` now, lines held back for it since the last)."""
        now = self.clock()
        with self._lock:
            if len(self._last) + len(self._held) > 10_000:
                self._forget(now)
            last = self._last.get(key)
            if last is not None and now - last < self.per_key:
                self._held[key] = self._held.get(key, 0) + 1
                return False, 0
            if now - self._window_start >= 60.0:
                self._window_start, self._window_lines = now, 0
            if self._window_lines >= self.overall:
                self._held[key] = self._held.get(key, 0) + 1
                return False, 0
            self._window_lines += 1
            self._last[key] = now
            return True, self._held.pop(key, 0)

    def log(
        self, logger: logging.Logger, key: str, msg: str, *args: Any, level: int = logging.WARNING
    ) -> bool:
        """Write ``msg % args`` for ``key`` unless held back; True when written."""
        write, held = self.allow(key)
        if write:
            suffix = f" ({held} more since the last line)" if held else ""
            logger.log(level, f"{msg}{suffix}", *args)
        return write

    def _forget(self, now: float) -> None:
        for key in [k for k, t in self._last.items() if now - t >= self.per_key]:
            self._last.pop(key, None)
        self._held = {k: n for k, n in self._held.items() if k in self._last}
