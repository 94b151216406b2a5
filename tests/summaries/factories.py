"""Deterministic workshop exports for the minutes tests and the benchmark (no randomness).

``workshop_export()`` is a small realistic Finnish workshop that produces every block type;
``large_export()`` is a synthetic one with thousands of contributions over several phases.
Both follow the format of facilitator/exports/workshop_json.py.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).parent / "fixtures" / "workshop.json"
START = datetime(2026, 3, 12, 11, 0, tzinfo=UTC)  # 13.00 in Helsinki


class ExportBuilder:
    """Builds an export dict with increasing ids and times."""

    def __init__(self, title: str, place: str, locale: str = "fi") -> None:
        self.clock = START
        self.next_id = 1
        self.export: dict[str, Any] = {
            "format": "facilitator.workshop",
            "version": 2,
            "workshop": {
                "title": title,
                "place": place,
                "kit_id": "demo",
                "kit": {},
                "locale": locale,
                "status": "ended",
                "created_at": (START - timedelta(days=2)).isoformat(),
                "started_at": START.isoformat(),
                "ended_at": None,
                "facilitators": ["Sanna Ohjaaja"],
            },
            "phases": [],
            "participants": [],
            "contributions": [],
        }

    def tick(self, seconds: int = 20) -> str:
        """Advance the clock; return the new time."""
        self.clock += timedelta(seconds=seconds)
        return self.clock.isoformat()

    def phase(
        self,
        key: str,
        method: str,
        title: dict[str, str],
        question: dict[str, str],
        config: dict[str, Any] | None = None,
        *,
        run: bool = True,
    ) -> str:
        """Add a phase; ``run=False`` for one the room never entered."""
        self.export["phases"].append(
            {
                "key": key,
                "position": len(self.export["phases"]),
                "method": method,
                "title": title,
                "question": question,
                "minutes": 10,
                "config": config or {},
                "state": {},
                "started_at": self.tick(60) if run else None,
            }
        )
        return key

    def person(self, role: str = "", name: str = "", kind: str = "phone") -> int:
        """Add a participant; returns the number."""
        number = len(self.export["participants"]) + 1
        self.export["participants"].append(
            {"number": number, "name": name, "role": role, "kind": kind}
        )
        return number

    def add(
        self,
        phase: str,
        kind: str,
        participant: int | None,
        body: str = "",
        *,
        parent: int | None = None,
        value: int = 0,
        hidden: bool = False,
        deleted: bool = False,
        data: dict[str, Any] | None = None,
        seconds: int = 20,
    ) -> int:
        """Add a contribution; returns its id."""
        cid = self.next_id
        self.next_id += 1
        at = self.tick(seconds)
        self.export["contributions"].append(
            {
                "id": cid,
                "phase": phase,
                "participant": participant,
                "kind": kind,
                "body": body,
                "value": value,
                "parent": parent,
                "data": data or {},
                "hidden": hidden,
                "deleted": deleted,
                "created_at": at,
                "updated_at": at,
            }
        )
        return cid

    def theme(self, phase: str, label: str, notes: list[int]) -> int:
        """A facilitator's named theme holding some notes."""
        gid = self.add(phase, "theme", None, label, seconds=5)
        for item in self.export["contributions"]:
            if item["id"] in notes:
                item["parent"] = gid
        return gid

    def finish(self) -> dict[str, Any]:
        """End the workshop and return the export."""
        self.export["workshop"]["ended_at"] = self.tick(600)
        return self.export


