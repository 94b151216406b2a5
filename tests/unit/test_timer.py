"""The phase timer as plain data: start, pause, add, and a reload that recomputes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from facilitator import timer


def test_new_timer_is_stopped_and_full():
    t = timer.new_timer(300)
    assert t == {
        "duration": 300,
        "remaining": 300.0,
        "ends_at": None,
        "running": False,
        "warning": 60,
    }
    assert timer.remaining(t, 1e9) == 300.0


def test_the_warning_is_due_in_the_last_minute_of_a_running_timer():
    t = timer.start(timer.new_timer(300), now=1000.0)
    assert not timer.warning_due(t, 1000.0 + 239)
    assert timer.warning_due(t, 1000.0 + 240)
    assert timer.warning_due(t, 1000.0 + 299.5)
    assert not timer.warning_due(t, 1000.0 + 300)  # over: the screens say "time is up"
    assert not timer.warning_due(timer.pause(t, 1000.0 + 250), 1000.0 + 260)
    short = timer.start(timer.new_timer(600, warning=120), now=0.0)
    assert timer.warning_due(short, 481.0) and not timer.warning_due(short, 479.0)


def test_start_runs_down_with_the_clock():
    t = timer.start(timer.new_timer(300), now=1000.0)
    assert t["running"] and t["ends_at"] == 1300.0
    assert timer.remaining(t, 1100.0) == 200.0
    assert timer.remaining(t, 2000.0) == 0.0


def test_starting_a_running_timer_changes_nothing():
    t = timer.start(timer.new_timer(60), 10.0)
    assert timer.start(t, 50.0) == t


def test_pause_keeps_what_is_left_and_resume_continues():
    t = timer.start(timer.new_timer(300), 1000.0)
    paused = timer.pause(t, 1060.0)
    assert not paused["running"] and paused["ends_at"] is None
    assert paused["remaining"] == 240.0
    assert timer.remaining(paused, 99999.0) == 240.0
    resumed = timer.start(paused, 5000.0)
    assert resumed["ends_at"] == 5240.0


def test_finished_timer_restarts_from_duration():
    t = timer.start(timer.new_timer(60), 0.0)
    assert timer.remaining(t, 100.0) == 0.0
    again = timer.start(timer.pause(t, 100.0), 200.0)
    assert again["ends_at"] == 260.0


def test_add_while_running_and_paused():
    running = timer.start(timer.new_timer(300), 0.0)
    more = timer.add(running, 60, 100.0)
    assert more["ends_at"] == 360.0 and more["duration"] == 360
    paused = timer.add(timer.new_timer(300), -120, 0.0)
    assert paused["remaining"] == 180.0 and paused["duration"] == 180
    assert timer.add(timer.new_timer(30), -600, 0.0)["remaining"] == 0.0


def test_reload_recomputes_the_same_time_from_state_and_server_now():
    """A page reload gets the stored state (JSON) and server_now and must show the same time."""
    state = timer.start(timer.new_timer(480), 1000.0)
    state = timer.add(state, 30, 1100.0)
    stored = json.loads(json.dumps(state))
    server_now = 1250.0
    assert timer.remaining(stored, server_now) == timer.remaining(state, server_now) == 260.0
    # What a client computes: ends_at - server_now.
    assert stored["ends_at"] - server_now == 260.0


@given(
    st.integers(0, 7200),
    st.lists(
        st.tuples(st.sampled_from(["start", "pause", "add"]), st.integers(-600, 600)),
        max_size=20,
    ),
)
def test_remaining_stays_between_zero_and_duration(seconds, steps):
    t = timer.new_timer(seconds)
    now = 0.0
    for action, value in steps:
        now += abs(value) / 10
        if action == "start":
            t = timer.start(t, now)
        elif action == "pause":
            t = timer.pause(t, now)
        else:
            t = timer.add(t, value, now)
        left = timer.remaining(t, now)
        assert left >= 0.0
        assert left <= t["duration"] + 1e-9
        assert json.loads(json.dumps(t)) == t
