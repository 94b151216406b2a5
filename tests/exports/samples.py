"""Sample data for export tests: minutes with every block type and a small workshop export."""

from __future__ import annotations

from typing import Any

from facilitator.summaries.blocks import (
    BLOCK_TYPES,
    Block,
    BulletList,
    Facts,
    Figure,
    Heading,
    Minutes,
    Notice,
    Paragraph,
    Quote,
    Table,
)
from facilitator.summaries.figure import Svg


def sample_svg(word: str = "Kuviosana") -> str:
    """A small chart drawn with the figure writer: a bar and a label with ä, ö and å."""
    svg = Svg(480, 90, label="Pylväs", lang="fi")
    svg.text(8, 24, f"{word}: Åland – “väittämä”", font_size=16, fill="#1a1a1a")
    svg.add("rect", x=8, y=40, width=300, height=28, fill="#1d5a87")
    svg.text(16, 60, "12", font_size=14, fill="#ffffff", font_weight="bold")
    return svg.render()


# One instance of each block type, each with its own word to look for in the output.
ONE_OF_EACH: dict[type, Block] = {
    Heading: Heading(2, "Otsikkosana Åland"),
    Paragraph: Paragraph("Kappalesana: hyvä “lainaus” – ja ääkköset\ntoinen rivi"),
    BulletList: BulletList(("Listasana yksi", "Listasana kaksi")),
    Table: Table(("Sarake", "Ääniä"), (("Taulukkosana", "7"),), caption="Taulukon otsikko"),
    Quote: Quote("Lainaussana: minä sanoin näin", "Kokemusasiantuntija"),
    Facts: Facts((("Paikkasana", "Kirjasto, Oulu"),)),
    Notice: Notice("Huomiosana — automaattinen, tarkista", "automatic"),
    Figure: Figure(
        sample_svg(),
        "Kuvan tekstivastine: pylväs, 12 vastausta",
        Table(("Väittämä", "Mediaani"), (("Kuviotaulukkosana", "4"),)),
        caption="Kuvion otsikko",
    ),
}
MARKERS: dict[type, tuple[str, ...]] = {
    Heading: ("Otsikkosana Åland",),
    Paragraph: ("Kappalesana", "“lainaus”", "toinen rivi"),
    BulletList: ("Listasana yksi", "Listasana kaksi"),
    Table: ("Taulukkosana", "Ääniä", "Taulukon otsikko"),
    Quote: ("Lainaussana", "Kokemusasiantuntija"),
    Facts: ("Paikkasana", "Kirjasto, Oulu"),
    Notice: ("Huomiosana",),
    # The text alternative is not page text (an alt attribute, a picture's description): the
    # figure tests look for it where each format keeps it.
    Figure: ("Kuvion otsikko", "Kuviotaulukkosana", "Mediaani"),
}
assert set(ONE_OF_EACH) == set(BLOCK_TYPES), "add the new block type to the samples"


def minutes_of(*blocks: Block, footer: str = "Analyysi: Voikko (testi)") -> Minutes:
    """Minutes with a title heading and the given blocks."""
    return Minutes(
        title="Työpajan muistio",
        locale="fi",
        blocks=(Heading(1, "Työpajan muistio"), *blocks),
        footer=footer,
    )


def all_blocks() -> Minutes:
    """Minutes with every block type once."""
    return minutes_of(*ONE_OF_EACH.values())