def workshop_export() -> dict[str, Any]:
    """A small realistic workshop: two brainstorms, a dot vote, a phase not run.

    Roles: 4 professionals, 4 clients, 3 experts by experience, 1 NGO worker and 1 "other"
    (folded together into "Other", still under 3), 2 who did not state a role, and one scribe
    seat for a client without a phone. Two notes are hidden and one deleted.
    """
    b = ExportBuilder("Nuorten palvelupolku – yhteiskehittämisen työpaja", "Pääkirjasto, Tampere")
    pro = [b.person("professional", name) for name in ("Matti", "Liisa", "Pekka", "Aino")]
    cli = [b.person("client") for _ in range(4)]
    exp = [b.person("expert", name) for name in ("Eeva", "", "Veikko")]
    ngo = b.person("ngo", "Kalle")
    oth = b.person("other")
    quiet = [b.person(""), b.person("unsaid")]
    scribe = b.person("client", kind="scribe")

    ideas = b.phase(
        "kokemukset",
        "brainstorm",
        {"fi": "Kokemukset", "sv": "Erfarenheter", "en": "Experiences"},
        {
            "fi": "Mikä palvelupolulla toimii ja mikä ei?",
            "sv": "Vad fungerar på servicestigen och vad inte?",
            "en": "What works on the service path and what does not?",
        },
        {"allow_plus": True},
    )
    notes = {
        "ajanvaraus": b.add(
            ideas, "note", cli[0], "Ajanvaraus puhelimella on vaikeaa, jonot ovat pitkiä."
        ),
        "ajanvaraus2": b.add(
            ideas, "note", cli[1], "Ajanvarausta ei saa netissä, vain puhelimella."
        ),
        "polku": b.add(ideas, "note", pro[0], "Palvelupolulta puuttuu selkeä vastuuhenkilö."),
        "polku2": b.add(
            ideas, "note", exp[0], "Palvelupolku katkeaa, kun nuori täyttää 18 vuotta."
        ),
        "kuulluksi": b.add(
            ideas, "note", exp[1], "Tulin kuulluksi, kun työntekijä oli aidosti läsnä."
        ),
        "lomake": b.add(ideas, "note", cli[2], "Lomakkeet ovat liian pitkiä ja vaikeita."),
        "lomake2": b.add(
            ideas, "note", pro[1], "Sama tieto kysytään monta kertaa eri lomakkeilla."
        ),
        "vertainen": b.add(ideas, "note", ngo, "Vertaistuki auttoi eniten, kun odotin palvelua."),
        "chat": b.add(ideas, "note", oth, "Chat-palvelu toimii iltaisin hyvin."),
        "multiline": b.add(
            ideas, "note", quiet[0], "Kaksi asiaa:\n1. tieto kulkee huonosti\n2. *ketään* ei vastaa"
        ),
        "scribe": b.add(
            ideas,
            "note",
            scribe,
            "Ajanvaraus pitäisi onnistua myös paikan päällä.",
            data={"scribe": True},
        ),
        "tyontekija": b.add(ideas, "note", pro[2], "Työntekijät vaihtuvat liian usein."),
        "tyontekija2": b.add(
            ideas, "note", cli[3], "Työntekijän vaihtuessa joudun kertomaan kaiken uudelleen."
        ),
    }
    phone_note = b.add(ideas, "note", pro[3], "Soita minulle 040 123 4567", hidden=True)
    b.add(ideas, "note", quiet[1], "Tämä on asiaton kommentti", hidden=True)
    b.add(ideas, "note", cli[0], "Poistettu luonnos", deleted=True)
    plus_by = {
        "ajanvaraus": pro + cli[1:3] + exp[:2],
        "ajanvaraus2": cli[:1] + pro[:2] + exp[2:],
        "polku": exp + cli[:2],
        "polku2": pro[1:3] + cli[:3],
        "kuulluksi": pro[:2],
        "tyontekija": cli + exp[:1],
        "tyontekija2": pro[:3] + cli[:2],
        "vertainen": [cli[0]],
    }
    for key, people in plus_by.items():
        for person in people:
            b.add(ideas, "plus", person, parent=notes[key], seconds=3)
    b.add(ideas, "plus", cli[1], parent=phone_note, seconds=3)  # on a note hidden later
    b.theme(
        ideas,
        "Ajanvaraus ja yhteydenotto",
        [notes["ajanvaraus"], notes["ajanvaraus2"], notes["scribe"]],
    )
    b.theme(
        ideas,
        "Jatkuvuus ja vastuu",
        [notes["polku"], notes["polku2"], notes["tyontekija"], notes["tyontekija2"]],
    )
    b.theme(ideas, "Lomakkeet", [notes["lomake"], notes["lomake2"]])
    b.add(ideas, "theme", None, "Tyhjä teema", seconds=5)

    solutions = b.phase(
        "ratkaisut",
        "brainstorm",
        {"fi": "Ratkaisut", "sv": "Lösningar", "en": "Solutions"},
        {
            "fi": "Miten palvelupolkua voisi parantaa?",
            "sv": "Hur kunde servicestigen bli bättre?",
            "en": "How could the service path be improved?",
        },
    )
    ideas_ids = [
        b.add(solutions, "note", cli[0], "Nettiajanvaraus kaikkiin palveluihin."),
        b.add(solutions, "note", pro[0], "Nimetty vastuuhenkilö koko palvelupolulle."),
        b.add(solutions, "note", exp[0], "Kokemusasiantuntija mukaan palvelupolun suunnitteluun."),
        b.add(solutions, "note", cli[1], "Yksi lomake, jonka tiedot kulkevat palvelusta toiseen."),
        b.add(solutions, "note", pro[1], "Vertaistukiryhmä jonotuksen ajaksi."),
        b.add(solutions, "note", exp[1], "Sama työntekijä koko asiakkuuden ajan."),
    ]
    for index, note in enumerate(ideas_ids):
        for person in (pro + cli)[: 5 - index]:
            b.add(solutions, "plus", person, parent=note, seconds=2)

    vote = b.phase(
        "aanestys",
        "dot_voting",
        {"fi": "Äänestys", "sv": "Röstning", "en": "Voting"},
        {
            "fi": "Mitkä ratkaisut ovat tärkeimpiä?",
            "sv": "Vilka lösningar är viktigast?",
            "en": "Which solutions matter most?",
        },
        {"items_from": "ratkaisut", "votes_per_person": 3, "max_per_item": 2},
    )
    options = [
        b.add(
            vote,
            "option",
            None,
            next(c["body"] for c in b.export["contributions"] if c["id"] == n),
            data={"source": n},
            seconds=1,
        )
        for n in ideas_ids
    ]
    ballots = {
        pro[0]: {0: 1, 1: 2}, pro[1]: {1: 2, 5: 1}, pro[2]: {0: 2, 1: 1}, pro[3]: {1: 1, 3: 2},
        cli[0]: {0: 2, 5: 1}, cli[1]: {0: 1, 3: 1, 5: 1},
        cli[2]: {0: 2, 2: 1}, cli[3]: {1: 2, 0: 1},
        exp[0]: {2: 2, 5: 1}, exp[1]: {5: 2, 1: 1}, exp[2]: {2: 1, 3: 1, 4: 1},
        ngo: {4: 2, 0: 1}, oth: {1: 1},
    }  # fmt: skip
    for person, choice in ballots.items():
        for index, value in sorted(choice.items()):
            b.add(vote, "vote", person, parent=options[index], value=value, seconds=2)
    b.add(vote, "vote", quiet[0], parent=options[2], value=0, seconds=2)  # taken back

    b.phase(
        "palaute",
        "brainstorm",
        {"fi": "Palaute", "sv": "Respons", "en": "Feedback"},
        {"fi": "Mitä jäi mieleen?", "sv": "Vad minns du?", "en": "What stayed with you?"},
        run=False,
    )
    return b.finish()


