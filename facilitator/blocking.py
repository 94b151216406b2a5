"""Run CPU-heavy work (laying out a long PDF) off the event loop, so sockets stay live."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")


def run_blocking(fn: Callable[..., T], *args: object) -> T:
    """Call ``fn(*args)`` in a native thread under gevent or eventlet (their hubs keep serving
    phones meanwhile); directly in threading mode."""
    mode = current_app.config.get("ASYNC_MODE")
    if mode == "gevent":
        from gevent import get_hub

        return get_hub().threadpool.apply(fn, args)  # type: ignore[no-any-return]
    if mode == "eventlet":
        from eventlet import tpool

        return tpool.execute(fn, *args)  # type: ignore[no-any-return]
    return fn(*args)
