"""Concept definitions over sockets: terms, proposals, +1s, the co-edited shared definition with
its revisions, confirming, live terms and their order, moderation, and the minutes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from facilitator.exports.workshop_json import export_workshop, import_workshop
from facilitator.extensions import db
from facilitator.methods.concepts import method as concepts
from facilitator.models import Contribution, User, Workshop
from facilitator.summaries import build_minutes
from facilitator.summaries.blocks import Heading, Paragraph, Table
from tests.conftest import act, events, running_app
from tests.realtime.helpers import error_code, fingerprint, set_config, snapshot, started

EXAMPLE = Path(concepts.__file__).resolve().parent / "kit.example.yaml"
KIT = "example-concepts"
TWO_PHASES = """
id: concepts-after-notes
title: {fi: Kaksi vaihetta}
phases:
  - id: notes
    method: brainstorm
    title: {fi: Ajatuksia}
  - id: concepts
    method: concepts
    title: {fi: Käsitteet}
    config:
      terms:
        - name: Palveluohjaus
  - id: after
    method: brainstorm
    title: {fi: Jälkeen}
"""


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """The app with the method's example kit (and a two-phase kit) among its kits."""
    kits = tmp_path / "kits"
    kits.mkdir()
    shutil.copy(EXAMPLE, kits / "concepts.yaml")
    (kits / "two.yaml").write_text(TWO_PHASES, encoding="utf-8")
    with running_app(tmp_path / "data", KITS_DIR=str(kits)) as app:
        yield app


def _last(client: Any, type_: str) -> dict[str, Any]:
    got = [e for e in events(client) if e["type"] == type_]
    assert got, type_
    return got[-1]


def _view(client: Any) -> dict[str, Any]:
    return snapshot(client)["view"]


def _terms(client: Any) -> list[dict[str, Any]]:
    return _view(client)["terms"]


def _room(make_room: Any, *phones: tuple[str, str], locale: str = "fi") -> Any:
    room = make_room(KIT, locale)
    console, joined = started(room, *phones)
    return room, console, joined


def _propose(phone: Any, term: int, text: str) -> dict[str, Any]:
    ack = act(phone.sock, "proposal.add", {"term": term, "text": text})
    assert ack["ok"], ack
    return ack["data"]["proposal"]


def _edit(client: Any, term: int, base: int, base_text: str, text: str) -> dict[str, Any]:
    return act(
        client, "wording.edit", {"term": term, "base": base, "base_text": base_text, "text": text}
    )


# -- terms --------------------------------------------------------------------------------------


def test_the_kit_terms_in_order_with_hints_and_the_first_current(make_room):
    room, console, [phone] = _room(make_room, ("", ""))
    terms = _terms(phone.sock)
    assert [t["name"] for t in terms] == [
        "Palveluohjaus",
        "Palvelupolku",
        "Varhainen tuki",
        "Ennaltaehkäisy",
        "Monialaisuus",
        "Intensiivisyys",
    ]
    assert terms[0]["hint"] == "Kuka ohjaa, ketä ja mihin?"
    assert terms[2]["hint"] == ""
    view = _view(phone.sock)
    assert view["current"] == terms[0]["id"] and view["overview"] is False
    assert view["proposals"] == [] and view["wordings"] == []
    assert view["can_edit"] is True and view["co_edit"] == "everyone"
    assert view["max_length"] == 300 and view["allow_plus"] is True
    assert "hidden" not in terms[0]
    assert _terms(console)[0]["hidden"] is False
    assert _view(room.projector())["can_edit"] is False


def test_terms_speak_the_language_of_the_seat(make_room):
    room = make_room(KIT, "sv")
    started(room)
    names = [t["name"] for t in _terms(room.projector())]
    assert names[:2] == ["Servicehandledning", "Servicestig"]
    assert _terms(room.projector())[0]["hint"] == "Vem handleder vem, och vart?"


