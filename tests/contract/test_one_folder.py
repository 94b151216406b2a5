"""A method is one folder: a throwaway method written into a temporary folder (that folder, its
package metadata and a kit, nothing else) registers like any add-on and runs end to end."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from facilitator.cli import cli
from facilitator.exports import registry as export_formats
from facilitator.exports.workshop_json import export_workshop
from facilitator.extensions import db
from facilitator.models import User, Workshop
from facilitator.operations.workshops import create_workshop
from facilitator.summaries import build_minutes
from tests.conftest import Room, act, events, running_app
from tests.realtime.conftest import password_hash
from tests.realtime.helpers import started

METHOD = '''
"""A throwaway method: people name words; the minutes list them."""

from typing import Any

from pydantic import Field

from facilitator.methods.base import (
    FACILITATOR, PARTICIPANT, Kind, Meaning, Method, N_, Payload, on,
)
from facilitator.summaries.blocks import BulletList, Paragraph


class WordAdd(Payload):
    text: str = Field(min_length=1, max_length=40)


class Words(Method):
    id = "words"
    label = N_("Words")
    kinds = {"word": Kind(Meaning.TEXT, N_("Word"))}
    errors = {"word_taken": N_("Someone already gave that word.")}
    strings = {"phone": {"hint": N_("Give one word.")}}

    @on("word.add", WordAdd, role=(PARTICIPANT, FACILITATOR))
    def add(self, ctx: Any, payload: WordAdd) -> dict[str, Any]:
        """Give a word."""
        if any(w.body == payload.text for w in ctx.items("word")):
            raise ctx.fail("word_taken")
        word = ctx.create("word", payload.text)
        ctx.state.count += 1
        ctx.publish("word.added", {"phase": ctx.phase.id, "word": word.body})
        return {"word": word.body}

    def view(self, ctx: Any) -> dict[str, Any]:
        """The words so far."""
        return {"words": [w.body for w in ctx.items("word")], "count": ctx.state.count}

    def summarize(self, phase: Any, workshop: Any) -> list[Any]:
        """The words, in order."""
        words = [str(w["body"]) for w in workshop.written(phase)]
        return [Paragraph(f"{len(words)} words"), BulletList(tuple(words))]
'''

STATE = """
from pydantic import BaseModel


class State(BaseModel):
    count: int = 0
"""

INDEX_JS = """
export function apply(view, ev) {
  if (ev.type !== 'word.added') return false;
  view.words.push(ev.data.word);
  return true;
}
const screen = () => Promise.resolve({
  mount(root, ctx) {
    return { update(snap, view) { root.textContent = view.words.join(', '); } };
  },
});
export const screens = { phone: screen, projector: screen, console: screen };
"""

KIT = """
id: words-kit
title: {fi: Sanat, sv: Ord, en: Words}
phases:
  - id: words
    method: words
    title: {fi: Sanat, sv: Ord, en: Words}
    question: {fi: Yksi sana, sv: Ett ord, en: One word}
"""


@pytest.fixture()
def installed(tmp_path: Path) -> Iterator[Path]:
    """The folder, importable, with the package metadata an installed add-on has."""
    site = tmp_path / "site"
    folder = site / "words_method"
    (folder / "static").mkdir(parents=True)
    (folder / "__init__.py").write_text(
        textwrap.dedent(METHOD) + textwrap.dedent(STATE) + "\nWords.State = State\n"
    )
    (folder / "static" / "index.js").write_text(INDEX_JS)
    (folder / "kit.example.yaml").write_text(KIT)
    dist = site / "words_method-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: words-method\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[facilitator.methods]\nwords = words_method:Words\n")
    kits = tmp_path / "kits"
    kits.mkdir()
    (kits / "words.yaml").write_text(KIT)
    sys.path.insert(0, str(site))
    try:
        yield kits
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("words_method", None)


@pytest.fixture()
def words_app(tmp_path: Path, installed: Path) -> Iterator[Flask]:
    """An app that found the add-on through its entry point."""
    with running_app(tmp_path / "data", KITS_DIR=str(installed)) as app:
        yield app


@pytest.fixture()
def facilitator(words_app: Flask) -> User:
    """The facilitator account in the add-on's app."""
    with words_app.app_context():
        user = User(username="fasi-words", display_name="Fasi", password_hash=password_hash())
        db.session.add(user)
        db.session.commit()
        db.session.refresh(user)
        db.session.expunge(user)
        return user


def test_a_method_in_its_own_folder_registers_and_runs_end_to_end(
    words_app: Flask, facilitator: User
) -> None:
    app = words_app
    registry = app.extensions["facilitator.methods"]
    assert "words" in registry
    with app.test_client().get("/static/m/words/index.js") as served:
        assert served.status_code == 200

    with app.app_context():
        owner = db.session.get(User, facilitator.id)
        kit = app.extensions["facilitator.kits"]["words-kit"]
        workshop_id = create_workshop(db.session, owner, kit).id
        db.session.commit()
    room = Room(app, facilitator, workshop_id)
    console, [phone] = started(room, ("", ""))
    projector = room.projector()
    projector.get_received()
    ack = act(phone.sock, "word.add", {"text": "luottamus"})
    assert ack == {"ok": True, "data": {"word": "luottamus"}}
    assert [e["type"] for e in events(projector)] == ["word.added"]
    refused = act(phone.sock, "word.add", {"text": "luottamus"})
    assert refused["error"]["code"] == "word_taken"  # the method's own error code
    assert act(projector, "word.add", {"text": "x"})["error"]["code"] == "forbidden"
    snap = projector.emit("sync", callback=True)["data"]
    assert snap["view"] == {"words": ["luottamus"], "count": 1}  # typed state kept
    assert snap["phase"]["method"] == "words"

    assert act(console, "workshop.end")["ok"]
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        export = json.loads(json.dumps(export_workshop(db.session, workshop)))
    minutes = build_minutes(export, "fi", methods=registry)
    text = export_formats.render(minutes, "md").decode()
    assert "1 words" in text and "- luottamus" in text
    assert export_formats.render(minutes, "docx")


def test_the_command_line_lists_the_add_on_with_its_actions(installed: Path) -> None:
    result = CliRunner().invoke(cli, ["methods"])
    assert result.exit_code == 0, result.output
    assert "words" in result.output and "word.add" in result.output
    assert "participant, facilitator" in result.output or "facilitator, participant" in (
        result.output
    )
