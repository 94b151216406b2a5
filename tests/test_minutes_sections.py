"""Minutes as sections: decisions and next steps always written from the form, and regenerated
text offered section by section ("accept this section"), never as a whole-document diff."""

from __future__ import annotations

import re

from flask import Flask

from facilitator.extensions import db
from facilitator.minutes import sections
from facilitator.models import Workshop
from tests.test_minutes_views import _base, _ended_room, _record

TEXT = """# Työpaja

Johdanto.

## 1. Ideointi

- yksi
- kaksi

## Päätökset

Päätöksiä ei kirjattu.

## Seuraavat askeleet

Seuraavia askeleita ei kirjattu.

## Liite: kaikki ajatukset

| a | b |
|---|---|
| 1 | 2 |

---

Kirjoitettu automaattisesti.
"""


def test_split_and_join_give_the_text_back() -> None:
    parts = sections.split(TEXT)
    assert [p.key for p in parts] == [
        "",
        "1. Ideointi",
        "Päätökset",
        "Seuraavat askeleet",
        "Liite: kaikki ajatukset",
    ]
    assert sections.join(parts) == TEXT
    fenced = "# T\n\n```\n## not a heading\n```\n\n## Real\n\ntext\n"
    assert [p.key for p in sections.split(fenced)] == ["", "Real"]
    twice = "## Sama\n\na\n\n## Sama\n\nb\n"
    assert [p.key for p in sections.split(twice)] == ["Sama", "Sama (2)"]


def test_items_replace_their_sections_and_come_back_when_deleted() -> None:
    text = sections.with_items(TEXT, "fi", ["Kokeillaan"], ["Soitetaan *heti*"])
    assert "## Päätökset\n\n- Kokeillaan\n\n## Seuraavat askeleet\n\n- Soitetaan \\*heti\\*" in text
    assert "Päätöksiä ei kirjattu" not in text and text.endswith("Kirjoitettu automaattisesti.\n")
    assert sections.items_in(text, "fi") == (["Kokeillaan"], ["Soitetaan *heti*"])
    # Deleted from the text: put back where the generated minutes have them (before the appendix).
    bare = "# Työpaja\n\n## 1. Ideointi\n\n- yksi\n\n## Liite: kaikki ajatukset\n\nx\n"
    back = sections.with_items(bare, "fi", ["A"], [])
    keys = [p.key for p in sections.split(back)]
    assert keys == ["", "1. Ideointi", "Päätökset", "Seuraavat askeleet", "Liite: kaikki ajatukset"]
    assert sections.items_in(bare, "fi") == (None, None)
    # A line written under the heading (not as a list) counts too; the placeholder does not.
    typed = TEXT.replace("## Päätökset\n\nPäätöksiä ei kirjattu.", "## Päätökset\n\nSovittu asia")
    assert sections.items_in(typed, "fi") == (["Sovittu asia"], [])
    assert sections.with_items("", "fi", ["A"], []) == ""
    english = sections.with_items("# Workshop\n\nText\n", "en", [], ["Call"])
    assert english.endswith(
        "## Decisions\n\nNo decisions were recorded.\n\n## Next steps\n\n- Call\n"
    )


def test_offers_only_sections_the_data_changed_and_ignore_markdown_spelling() -> None:
    baseline = TEXT
    regenerated = TEXT.replace("- kaksi", "- kaksi\n- kolme").replace("Johdanto.", "Uusi johdanto.")
    # The facilitator edited the introduction and re-spelled the list from the formatted editor.
    mine = TEXT.replace("Johdanto.", "Oma johdanto.").replace("- yksi\n- kaksi", "* yksi\n* kaksi")
    offered = sections.offers(mine, regenerated, baseline)
    assert [o.new.key for o in offered] == ["", "1. Ideointi"]
    spelled = sections.offers(mine.replace("Oma johdanto.", "Johdanto."), TEXT, baseline)
    assert spelled == []  # "*" instead of "-" is not a change
    idea = offered[1]
    merged = sections.accept(mine, regenerated, idea.new.key, idea.new.digest)
    assert merged is not None and "- kolme" in merged and "Oma johdanto." in merged
    assert sections.accept(mine, regenerated, idea.new.key, "stale") is None
    new_section = regenerated.replace("## Päätökset", "## 2. Äänestys\n\nTulos.\n\n## Päätökset")
    [added] = [o for o in sections.offers(mine, new_section, baseline) if o.mine is None]
    merged = sections.accept(mine, new_section, added.new.key, added.new.digest)
    assert merged is not None
    assert [p.key for p in sections.split(merged)][1:4] == [
        "1. Ideointi",
        "2. Äänestys",
        "Päätökset",
    ]


def test_the_page_offers_changed_sections_as_formatted_text(app: Flask, make_room) -> None:  # type: ignore[no-untyped-def]
    room = _ended_room(make_room, "Ajatus")
    client = room.console_http
    url = f"/console/{room.id}/minutes"
    record = _record(app, room)
    edited = record.body.replace("Ajatus", "Ajatus (muokattu)", 1)
    client.post(url, data={"body": edited, "base": _base(client.get(url).get_data(as_text=True))})
    with app.app_context():
        workshop = db.session.get(Workshop, room.id)
        assert workshop is not None
        workshop.title = "Uusi nimi"  # the data changes: the title section is written anew
        db.session.commit()
    client.post(f"{url}/regenerate")
    page = client.get(url).get_data(as_text=True)
    assert page.count("Accept this section") == 1
    assert "<h1>Uusi nimi</h1>" in page  # shown formatted, not as Markdown
    assert "diff-added" not in page and "# Uusi nimi" not in page
    key = re.search(r'name="key" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    digest = re.search(r'name="digest" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    assert key == ""
    refused = client.post(f"{url}/proposal/section", data={"key": key, "digest": "0" * 16})
    assert refused.status_code == 302 and _record(app, room).proposed is not None
    assert "changed meanwhile" in client.get(url).get_data(as_text=True)
    client.post(f"{url}/proposal/section", data={"key": key, "digest": digest})
    record = _record(app, room)
    assert record.body.startswith("# Uusi nimi")
    assert "Ajatus (muokattu)" in record.body  # the facilitator's edit elsewhere stays
    assert record.proposed is None  # nothing else differed: the proposal is done
    assert "Accept this section" not in client.get(url).get_data(as_text=True)
