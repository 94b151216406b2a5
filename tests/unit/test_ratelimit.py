"""The per-connection token bucket; time is passed in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.realtime.ratelimit import TokenBucket


def test_burst_then_refused_then_refilled():
    bucket = TokenBucket(rate=2, burst=5)
    assert all(bucket.allow(100.0) for _ in range(5))
    assert not bucket.allow(100.0)
    assert not bucket.allow(100.2)
    assert bucket.allow(100.5)  # one token back after half a second at 2/s
    assert not bucket.allow(100.5)


def test_refill_never_exceeds_burst():
    bucket = TokenBucket(rate=10, burst=3)
    bucket.allow(0.0)
    allowed = sum(bucket.allow(1000.0) for _ in range(10))
    assert allowed == 3


@given(
    st.floats(0.5, 50),
    st.integers(1, 40),
    st.lists(st.floats(0, 2, allow_nan=False), min_size=1, max_size=60),
)
def test_never_more_than_burst_plus_rate_times_elapsed(rate, burst, gaps):
    bucket = TokenBucket(rate=rate, burst=burst)
    now = 0.0
    allowed = 0
    for gap in gaps:
        now += gap
        allowed += bucket.allow(now)
    assert allowed <= burst + rate * now + 1e-6