def test_add_move_rename_and_show_terms(make_room):
    room, console, [phone] = _room(make_room, ("", ""))
    projector = room.projector()
    first, second, *_ = [t["id"] for t in _terms(console)]
    added = act(console, "term.add", {"name": "Asiakaslähtöisyys", "hint": "Kenen ehdoilla?"})
    term = added["data"]["term"]
    assert term == {"id": term["id"], "name": "Asiakaslähtöisyys", "hint": "Kenen ehdoilla?"}
    assert _last(projector, "term.added")["data"] == {"phase": room.phase_id(0), "term": term}
    assert _last(console, "term.added")["data"]["term"]["hidden"] is False
    assert [t["id"] for t in _terms(phone.sock)][-1] == term["id"]

    # First, then after the first term.
    ack = act(console, "term.move", {"id": term["id"], "after": None})
    assert ack["data"]["order"][:2] == [term["id"], first]
    assert _last(projector, "terms.ordered")["data"]["order"][:3] == [term["id"], first, second]
    act(console, "term.move", {"id": term["id"], "after": first})
    assert [t["id"] for t in _terms(phone.sock)][:3] == [first, term["id"], second]
    assert error_code(act(console, "term.move", {"id": term["id"], "after": term["id"]})) == (
        "invalid"
    )
    assert error_code(act(console, "term.move", {"id": term["id"], "after": 999999})) == (
        "not_found"
    )

    # A renamed kit term keeps its translations when only the hint changes.
    act(console, "term.edit", {"id": first, "name": "Palveluohjaus", "hint": "Uusi vihje"})
    assert _last(projector, "term.changed")["data"]["term"] == {
        "id": first,
        "name": "Palveluohjaus",
        "hint": "Uusi vihje",
    }
    with room.app.app_context():
        row = db.session.get(Contribution, first)
        assert row.data["name"]["sv"] == "Servicehandledning" and row.data["hint"] == "Uusi vihje"
    act(console, "term.edit", {"id": first, "name": "Ohjaus", "hint": ""})
    assert _terms(phone.sock)[0]["name"] == "Ohjaus" and _terms(phone.sock)[0]["hint"] == ""

    # The room moves to a term, then sees every term at once.
    ack = act(console, "term.current", {"id": second})
    assert ack["data"] == {"phase": room.phase_id(0), "current": second, "overview": False}
    assert _last(phone.sock, "term.current")["data"]["current"] == second
    assert _view(projector)["current"] == second
    act(console, "term.current", {"id": None})
    view = _view(projector)
    assert view["overview"] is True and view["current"] == second
    assert error_code(act(console, "term.current", {"id": 999999})) == "not_found"


def test_a_kit_without_terms_starts_empty_and_the_first_added_term_is_current(make_room):
    room = make_room(KIT)
    set_config(room, 0, terms=[])
    console, [phone] = started(room, ("", ""))
    assert _view(phone.sock)["terms"] == [] and _view(phone.sock)["current"] is None
    term = act(console, "term.add", {"name": "Palveluohjaus"})["data"]["term"]
    assert _view(phone.sock)["current"] == term["id"]


# -- proposals and +1 ---------------------------------------------------------------------------


def test_propose_edit_and_delete_own_proposal(make_room):
    room, console, [anna, other] = _room(make_room, ("Anna", "client"), ("", ""))
    projector = room.projector()
    term = _terms(anna.sock)[0]["id"]
    proposal = _propose(anna, term, "  Asiakkaan ohjaamista oikeaan palveluun.  ")
    assert proposal == {
        "id": proposal["id"],
        "term": term,
        "text": "Asiakkaan ohjaamista oikeaan palveluun.",
        "plus": 0,
        "mine": True,
        "plussed": False,
    }
    public = _last(projector, "proposal.added")["data"]
    assert public == {
        "phase": room.phase_id(0),
        "proposal": {k: proposal[k] for k in ("id", "term", "text", "plus")},
    }
    staff = _last(console, "proposal.added")["data"]["proposal"]
    assert staff["author"] == "Anna" and staff["role"] == "client" and staff["hidden"] is False
    [seen] = _view(other.sock)["proposals"]
    assert seen["mine"] is False and seen["plussed"] is False

    edited = act(anna.sock, "proposal.edit", {"id": proposal["id"], "text": "Ohjaamista."})
    assert edited["data"]["proposal"]["text"] == "Ohjaamista."
    assert _last(projector, "proposal.updated")["data"]["proposal"]["text"] == "Ohjaamista."
    assert error_code(act(other.sock, "proposal.edit", {"id": proposal["id"], "text": "x"})) == (
        "not_yours"
    )
    assert error_code(act(other.sock, "proposal.delete", {"id": proposal["id"]})) == "not_yours"

    assert act(anna.sock, "proposal.delete", {"id": proposal["id"]})["data"] == {
        "id": proposal["id"]
    }
    assert _last(projector, "item.removed")["data"] == {
        "id": proposal["id"],
        "phase": room.phase_id(0),
    }
    assert _view(console)["proposals"] == []
    assert error_code(act(anna.sock, "proposal.edit", {"id": proposal["id"], "text": "x"})) == (
        "not_found"
    )


