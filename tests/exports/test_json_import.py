"""JSON export and import: a workshop moves to another instance with new ids and same content."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from flask import Flask

from facilitator.exports.workshop_json import (
    ImportProblem,
    export_workshop,
    import_workshop,
    read,
    render,
)
from facilitator.extensions import db
from facilitator.models import User, Workshop
from tests.conftest import act
from tests.exports.samples import workshop_export


def _without_ids(export: dict[str, Any]) -> dict[str, Any]:
    """The export with contribution ids replaced by their position (parents and refs too)."""
    data = copy.deepcopy(export)
    order = {c["id"]: n for n, c in enumerate(data["contributions"])}
    for c in data["contributions"]:
        c["id"] = order[c["id"]]
        if c["parent"] is not None:
            c["parent"] = order[c["parent"]]
        if "source" in c["data"]:
            c["data"]["source"] = order[c["data"]["source"]]
    data["workshop"].pop("facilitators")
    return data


def _import(app: Flask, data: Any, owner_id: int) -> int:
    with app.app_context():
        owner = db.session.get(User, owner_id)
        workshop = import_workshop(db.session, data, owner)
        db.session.commit()
        return workshop.id


def _export(app: Flask, workshop_id: int) -> dict[str, Any]:
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        return json.loads(render(export_workshop(db.session, workshop)))


def test_sample_round_trip(app: Flask, facilitator: User) -> None:
    """export → import → export gives the same content, with new ids mapped consistently."""
    original = workshop_export()
    new_id = _import(app, original, facilitator.id)
    again = _export(app, new_id)
    assert _without_ids(again) == _without_ids(original)
    new_ids = [c["id"] for c in again["contributions"]]
    assert len(set(new_ids)) == len(new_ids)


def test_live_workshop_round_trip(app: Flask, facilitator: User, make_room) -> None:  # type: ignore[no-untyped-def]
    """A workshop run through the real socket pipeline survives the trip, owner and codes new."""
    room = make_room()
    console = room.console()
    assert act(console, "workshop.start")["ok"]
    phone = room.join("Åsa", "client")
    ack = act(phone.sock, "note.add", {"text": "Yksi luukku"}, phase=room.phase_id(0))
    assert ack["ok"], ack
    assert act(console, "workshop.end")["ok"]
    first = _export(app, room.id)
    new_id = _import(app, first, facilitator.id)
    assert new_id != room.id
    second = _export(app, new_id)
    assert _without_ids(second) == _without_ids(first)
    with app.app_context():
        old, new = db.session.get(Workshop, room.id), db.session.get(Workshop, new_id)
        assert new.join_code != old.join_code
        assert new.projector_token != old.projector_token


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.update(format="something.else"), "format"),
        (lambda d: d.update(version=99), "version"),
        (lambda d: d["contributions"][0].update(phase="nowhere"), "no phase 'nowhere'"),
        (lambda d: d["contributions"][5].update(parent=12345), "no contribution 12345"),
        (lambda d: d["contributions"][0].update(participant=77), "no participant 77"),
        (lambda d: d["phases"].append(dict(d["phases"][0])), "same key"),
        (lambda d: d["workshop"].update(locale="de"), "workshop.locale"),
    ],
)
def test_bad_files_are_refused_with_the_place_named(change, problem) -> None:  # type: ignore[no-untyped-def]
    """Every problem says where in the file it is; nothing half-imported."""
    data = workshop_export()
    change(data)
    with pytest.raises(ImportProblem) as caught:
        read(data)
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_not_an_object_is_refused() -> None:
    """A list or a string is not an export."""
    with pytest.raises(ImportProblem):
        read([1, 2, 3])


def test_lone_surrogates_in_a_file_are_dropped() -> None:
    """JSON may escape half a character (\\ud800); such text is cleaned, not a crash later."""
    data = json.loads(json.dumps(workshop_export()).replace("selkeä alku", "selkeä \\ud800alku"))
    doc = read(data)
    assert doc.contributions[0].body == "Palvelupolulta puuttuu selkeä alku"


def test_version_1_files_still_import_with_groups_as_themes(app: Flask, facilitator: User) -> None:
    """A version-1 export (brainstorm's note sets were kind "group") imports as version 2."""
    old = workshop_export()
    old["version"] = 1
    for phase in old["phases"]:
        phase.pop("method_state")
    for item in old["contributions"]:
        item.pop("revision")
        item.pop("order_key")
    old["contributions"].append(
        {
            "id": 50,
            "phase": "ideas",
            "participant": None,
            "kind": "group",
            "body": "Yhteydenpito",
            "value": 0,
            "parent": None,
            "data": {},
            "hidden": False,
            "deleted": False,
            "created_at": "2026-11-20T10:30:00+00:00",
            "updated_at": "2026-11-20T10:30:00+00:00",
        }
    )
    old["contributions"][0]["parent"] = 50
    again = _export(app, _import(app, old, facilitator.id))
    assert again["version"] == 2
    theme = next(c for c in again["contributions"] if c["body"] == "Yhteydenpito")
    assert theme["kind"] == "theme"
    assert again["contributions"][0]["parent"] == theme["id"]
