"""Feedback in the minutes: n, distribution (a figure with its table), median, medians by role
under the fold, open answers quoted without attribution; stored with the minutes and in every
export format (Word through LibreOffice, PDF through pdftotext)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

import facilitator.methods.feedback as feedback_package
from facilitator.exports import registry
from facilitator.exports.markdown import figures_of, parse, render_markdown
from facilitator.extensions import db
from facilitator.minutes import service
from facilitator.models import Workshop
from facilitator.summaries import build_minutes
from facilitator.summaries.blocks import Figure, Heading, Notice, Paragraph, Quote, Table
from tests.conftest import act, running_app
from tests.exports.tools import libreoffice_convert, pdf_text
from tests.realtime.helpers import snapshot, started

FOLDER = Path(feedback_package.__file__).resolve().parent
STATEMENTS = [
    {
        "fi": "Minua kuunneltiin ja sain sanoa asiani omalla tavallani.",
        "sv": "Jag blev lyssnad på.",
        "en": "I was listened to.",
    },
    {"fi": "Ilmapiiri oli turvallinen.", "sv": "Stämningen var trygg.", "en": "It felt safe."},
]
QUESTIONS = [{"fi": "Mikä oli hyvää?", "sv": "Vad var bra?", "en": "What was good?"}]
TIME = "2026-11-20T12:{:02d}:{:02d}+00:00"


def _item(cid: int, kind: str, **fields: Any) -> dict[str, Any]:
    minute, second = divmod(cid, 60)
    base = {
        "id": cid,
        "phase": "feedback",
        "participant": None,
        "kind": kind,
        "body": "",
        "value": 0,
        "parent": None,
        "data": {},
        "revision": 0,
        "order_key": None,
        "hidden": False,
        "deleted": False,
        "created_at": TIME.format(minute % 60, second),
        "updated_at": TIME.format(minute % 60, second),
    }
    return {**base, **fields}


def feedback_export(roles: list[str], values: list[list[int]], answers: list[str]) -> dict:
    """A workshop export with one feedback phase: person n (1-based) has roles[n-1] and gave
    values[s][n-1] to statement s (None: no answer); answers are open answers by persons 1…"""
    items = [
        _item(1, "statement", body=STATEMENTS[0]["fi"], data={"index": 0}),
        _item(2, "statement", body=STATEMENTS[1]["fi"], data={"index": 1}),
        _item(3, "question", body=QUESTIONS[0]["fi"], data={"index": 0}),
    ]
    cid = 10
    for s, column in enumerate(values):
        for person, value in enumerate(column, start=1):
            if value is None:
                continue
            items.append(_item(cid, "rating", participant=person, parent=s + 1, value=value))
            cid += 1
    for person, text in enumerate(answers, start=1):
        items.append(_item(cid, "answer", participant=person, parent=3, body=text))
        cid += 1
    return {
        "format": "facilitator.workshop",
        "version": 2,
        "workshop": {
            "title": "Palautetyöpaja",
            "place": "Oulu",
            "kit_id": "x",
            "kit": {},
            "locale": "fi",
            "status": "ended",
            "created_at": "2026-11-20T11:50:00+00:00",
            "started_at": "2026-11-20T12:00:00+00:00",
            "ended_at": "2026-11-20T13:00:00+00:00",
            "facilitators": ["Fasi"],
        },
        "phases": [
            {
                "key": "feedback",
                "position": 0,
                "method": "feedback",
                "title": {"fi": "Palaute", "sv": "Respons", "en": "Feedback"},
                "question": {"fi": "", "sv": "", "en": ""},
                "minutes": 5,
                "config": {"statements": STATEMENTS, "questions": QUESTIONS, "min_group": 5},
                "state": {},
                "method_state": {},
                "started_at": "2026-11-20T12:00:00+00:00",
            }
        ],
        "participants": [
            {"number": n, "name": "", "role": role, "kind": "phone"}
            for n, role in enumerate(roles, start=1)
        ],
        "contributions": items,
    }


ROLES = ["client"] * 6 + ["professional"] * 8 + ["expert"] * 2
EXPORT = feedback_export(
    ROLES,
    [
        [5, 5, 4, 4, 3, 0, 4, 4, 4, 5, 2, 3, 4, 0, 1, 5],
        [4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 3, None],
    ],
    ["Hyvä ilmapiiri", "Kahvi loppui kesken", "Sain puheenvuoron"],
)


def _section(minutes) -> list[Any]:
    blocks = list(minutes.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.level == 2 and b.text[:1] == "1"
    )
    end = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 2 and i > start
    )
    return blocks[start:end]


def test_the_section_gives_n_distribution_median_and_roles() -> None:
    minutes = build_minutes(EXPORT, "fi")
    section = _section(minutes)
    assert Paragraph("16 henkilöä vastasi.") in section
    [figure] = [b for b in section if isinstance(b, Figure)]
    assert figure.caption == "Vastaukset väittämittäin"
    assert figure.table.columns == (
        "Väittämä",
        "Vastauksia",
        "1",
        "2",
        "3",
        "4",
        "5",
        "En osaa sanoa",
        "Mediaani",
    )
    first, second = figure.table.rows
    # Statement 1: 16 answers, 2 can't say; median of the 14 others.
    assert first == (
        "1. Minua kuunneltiin ja sain sanoa asiani omalla tavallani.",
        "16",
        "1",
        "1",
        "2",
        "6",
        "4",
        "2",
        "4",
    )
    assert second[1] == "15" and second[-1] == "5"
    assert "Korkein mediaani 5" in figure.alt and "matalin mediaani 4" in figure.alt
    assert "taulukossa" in figure.alt
    # The chart says the same in SVG text, in Finnish.
    assert "Minua kuunneltiin ja sain" in figure.svg and 'xml:lang="fi"' in figure.svg
    assert "Täysin samaa mieltä" in figure.svg and "Mediaani 4" in figure.svg
    # By role: experts (2) alone would be exposed; the smallest shown group goes with them.
    [roles] = [b for b in section if isinstance(b, Table) and b.caption.startswith("Mediaani")]
    assert roles.columns == ("Väittämä", "Ammattilainen", "Muut")
    assert roles.rows[0][1:] == ("4 (8)", "4 (8)")
    notes = [b.text for b in section if isinstance(b, Notice)]
    assert any("alle 5" in n for n in notes)


def test_open_answers_are_quoted_without_attribution_and_all_in_the_appendix() -> None:
    minutes = build_minutes(EXPORT, "fi")
    quotes = [b for b in _section(minutes) if isinstance(b, Quote)]
    assert [q.text for q in quotes] == [
        "Hyvä ilmapiiri",
        "Kahvi loppui kesken",
        "Sain puheenvuoron",
    ]
    assert all(q.attribution == "" for q in quotes)
    start = minutes.blocks.index(Heading(2, "Liite: kaikki ajatukset"))
    appendix = minutes.blocks[start:]
    rows = [row for b in appendix if isinstance(b, Table) for row in b.rows]
    texts = {row[1] for row in rows}
    assert {"Hyvä ilmapiiri", "Kahvi loppui kesken", "Sain puheenvuoron"} <= texts
    # Ratings are not "notes" in the appendix.
    assert "5" not in texts
    # Anonymous answers carry no stated role in the appendix either.
    assert all(row[2] == "" for row in rows if row[1] in texts & {"Hyvä ilmapiiri"})


def test_small_groups_only_show_totals() -> None:
    """Four clients and three professionals: no role group is shown at all."""
    export = feedback_export(["client"] * 4 + ["professional"] * 3, [[4] * 7, [4] * 6 + [0]], [])
    section = _section(build_minutes(export, "en"))
    assert not [b for b in section if isinstance(b, Table) and "role" in b.caption]
    [notice] = [b for b in section if isinstance(b, Notice)]
    assert notice.text.startswith("Answers by stated role are not shown")
    [figure] = [b for b in section if isinstance(b, Figure)]
    assert figure.table.rows[0][:2] == ("1. I was listened to.", "7")
    assert figure.alt.endswith("Every statement has the median 4.")


def test_the_minutes_speak_each_language() -> None:
    for locale, caption, word in (
        ("sv", "Svar per påstående", "Helt av samma åsikt"),
        ("en", "Answers by statement", "Strongly agree"),
    ):
        [figure] = [b for b in build_minutes(EXPORT, locale).blocks if isinstance(b, Figure)]
        assert figure.caption == caption and word in figure.svg


def test_the_same_export_gives_the_same_bytes() -> None:
    one = render_markdown(build_minutes(EXPORT, "fi"), embed=True)
    assert one == render_markdown(build_minutes(EXPORT, "fi"), embed=True)
    figure = next(b for b in build_minutes(EXPORT, "fi").blocks if isinstance(b, Figure))
    assert registry.render(build_minutes(EXPORT, "fi"), "docx") == registry.render(
        build_minutes(EXPORT, "fi"), "docx"
    )
    assert figure.key in render_markdown(build_minutes(EXPORT, "fi"))


def test_every_format_carries_the_feedback_figure(tmp_path: Path) -> None:
    """Markdown inlines the SVG; HTML shows it as an image with its alternative; Word has the
    picture and the table (read back through LibreOffice); PDF has the chart's words."""
    minutes = build_minutes(EXPORT, "fi")
    figure = next(b for b in minutes.blocks if isinstance(b, Figure))
    md = registry.render(minutes, "md").decode("utf-8")
    assert "data:image/svg+xml;base64," in md and "figure:" not in md
    assert parse(md).blocks == minutes.blocks
    page = registry.render(minutes, "html").decode("utf-8")
    assert f'alt="{figure.alt}"' in page
    assert "<figcaption>Vastaukset väittämittäin</figcaption>" in page
    word = registry.render(minutes, "docx")
    text = libreoffice_convert(word, "docx", "txt:Text", tmp_path).read_text("utf-8-sig")
    assert "Vastaukset väittämittäin" in text and "Minua kuunneltiin ja sain" in text
    html = libreoffice_convert(word, "docx", "html", tmp_path / "html").read_text("utf-8")
    assert len(re.findall(r"<img [^>]*alt=\"Vaakasuorat", html)) == 1
    pdf = pdf_text(registry.render(minutes, "pdf"), tmp_path)
    squashed = " ".join(pdf.split())
    for marker in (
        "Vastaukset väittämittäin",
        "Täysin samaa mieltä",
        "Mediaani 4",
        "Ammattilainen",
    ):
        assert marker in squashed, marker