def test_proposal_length_and_empty_text(make_room):
    room, _, [phone] = _room(make_room, ("", ""))
    set_config(room, 0, max_length=20)
    term = _terms(phone.sock)[0]["id"]
    before = fingerprint(room)
    ack = act(phone.sock, "proposal.add", {"term": term, "text": "x" * 21})
    assert error_code(ack) == "too_long" and "20" in ack["error"]["message"]
    assert error_code(act(phone.sock, "proposal.add", {"term": term, "text": "   "})) == "empty"
    assert error_code(act(phone.sock, "proposal.add", {"term": 999999, "text": "x"})) == (
        "not_found"
    )
    assert error_code(act(phone.sock, "proposal.add", {"term": term, "text": "x", "a": 1})) == (
        "invalid"
    )
    # Refusals change nothing but the replay record of the refused ops.
    after = fingerprint(room)
    assert after[:-1] == before[:-1]


def test_plus_on_off_and_never_on_ones_own(make_room):
    room, console, [author, fan, other] = _room(make_room, ("", ""), ("", ""), ("", ""))
    term = _terms(author.sock)[0]["id"]
    proposal = _propose(author, term, "Ohjausta")
    ack = act(fan.sock, "proposal.plus", {"id": proposal["id"], "on": True})
    assert ack["data"] == {"id": proposal["id"], "plus": 1, "plussed": True}
    assert _last(console, "proposal.plus")["data"] == {
        "phase": room.phase_id(0),
        "id": proposal["id"],
        "plus": 1,
    }
    assert act(fan.sock, "proposal.plus", {"id": proposal["id"]})["data"]["plus"] == 1
    assert act(other.sock, "proposal.plus", {"id": proposal["id"]})["data"]["plus"] == 2
    [seen] = _view(fan.sock)["proposals"]
    assert seen["plus"] == 2 and seen["plussed"] is True
    assert act(fan.sock, "proposal.plus", {"id": proposal["id"], "on": False})["data"] == {
        "id": proposal["id"],
        "plus": 1,
        "plussed": False,
    }
    assert error_code(act(author.sock, "proposal.plus", {"id": proposal["id"]})) == ("own_proposal")
    set_config(room, 0, allow_plus=False)
    assert error_code(act(fan.sock, "proposal.plus", {"id": proposal["id"]})) == ("unknown_action")


# -- the shared definition ----------------------------------------------------------------------


def test_write_then_edit_the_shared_definition(make_room):
    room, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    projector = room.projector()
    term = _terms(anna.sock)[0]["id"]
    ack = _edit(anna.sock, term, 0, "", "Palveluohjaus on tukea.")
    wording = ack["data"]["wording"]
    assert ack["data"]["merged"] is False
    assert wording == {
        "id": wording["id"],
        "term": term,
        "text": "Palveluohjaus on tukea.",
        "rev": 1,
        "confirmed": False,
        "source": None,
    }
    assert _last(projector, "wording.changed")["data"] == {
        "phase": room.phase_id(0),
        "wording": wording,
    }
    ack = _edit(bertta.sock, term, 1, wording["text"], "Palveluohjaus on yksilöllistä tukea.")
    assert ack["data"]["wording"]["rev"] == 2 and ack["data"]["merged"] is False
    assert _view(console)["wordings"] == [ack["data"]["wording"]]
    # The definition is nobody's own text: no author, not in the appendix.
    with room.app.app_context():
        row = db.session.get(Contribution, wording["id"])
        assert row.participant_id is None and row.revision == 2