# Word material for the large synthetic workshop (Finnish service vocabulary).
_SUBJECTS = [
    "Ajanvaraus",
    "Palvelupolku",
    "Lomake",
    "Työntekijä",
    "Vertaistuki",
    "Chat-palvelu",
    "Sosiaalityöntekijä",
    "Kela",
    "Nuorisotyö",
    "Mielenterveyspalvelu",
    "Asiakasohjaus",
    "Tiedonkulku",
    "Jonotus",
    "Etävastaanotto",
    "Kotikäynti",
    "Terveysasema",
]
_VERBS = [
    "toimii hyvin",
    "on vaikea löytää",
    "puuttuu kokonaan",
    "vie liikaa aikaa",
    "auttaa jaksamaan",
    "katkeaa siirtymässä",
    "vaatii paljon lomakkeita",
    "on liian kaukana",
]
_TAILS = [
    "erityisesti iltaisin",
    "nuorten kohdalla",
    "kun asioi ensimmäistä kertaa",
    "jos ei osaa käyttää nettiä",
    "ja se turhauttaa",
    "mutta työntekijät ovat ystävällisiä",
    "koko perheen kannalta",
    "palvelusta toiseen siirryttäessä",
    "",
]
_ROLES = ["professional", "client", "expert", "ngo", "other", "", "unsaid"]


