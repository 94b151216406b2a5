"""Method tests use the socket-test fixtures."""

from tests.realtime.conftest import facilitator

__all__ = ["facilitator"]