def test_two_phones_edit_one_definition_at_once_both_words_survive(make_room):
    """The co-editing case of docs/protocol.md: the later edit is merged into the current text."""
    room, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    term = _terms(anna.sock)[0]["id"]
    base = "Palveluohjaus on asiakkaan ohjaamista."
    start = act(console, "wording.edit", {"term": term, "base": 0, "base_text": "", "text": base})
    rev = start["data"]["wording"]["rev"]
    # Both phones open the editor at the same revision and change different words.
    anna_text = "Palveluohjaus on asiakkaan ohjaamista oikeaan palveluun."
    bertta_text = "Palveluohjaus on asiakkaan ja perheen ohjaamista."
    first = _edit(anna.sock, term, rev, base, anna_text)
    assert first["data"]["wording"]["text"] == anna_text
    second = _edit(bertta.sock, term, rev, base, bertta_text)
    assert second["ok"], second
    merged = second["data"]["wording"]["text"]
    assert merged == "Palveluohjaus on asiakkaan ja perheen ohjaamista oikeaan palveluun."
    assert second["data"]["merged"] is True and second["data"]["wording"]["rev"] == rev + 2
    for client in (anna.sock, bertta.sock, console, room.projector()):
        assert [w["text"] for w in _view(client)["wordings"]] == [merged]


def test_two_phones_change_the_same_words_the_later_is_refused_with_the_current_text(make_room):
    room, _console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    term = _terms(anna.sock)[0]["id"]
    base = "Palveluohjaus on asiakkaan tukemista."
    rev = _edit(anna.sock, term, 0, "", base)["data"]["wording"]["rev"]
    saved = _edit(anna.sock, term, rev, base, "Palveluohjaus on asiakkaan neuvomista.")
    events(bertta.sock)
    before = fingerprint(room)
    ack = _edit(bertta.sock, term, rev, base, "Palveluohjaus on asiakkaan kuuntelemista.")
    assert ack["ok"] is False
    assert ack["error"]["code"] == "conflict" and ack["error"]["message"]
    assert ack["error"]["current"] == {
        "id": saved["data"]["wording"]["id"],
        "text": "Palveluohjaus on asiakkaan neuvomista.",
        "rev": rev + 1,
    }
    assert fingerprint(room)[:-1] == before[:-1]  # nothing saved, nothing published
    assert [e for e in events(bertta.sock) if e["type"] == "wording.changed"] == []
    # Bertta adds her words to the current text: saved at the current revision.
    again = _edit(
        bertta.sock,
        term,
        rev + 1,
        "Palveluohjaus on asiakkaan neuvomista.",
        "Palveluohjaus on asiakkaan neuvomista ja kuuntelemista.",
    )
    assert again["data"]["wording"]["text"].endswith("neuvomista ja kuuntelemista.")


def test_two_people_writing_the_first_definition_at_once(make_room):
    _, _, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    term = _terms(anna.sock)[0]["id"]
    assert _edit(anna.sock, term, 0, "", "Annan määritelmä.")["ok"]
    ack = _edit(bertta.sock, term, 0, "", "Bertan määritelmä.")
    assert ack["error"]["code"] == "conflict"
    assert ack["error"]["current"]["text"] == "Annan määritelmä."


def test_a_merge_longer_than_the_limit_is_refused_and_nothing_saved(make_room):
    room, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    set_config(room, 0, max_length=40)
    term = _terms(anna.sock)[0]["id"]
    base = "Ohjaus on tukea."
    rev = _edit(console, term, 0, "", base)["data"]["wording"]["rev"]
    assert _edit(anna.sock, term, rev, base, "Ohjaus on yksilöllistä tukea.")["ok"]
    before = fingerprint(room)
    ack = _edit(bertta.sock, term, rev, base, "Ohjaus on tukea ja neuvontaa arjessa.")
    assert error_code(ack) == "too_long"
    assert fingerprint(room)[:-1] == before[:-1]


def test_only_the_facilitator_edits_when_the_kit_says_so(make_room):
    room, console, [phone] = _room(make_room, ("", ""))
    set_config(room, 0, co_edit="facilitator")
    term = _terms(phone.sock)[0]["id"]
    assert _view(phone.sock)["can_edit"] is False
    assert _view(console)["can_edit"] is True
    assert error_code(_edit(phone.sock, term, 0, "", "Minun versioni")) == "forbidden"
    assert _edit(console, term, 0, "", "Fasilitaattorin versio")["ok"]