def workshop_export() -> dict[str, Any]:
    """A small, realistic workshop export: two phases, notes, +1s, votes, a hidden note."""
    phase_title = {"fi": "Ajatuksia", "sv": "Tankar", "en": "Thoughts"}
    vote_title = {"fi": "Äänestys", "sv": "Röstning", "en": "Voting"}
    question = {"fi": "Mikä auttaisi?", "sv": "Vad skulle hjälpa?", "en": "What would help?"}
    t = "2026-11-20T10:{:02d}:00+00:00"
    notes = [
        (1, 1, "Palvelupolulta puuttuu selkeä alku"),
        (2, 2, "Yksi yhteyshenkilö koko palvelupolulle"),
        (3, 3, "=SUM(A1) näyttää kaavalta"),
        (4, 1, "Soita minulle 040 123 4567"),
        (5, 4, "Piilotettu viesti"),
    ]
    contributions: list[dict[str, Any]] = []
    for n, (cid, person, body) in enumerate(notes):
        contributions.append(
            {
                "id": cid,
                "phase": "ideas",
                "participant": person,
                "kind": "note",
                "body": body,
                "value": 0,
                "parent": None,
                "data": {},
                "revision": 0,
                "order_key": None,
                "group": None,
                "hidden": cid == 5,
                "deleted": False,
                "created_at": t.format(n),
                "updated_at": t.format(n),
            }
        )
    contributions += [
        {
            "id": 6,
            "phase": "ideas",
            "participant": 2,
            "kind": "plus",
            "body": "",
            "value": 1,
            "parent": 1,
            "data": {},
            "revision": 0,
            "order_key": None,
            "group": None,
            "hidden": False,
            "deleted": False,
            "created_at": t.format(10),
            "updated_at": t.format(10),
        },
        {
            "id": 7,
            "phase": "ideas",
            "participant": 3,
            "kind": "note",
            "body": "",
            "value": 0,
            "parent": None,
            "data": {},
            "revision": 0,
            "order_key": None,
            "group": None,
            "hidden": False,
            "deleted": True,
            "created_at": t.format(11),
            "updated_at": t.format(11),
        },
        {
            "id": 8,
            "phase": "vote",
            "participant": None,
            "kind": "option",
            "body": "Palvelupolulta puuttuu selkeä alku",
            "value": 0,
            "parent": None,
            "data": {"source": 1},
            "revision": 0,
            "order_key": None,
            "group": None,
            "hidden": False,
            "deleted": False,
            "created_at": t.format(20),
            "updated_at": t.format(20),
        },
        {
            "id": 9,
            "phase": "vote",
            "participant": 1,
            "kind": "vote",
            "body": "",
            "value": 2,
            "parent": 8,
            "data": {},
            "revision": 0,
            "order_key": None,
            "group": None,
            "hidden": False,
            "deleted": False,
            "created_at": t.format(21),
            "updated_at": t.format(21),
        },
    ]
    return {
        "format": "facilitator.workshop",
        "version": 2,
        "workshop": {
            "title": "Palvelupolku-työpaja",
            "place": "Kirjasto",
            "kit_id": "demo",
            "kit": {"id": "demo"},
            "locale": "fi",
            "status": "ended",
            "created_at": "2026-11-20T09:50:00+00:00",
            "started_at": "2026-11-20T10:00:00+00:00",
            "ended_at": "2026-11-20T11:00:00+00:00",
            "facilitators": ["Fasi"],
            "groups_in_force": None,
        },
        "phases": [
            {
                "key": "ideas",
                "position": 0,
                "method": "brainstorm",
                "title": phase_title,
                "question": question,
                "minutes": 8,
                "config": {"max_length": 280},
                "state": {},
                "method_state": {},
                "per_group": False,
                "started_at": "2026-11-20T10:00:00+00:00",
            },
            {
                "key": "vote",
                "position": 1,
                "method": "dot_voting",
                "title": vote_title,
                "question": question,
                "minutes": 5,
                "config": {"items_from": "ideas"},
                "state": {},
                "method_state": {},
                "per_group": False,
                "started_at": "2026-11-20T10:30:00+00:00",
            },
        ],
        "participants": [
            {"number": 1, "name": "", "role": "professional", "kind": "phone"},
            {"number": 2, "name": "Åsa", "role": "client", "kind": "phone"},
            {"number": 3, "name": "", "role": "professional", "kind": "phone"},
            {"number": 4, "name": "", "role": "", "kind": "phone"},
        ],
        "groups": [],
        "series": None,
        "artefacts": [],
        "contributions": contributions,
    }
