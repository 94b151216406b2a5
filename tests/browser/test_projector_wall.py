"""The projector's note wall at 1920×1080: it never scrolls, keeps the newest notes in view with
readable type, and shows only a counter while notes are hidden until the reveal."""

from __future__ import annotations

import uuid
from typing import Any

from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    Console,
    Site,
    big_page,
    create_workshop_http,
    screenshot,
    start_workshop,
)


def quick_note(console: Console, text: str) -> None:
    """The facilitator (as scribe) adds a note without waiting for a fresh snapshot."""
    envelope: dict[str, Any] = {
        "op": uuid.uuid4().hex,
        "type": "note.add",
        "data": {"text": text},
        "phase": console.snapshot["phase"]["id"],
    }
    for _ in range(50):
        ack = console.client.call("act", envelope, timeout=10)
        if ack.get("ok"):
            return
        assert ack["error"]["code"] == "rate_limited", ack
        console.client.sleep(0.25)
    raise AssertionError("rate limited for too long")


def test_a_full_wall_keeps_the_newest_readable(live_server: Site, browser: Browser) -> None:
    """40 notes do not fit: the wall shrinks to 28 px at least, then keeps the newest."""
    workshop = create_workshop_http(live_server)
    console = start_workshop(workshop)
    projector = big_page(browser)
    projector.goto(workshop.projector_url)
    expect(projector.locator(".pj")).to_have_attribute("data-state", "running")
    total = 40
    for n in range(1, total + 1):
        quick_note(console, f"Ajatus numero {n}: palveluohjauksen kehittämistarpeet näkyviksi")
    newest = projector.locator(".pj-note-text", has_text=f"Ajatus numero {total}:")
    expect(newest).to_be_visible()
    expect(projector.locator(".pj-earlier")).to_be_visible()
    expect(projector.locator(".pj-note-text", has_text="Ajatus numero 1:")).to_have_count(0)
    screenshot(projector, "projector-full-wall")

    layout = projector.evaluate(
        """() => {
            const wall = document.querySelector('.pj-wall');
            const cards = Array.from(document.querySelectorAll('.pj-note'));
            return {
                pageScrolls: document.documentElement.scrollHeight > innerHeight
                    || document.documentElement.scrollWidth > innerWidth,
                wallOverflows: wall.scrollHeight > wall.clientHeight + 1,
                lowestCard: Math.max(...cards.map(c => c.getBoundingClientRect().bottom)),
                fontSize: parseFloat(getComputedStyle(document.querySelector('.pj-note-text'))
                    .fontSize),
                shown: cards.length,
                earlier: document.querySelector('.pj-earlier').textContent,
            };
        }"""
    )
    assert not layout["pageScrolls"], layout
    assert not layout["wallOverflows"], layout
    assert layout["lowestCard"] <= 1080, layout
    assert layout["fontSize"] >= 28, layout
    assert 6 <= layout["shown"] < total, layout
    assert str(total - layout["shown"]) in layout["earlier"], layout

    # A hidden note vanishes at once and the next older one takes its place.
    notes = console.notes()
    last = max(notes, key=lambda note: note["id"])
    console.act("item.hide", {"id": last["id"], "hidden": True})
    expect(newest).to_have_count(0)
    expect(
        projector.locator(".pj-note-text", has_text=f"Ajatus numero {total - 1}:")
    ).to_be_visible()
    console.close()
    projector.context.close()


def test_hidden_until_reveal_shows_only_a_counter(live_server: Site, browser: Browser) -> None:
    """With hide_until_reveal the big screen counts notes; the reveal shows them."""
    workshop = create_workshop_http(live_server, kit="ideointi")
    console = start_workshop(workshop)
    assert console.snapshot["view"]["hide_until_reveal"] is True
    projector = big_page(browser)
    projector.goto(workshop.projector_url)
    expect(projector.locator(".pj-counter-number")).to_have_text("0")
    for n in range(1, 4):
        quick_note(console, f"Salainen ajatus {n}")
    expect(projector.locator(".pj-counter-number")).to_have_text("3")
    expect(projector.locator(".pj-note")).to_have_count(0)
    assert "Salainen ajatus" not in projector.locator(".pj").inner_text()
    console.act("phase.reveal", {"on": True})
    expect(projector.locator(".pj-note")).to_have_count(3)
    expect(projector.locator(".pj-counter")).to_have_count(0)
    console.close()
    projector.context.close()