def test_start_from_a_proposal_and_replace_only_the_revision_seen(make_room):
    _, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    term = _terms(anna.sock)[0]["id"]
    first = _propose(anna, term, "Ensimmäinen ehdotus.")
    second = _propose(bertta, term, "Toinen ehdotus.")
    ack = act(console, "wording.from_proposal", {"id": first["id"]})
    wording = ack["data"]["wording"]
    assert wording["text"] == "Ensimmäinen ehdotus." and wording["source"] == first["id"]
    assert wording["rev"] == 1
    # Replacing needs the revision the console showed; a change since then is never overwritten.
    _edit(anna.sock, term, 1, "Ensimmäinen ehdotus.", "Ensimmäinen ehdotus, muokattu.")
    stale = act(console, "wording.from_proposal", {"id": second["id"], "base": 1})
    assert stale["error"]["code"] == "conflict"
    assert stale["error"]["current"]["text"] == "Ensimmäinen ehdotus, muokattu."
    assert act(console, "wording.from_proposal", {"id": second["id"]})["error"]["code"] == (
        "conflict"
    )
    ack = act(console, "wording.from_proposal", {"id": second["id"], "base": 2})
    assert (
        ack["data"]["wording"]["text"] == "Toinen ehdotus." and ack["data"]["wording"]["rev"] == 3
    )
    assert ack["data"]["wording"]["source"] == second["id"]


def test_confirm_and_reopen(make_room):
    room, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    projector = room.projector()
    term = _terms(anna.sock)[0]["id"]
    proposal = _propose(anna, term, "Ehdotus")
    assert error_code(act(console, "wording.confirm", {"term": term})) == "no_wording"
    assert act(console, "wording.confirm", {"term": term, "on": False})["data"] == {"wording": None}
    _edit(console, term, 0, "", "Yhteinen määritelmä.")
    ack = act(console, "wording.confirm", {"term": term, "on": True})
    assert ack["data"]["wording"]["confirmed"] is True
    assert _last(projector, "wording.changed")["data"]["wording"]["confirmed"] is True
    # A confirmed definition is closed: no edits, proposals or +1s until it is reopened.
    before = fingerprint(room)
    for client, type_, data in [
        (anna.sock, "wording.edit", {"term": term, "base": 1, "base_text": "", "text": "x"}),
        (console, "wording.edit", {"term": term, "base": 1, "base_text": "", "text": "x"}),
        (console, "wording.from_proposal", {"id": proposal["id"], "base": 1}),
        (bertta.sock, "proposal.add", {"term": term, "text": "Myöhässä"}),
        (bertta.sock, "proposal.plus", {"id": proposal["id"]}),
        (anna.sock, "proposal.edit", {"id": proposal["id"], "text": "Muutos"}),
    ]:
        assert error_code(act(client, type_, data)) == "wording_confirmed", type_
    assert fingerprint(room)[:-1] == before[:-1]
    # Confirming twice changes nothing; reopening lets the room edit again.
    assert act(console, "wording.confirm", {"term": term})["data"]["wording"]["rev"] == 1
    act(console, "wording.confirm", {"term": term, "on": False})
    assert _view(anna.sock)["wordings"][0]["confirmed"] is False
    assert _edit(anna.sock, term, 1, "Yhteinen määritelmä.", "Yhteinen, parempi määritelmä.")["ok"]


# -- moderation, spotlight, locks and seats -----------------------------------------------------