def large_export(contributions: int = 5000, phases: int = 8, people: int = 60) -> dict[str, Any]:
    """A synthetic workshop of about ``contributions`` contributions over ``phases`` phases.

    Every other phase is a brainstorm (notes, +1s, themes), the ones between dot votes on the
    previous brainstorm's notes. Choices come from arithmetic on indices: no randomness.
    """
    b = ExportBuilder("Suuri testityöpaja", "Testitila")
    numbers = [b.person(_ROLES[i % len(_ROLES)] if i % 11 else "ngo") for i in range(people)]
    per_phase = contributions // phases
    last_notes: list[int] = []
    for p in range(phases):
        is_vote = p % 2 == 1 and bool(last_notes)
        key = b.phase(
            f"phase{p + 1}",
            "dot_voting" if is_vote else "brainstorm",
            {"fi": f"Vaihe {p + 1}", "sv": f"Fas {p + 1}", "en": f"Phase {p + 1}"},
            {"fi": f"Kysymys {p + 1}?", "sv": f"Fråga {p + 1}?", "en": f"Question {p + 1}?"},
        )
        if is_vote:
            options = [
                b.add(key, "option", None, f"Vaihtoehto {i + 1}", data={"source": n}, seconds=1)
                for i, n in enumerate(last_notes[:30])
            ]
            for i in range(per_phase - len(options)):
                person = numbers[i % people]
                b.add(key, "vote", person, parent=options[(i * 7 + p) % len(options)], value=1,
                      seconds=1)  # fmt: skip
            continue
        notes: list[int] = []
        groups = [b.add(key, "theme", None, f"Teema {g + 1}", seconds=1) for g in range(6)]
        note_count = per_phase * 2 // 3
        for i in range(note_count):
            text = " ".join(
                part
                for part in (
                    _SUBJECTS[(i * 3 + p) % len(_SUBJECTS)],
                    _VERBS[(i * 5 + p) % len(_VERBS)],
                    _TAILS[(i * 7 + p) % len(_TAILS)],
                )
                if part
            )
            notes.append(
                b.add(
                    key,
                    "note",
                    numbers[(i * 13 + p) % people],
                    f"{text} ({i + 1}).",
                    parent=groups[i % 7] if i % 7 < 6 else None,
                    hidden=i % 97 == 0,
                    deleted=i % 89 == 0,
                    seconds=1,
                )
            )
        for i in range(per_phase - note_count - len(groups)):
            b.add(key, "plus", numbers[(i * 17 + 3) % people], parent=notes[(i * 11) % len(notes)],
                  seconds=1)  # fmt: skip
        last_notes = notes
    return b.finish()


def write_fixture(path: Path = FIXTURE) -> None:
    """Store the realistic export as JSON (regenerated with --update-goldens)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(workshop_export(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )


def load_fixture(path: Path = FIXTURE) -> dict[str, Any]:
    """The stored realistic export."""
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def varied_export(contributions: int = 5000, phases: int = 2) -> dict[str, Any]:
    """A synthetic workshop whose notes use thousands of different made-up words (no word
    known to a dictionary): the worst case for the text analysis and the suggested themes."""
    syllables = ["ka", "lo", "mi", "su", "te", "va", "ro", "ne", "pi", "tu", "sa", "le", "ko"]
    words = [a + b + c for a in syllables for b in syllables for c in syllables]
    b = ExportBuilder("Vaihteleva testityöpaja", "Testitila")
    people = [b.person(_ROLES[i % len(_ROLES)]) for i in range(60)]
    per_phase = contributions // phases
    for p in range(phases):
        key = b.phase(f"p{p}", "brainstorm", {"fi": f"Vaihe {p + 1}"}, {"fi": "?"})
        for i in range(per_phase):
            text = " ".join(words[(i * k * 7 + p * 13 + k * 101) % len(words)] for k in range(1, 8))
            b.add(key, "note", people[i % len(people)], text, seconds=1)
    return b.finish()
