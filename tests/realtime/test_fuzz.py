"""Random envelopes from every seat: the gate always answers in the one shape, never with a
server error, and the seq stays gapless."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.realtime.controls import CONTROLS
from tests.conftest import events
from tests.realtime.helpers import snapshot, started

TYPES = [
    *sorted(CONTROLS.handlers),
    "note.add",
    "note.edit",
    "note.delete",
    "note.plus",
    "theme.create",
    "theme.rename",
    "theme.delete",
    "note.theme",
    "vote.add",
    "vote.remove",
    "nonsense",
]
KEYS = ["id", "text", "on", "hidden", "index", "seconds", "label", "theme", "item", "locale"]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.integers(-3, 12)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["fi", "sv", "en", "", "  "])
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=5)
envelopes = st.fixed_dictionaries(
    {
        "op": st.text(alphabet="abcdef0123456789-_", min_size=8, max_size=20),
        "type": st.sampled_from(TYPES),
        "data": st.dictionaries(st.sampled_from(KEYS), values, max_size=3),
    },
    optional={"phase": st.none() | st.integers(-1, 10) | st.text(max_size=3)},
)


def test_random_actions_never_break_the_gate(make_room):
    room = make_room()
    console, [phone] = started(room, ("", ""))
    projector = room.projector()
    clients = [console, phone.sock, projector]

    @given(envelopes, st.sampled_from([0, 1, 2]))
    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(envelope, who):
        ack = clients[who].emit("act", envelope, callback=True)
        assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), ack
        if not ack["ok"]:
            assert set(ack["error"]) == {"code", "message"}
            assert ack["error"]["code"] != "server_error", (envelope, who)

    check()
    # Everything accepted was published with a gapless seq (the console saw it all).
    seqs = [e["seq"] for e in events(console)]
    start = seqs[0] if seqs else room.workshop.seq + 1
    assert seqs == list(range(start, start + len(seqs)))
    assert snapshot(console)["seq"] == room.workshop.seq