def test_hiding_a_proposal_or_a_term(make_room):
    room, console, [anna, bertta] = _room(make_room, ("", ""), ("", ""))
    projector = room.projector()
    first, second, *_ = [t["id"] for t in _terms(anna.sock)]
    proposal = _propose(anna, first, "Loukkaava")
    act(console, "item.hide", {"id": proposal["id"], "hidden": True})
    assert _view(bertta.sock)["proposals"] == []
    assert _view(console)["proposals"][0]["hidden"] is True
    assert error_code(act(bertta.sock, "proposal.plus", {"id": proposal["id"]})) == "not_found"
    assert error_code(act(console, "wording.from_proposal", {"id": proposal["id"]})) == (
        "not_found"
    )
    # A hidden term leaves every public screen with its proposals; the room moves on.
    kept = _propose(bertta, second, "Polku")
    act(console, "term.current", {"id": second})
    act(console, "item.hide", {"id": second, "hidden": True})
    view = _view(projector)
    assert second not in [t["id"] for t in view["terms"]]
    assert kept["id"] not in [p["id"] for p in view["proposals"]]
    assert view["current"] == first
    assert [t["hidden"] for t in _terms(console) if t["id"] == second] == [True]
    assert error_code(act(bertta.sock, "proposal.add", {"term": second, "text": "x"})) == (
        "not_found"
    )
    assert error_code(act(console, "term.current", {"id": second})) == "not_found"
    act(console, "item.hide", {"id": second, "hidden": False})
    assert _last(projector, "item.restored")["data"]["resync"] is True
    assert second in [t["id"] for t in _terms(projector)]


def test_a_spotlighted_definition_follows_its_edits(make_room):
    room, console, [anna] = _room(make_room, ("", ""))
    term = _terms(anna.sock)[0]["id"]
    wording = _edit(anna.sock, term, 0, "", "Ensin näin.")["data"]["wording"]
    act(console, "spotlight.set", {"id": wording["id"]})
    _edit(anna.sock, term, 1, "Ensin näin.", "Sitten näin.")
    assert snapshot(room.projector())["spotlight"] == {"id": wording["id"], "text": "Sitten näin."}


def test_a_locked_phase_refuses_phones_but_not_the_facilitator(make_room):
    _, console, [anna] = _room(make_room, ("", ""))
    term = _terms(anna.sock)[0]["id"]
    act(console, "phase.lock", {"on": True})
    assert error_code(act(anna.sock, "proposal.add", {"term": term, "text": "x"})) == "locked"
    assert error_code(_edit(anna.sock, term, 0, "", "x")) == "locked"
    assert act(console, "term.add", {"name": "Uusi"})["ok"]
    assert _edit(console, term, 0, "", "Fasilitaattori kirjoittaa.")["ok"]


def test_items_of_another_workshop_are_not_found(make_room):
    room_a, _, [anna] = _room(make_room, ("", ""))
    room_b, console_b, [bertta] = _room(make_room, ("", ""))
    term_a = _terms(anna.sock)[0]["id"]
    proposal_a = _propose(anna, term_a, "A:n ehdotus")
    for client, type_, data in [
        (bertta.sock, "proposal.add", {"term": term_a, "text": "x"}),
        (bertta.sock, "proposal.plus", {"id": proposal_a["id"]}),
        (bertta.sock, "proposal.edit", {"id": proposal_a["id"], "text": "x"}),
        (bertta.sock, "wording.edit", {"term": term_a, "base": 0, "base_text": "", "text": "x"}),
        (console_b, "wording.from_proposal", {"id": proposal_a["id"]}),
        (console_b, "wording.confirm", {"term": term_a}),
        (console_b, "term.edit", {"id": term_a, "name": "x"}),
        (console_b, "term.move", {"id": term_a}),
        (console_b, "term.current", {"id": term_a}),
    ]:
        assert error_code(act(client, type_, data)) == "not_found", type_
    del room_a, room_b


def test_phones_and_the_projector_may_not_steer(make_room):
    room, _, [anna] = _room(make_room, ("", ""))
    term = _terms(anna.sock)[0]["id"]
    projector = room.projector()
    for type_, data in [
        ("term.add", {"name": "x"}),
        ("term.current", {"id": term}),
        ("term.move", {"id": term}),
        ("term.edit", {"id": term, "name": "x"}),
        ("wording.confirm", {"term": term}),
        ("wording.from_proposal", {"id": term}),
    ]:
        assert error_code(act(anna.sock, type_, data)) == "forbidden", type_
        assert error_code(act(projector, type_, data)) == "forbidden", type_


def test_terms_are_written_when_the_room_first_enters_the_phase(make_room):
    room = make_room("concepts-after-notes")
    console, [phone] = started(room, ("", ""))
    assert count_terms(room) == 0
    act(console, "phase.next")
    assert [t["name"] for t in _terms(phone.sock)] == ["Palveluohjaus"]
    act(console, "phase.back")
    act(console, "phase.next")
    assert count_terms(room) == 1  # entering again writes nothing twice