# -- stored minutes ---------------------------------------------------------------------------


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    """The app with the method's example kit offered."""
    with running_app(tmp_path / "data", KITS_DIR=str(FOLDER)) as app:
        yield app


def _run_feedback(room) -> None:
    console, phones = started(room, ("", "client"), ("", "professional"))
    act(console, "phase.next")
    view = snapshot(phones[0].sock)["view"]
    for phone, value in zip(phones, (4, 5), strict=True):
        act(phone.sock, "rating.set", {"statement": view["statements"][0]["id"], "value": value})
    act(phones[0].sock, "answer.set", {"question": view["questions"][0]["id"], "text": "Hyvä"})
    act(console, "workshop.end")


def test_stored_minutes_keep_their_figures_through_edits_and_regeneration(app, make_room):
    room = make_room("example-feedback")
    _run_feedback(room)
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        record = service.get(db.session, workshop)
        assert record is not None
        [key] = record.figures
        assert f"](figure:{key} " in record.body
        exported = service.as_minutes(record, workshop)
        assert next(b for b in exported.blocks if isinstance(b, Figure)).key == key
        # The facilitator edits the text alternative; the figure stays a figure.
        service.save(record, record.body.replace("![Vaakasuora", "![Muokattu vaakasuora", 1))
        again = service.as_minutes(record, workshop)
        [edited] = [b for b in again.blocks if isinstance(b, Figure)]
        assert edited.alt.startswith("Muokattu vaakasuora")
        # Regenerating in Swedish proposes a text with its own figure; both are kept.
        _, outcome = service.regenerate(db.session, workshop, locale="sv")
        assert outcome == "proposed"
        assert len(record.figures) == 2
        proposed_key = next(k for k in record.figures if k != key)
        assert f"figure:{proposed_key}" in (record.proposed or "")
        # Accepting the new text drops the figure nothing refers to any more.
        service.accept_proposed(record)
        assert list(record.figures) == [proposed_key]
        db.session.commit()
        # Downloads: the Markdown file stands alone, HTML shows the image.
        md = registry.render(service.current_minutes(db.session, workshop), "md").decode()
        encoded = re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", md)
        assert encoded and "Helt av samma åsikt" in base64.b64decode(encoded.group(1)).decode()


def test_the_shared_minutes_page_shows_the_figure_under_the_policy(app, make_room):
    room = make_room("example-feedback")
    _run_feedback(room)
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        record = service.get(db.session, workshop)
        service.set_shared(record, True)
        db.session.commit()
    html = str(service_html(app, room.id))
    assert '<figure class="chart">' in html and 'src="data:image/svg+xml;base64,' in html
    assert "<script" not in html
    response = room.console_http.get(f"/console/{room.id}/minutes")
    assert response.status_code == 200
    assert b'<figure class="chart">' in response.data
    assert "img-src 'self' data:" in response.headers["Content-Security-Policy"]


def service_html(app: Flask, workshop_id: int):
    """The shared minutes fragment phones and the projector get."""
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        return service.public_minutes_html(db.session, workshop)


def test_figures_of_lists_every_figure() -> None:
    minutes = build_minutes(EXPORT, "fi")
    assert list(figures_of(minutes)) == [b.key for b in minutes.blocks if isinstance(b, Figure)]