def count_terms(room: Any) -> int:
    with room.app.app_context():
        return len(
            db.session.scalars(
                db.select(Contribution).where(
                    Contribution.workshop_id == room.id, Contribution.kind == "term"
                )
            ).all()
        )


# -- kit checks ---------------------------------------------------------------------------------


def test_kit_settings_are_checked(app):
    registry = app.extensions["facilitator.methods"]
    method = registry.get("concepts")
    with pytest.raises(ValueError):
        method.config({"co_edit": "nobody"})
    with pytest.raises(ValueError):
        method.config({"terms": [{"name": {"fi": "x" * 81}}]})
    with pytest.raises(ValueError):
        method.config({"terms": [{"name": {"fi": " ", "sv": "x"}}]})
    with pytest.raises(ValueError):
        method.config({"max_length": 501})
    config = method.config({"terms": ["Palveluohjaus", {"name": "palveluohjaus"}]})
    assert method.check_kit(config, ["x"], 0) == [
        "terms[1].name: 'palveluohjaus' is already terms[0]"
    ]


# -- minutes ------------------------------------------------------------------------------------


def _export(room: Any) -> dict[str, Any]:
    with room.app.app_context():
        workshop = db.session.get(Workshop, room.id)
        return export_workshop(db.session, workshop)


def _section(minutes: Any) -> list[Any]:
    blocks = list(minutes.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.level == 2 and "Yhteiset käsitteet" in b.text
    )
    end = next(
        i
        for i, b in enumerate(blocks[start + 1 :], start + 1)
        if isinstance(b, Heading) and b.level == 2
    )
    return blocks[start + 1 : end]


def test_minutes_give_each_term_with_its_definition_then_its_proposals(make_room):
    room, console, phones = _room(make_room, *[("", "")] * 4)
    a, b, c, d = phones
    terms = [t["id"] for t in _terms(a.sock)]
    p1 = _propose(a, terms[0], "Ohjausta oikeaan paikkaan.")
    _propose(b, terms[0], "Tukea palveluiden viidakossa.")
    p3 = _propose(c, terms[0], "Yhdessä kulkemista.")
    hidden = _propose(d, terms[0], "Piilotettava")
    for phone in (b, c, d):
        act(phone.sock, "proposal.plus", {"id": p1["id"]})
    act(a.sock, "proposal.plus", {"id": p3["id"]})
    act(console, "item.hide", {"id": hidden["id"], "hidden": True})
    act(console, "wording.from_proposal", {"id": p1["id"]})
    act(console, "wording.confirm", {"term": terms[0]})
    _edit(a.sock, terms[1], 0, "", "Polku on asiakkaan matka.")
    _propose(a, terms[1], "Matka palvelusta toiseen.")
    act(console, "term.move", {"id": terms[2], "after": None})
    act(console, "workshop.end")
    export = _export(room)
    section = _section(build_minutes(export, "fi"))
    headings = [b.text for b in section if isinstance(b, Heading)]
    assert headings == [
        "Varhainen tuki",
        "Palveluohjaus",
        "Palvelupolku",
        "Ennaltaehkäisy",
        "Monialaisuus",
        "Intensiivisyys",
        "Automaattinen – tarkista",  # the core's keywords of the phase's proposals
    ]
    texts = [b.text for b in section if isinstance(b, Paragraph)]
    assert texts[0] == "Kysymys: Mitä nämä sanat tarkoittavat meidän työssämme?"
    assert texts[1] == (
        "6 käsitettä · 1 määritelmä vahvistettu · 4 ehdotusta · 3 kirjoittajaa · +1 × 4"
    )
    assert "Ryhmän määritelmä: Ohjausta oikeaan paikkaan." in texts
    assert "Luonnos, ryhmä ei vahvistanut: Polku on asiakkaan matka." in texts
    assert texts.count("Ryhmä ei kirjoittanut yhteistä määritelmää.") == 4
    tables = [b for b in section if isinstance(b, Table)]
    assert tables[0].rows == (
        ("Ohjausta oikeaan paikkaan.", "3"),
        ("Yhdessä kulkemista.", "1"),
        ("Tukea palveluiden viidakossa.", "0"),
    )
    assert "Piilotettava" not in repr(section)
    # Every proposal is in the appendix; the shared definition is nobody's own note.
    appendix = [b for b in build_minutes(export, "fi").blocks if isinstance(b, Table)][-1]
    assert "Matka palvelusta toiseen." in repr(appendix)
    assert "Polku on asiakkaan matka." not in repr(appendix)
    english = _section_en(build_minutes(export, "en"))
    assert "The group's definition: Ohjausta oikeaan paikkaan." in english


def _section_en(minutes: Any) -> list[str]:
    return [b.text for b in minutes.blocks if isinstance(b, Paragraph)]


def test_minutes_are_the_same_for_the_same_export_and_every_format_renders(make_room):
    from facilitator.exports.registry import RENDERERS

    room, _console, [a, b] = _room(make_room, ("", ""), ("", ""))
    term = _terms(a.sock)[0]["id"]
    for i in range(12):
        _propose(a if i % 2 else b, term, f"Ehdotus {i}: palveluohjauksen kehittämistarpeet")
    _edit(a.sock, term, 0, "", "Määritelmä")
    export = _export(room)
    first = build_minutes(export, "fi")
    reordered = {**export, "contributions": list(reversed(export["contributions"]))}
    assert build_minutes(reordered, "fi").blocks == first.blocks
    section = _section(first)
    assert "… ja 2 ehdotusta lisää liitteessä." in [
        b.text for b in section if isinstance(b, Paragraph)
    ]
    for fmt, render in RENDERERS.items():
        assert render(first), fmt


def test_json_round_trip_keeps_terms_order_definitions_and_their_source(make_room):
    room, console, [a] = _room(make_room, ("", ""))
    terms = [t["id"] for t in _terms(a.sock)]
    proposal = _propose(a, terms[0], "Ohjaus")
    act(console, "wording.from_proposal", {"id": proposal["id"]})
    act(console, "wording.confirm", {"term": terms[0]})
    act(console, "term.move", {"id": terms[5], "after": None})
    export = _export(room)
    with room.app.app_context():
        owner = db.session.scalars(db.select(User)).first()
        copy = import_workshop(db.session, export, owner)
        db.session.commit()
        again = export_workshop(db.session, db.session.get(Workshop, copy.id))
    by_kind = {
        kind: [c for c in again["contributions"] if c["kind"] == kind]
        for kind in ("term", "proposal", "wording")
    }
    [wording] = by_kind["wording"]
    [copied] = by_kind["proposal"]
    assert wording["data"]["source"] == copied["id"] and wording["data"]["confirmed"] is True
    assert wording["revision"] == 1
    before = build_minutes(export, "fi")
    after = build_minutes(again, "fi")
    assert _section(before) == _section(after)


def test_the_folder_readme_lists_every_setting_action_error_and_kind():
    readme = (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    method = concepts.Concepts
    names = [
        *method.Config.model_fields,
        *method.handlers,
        *method.errors,
        *method.kinds,
    ]
    assert [n for n in names if f"`{n}`" not in readme] == []


def test_a_proposal_written_offline_is_kept_where_it_was_written(make_room):
    room = make_room("concepts-after-notes")
    console, [phone] = started(room, ("", ""))
    act(console, "phase.next")
    term = _terms(phone.sock)[0]["id"]
    concepts_phase = room.phase_id(1)
    act(console, "phase.next")  # the room moved on while the phone was offline
    ack = act(
        phone.sock,
        "proposal.add",
        {"term": term, "text": "Kirjoitettu ilman verkkoa"},
        phase=concepts_phase,
    )
    assert ack["ok"], ack
    with room.app.app_context():
        row = db.session.get(Contribution, ack["data"]["proposal"]["id"])
        assert row.phase_id == concepts_phase
        assert row.data == {"late": True}
    # Only writing a proposal may arrive late; changing the definition may not.
    late_edit = act(
        phone.sock,
        "wording.edit",
        {"term": term, "base": 0, "base_text": "", "text": "x"},
        phase=concepts_phase,
    )
    assert error_code(late_edit) == "stale_phase"
