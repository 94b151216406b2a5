"""The big screen and the console in real Chromium at 1920×1080.

The note wall never scrolls, keeps the newest notes in view with readable type and shows only a
counter while notes are hidden until the reveal; axe-core (WCAG 2.2 A/AA rules) finds nothing on
the projector and the console, in Finnish and English, in every state the room sees.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    Console,
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
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
    """30 notes do not fit: the wall shrinks to 28 px at least, then keeps the newest."""
    workshop = create_workshop_http(live_server)
    console = start_workshop(workshop)
    projector = big_page(browser)
    projector.goto(workshop.projector_url)
    expect(projector.locator(".pj")).to_have_attribute("data-state", "running")
    total = 30
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

    # Once the phase is closed the wall pages through the earlier notes and comes back.
    projector.evaluate(
        "async () => { const m = await import('/static/m/brainstorm/projector.js');"
        " m.paging.pageMs = 400; }"
    )
    console.act("phase.lock", {"on": True})
    oldest = projector.locator(".pj-note-text", has_text="Ajatus numero 1:")
    expect(oldest).to_be_visible()
    expect(projector.locator(".pj-earlier")).to_contain_text(str(total))
    screenshot(projector, "projector-earlier-page")
    expect(newest).to_be_visible()
    # A new note brings the newest page back at once.
    projector.evaluate(
        "async () => { const m = await import('/static/m/brainstorm/projector.js');"
        " m.paging.pageMs = 600000; }"
    )
    console.act("phase.lock", {"on": False})
    quick_note(console, "Aivan uusin ajatus")
    expect(projector.locator(".pj-note-text", has_text="Aivan uusin ajatus")).to_be_visible()

    # A hidden note vanishes at once and the next older one takes its place.
    notes = console.notes()
    last = max(notes, key=lambda note: note["id"])
    console.act("item.hide", {"id": last["id"], "hidden": True})
    expect(projector.locator(".pj-note-text", has_text="Aivan uusin ajatus")).to_have_count(0)
    expect(newest).to_be_visible()
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


def assert_clean(page: Page, where: str) -> None:
    """No axe violations on the page as it is now."""
    violations = axe_check(page)
    assert not violations, f"{where}: " + json.dumps(violations, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("locale", ["fi", "en"])
def test_no_axe_violations(live_server: Site, browser: Browser, locale: str) -> None:
    """Every state a facilitator and the room see, checked with axe."""
    workshop = create_workshop_http(
        live_server, title="Palveluohjauksen kehittämistarpeet", locale=locale
    )
    console = big_page(browser, bypass_csp=True)
    login(console, live_server)
    if locale == "fi":
        assert_clean(console, "home")
    console.goto(f"{workshop.console_url}?lang={locale}")
    expect(console.locator("html")).to_have_attribute("lang", locale)
    expect(console.locator("#cx-status")).to_have_attribute("data-status", "draft")
    projector = big_page(browser, bypass_csp=True)
    projector.goto(workshop.projector_url)
    expect(projector.locator("html")).to_have_attribute("lang", locale)
    expect(projector.locator(".pj")).to_have_attribute("data-state", "lobby")
    assert_clean(console, f"console lobby ({locale})")
    assert_clean(projector, f"projector lobby ({locale})")

    # A running brainstorm with a group and notes, one of them hidden.
    console.locator("#cx-start").click()
    # Wait for the console to redraw as running: filling the form earlier races that redraw.
    expect(console.locator("#cx-status")).to_have_attribute("data-status", "running")
    for text in ("Palveluohjauksen kehittämistarpeet näkyviksi", "Selkokieliset ohjeet"):
        console.fill("#cx-scribe-text", text)
        console.locator("form.cx-scribe button[type=submit]").click()
        expect(console.locator(".cx-note", has_text=text)).to_be_visible()
    console.fill("#cx-theme-new", "Saavutettavuus")
    console.locator("form.cx-theme-form button[type=submit]").click()
    expect(console.locator(".cx-themes input")).to_have_count(1)
    console.locator(".cx-note", has_text="Selkokieliset").locator("button.cx-hide").click()
    expect(projector.locator(".pj-note")).to_have_count(1)
    assert_clean(console, f"console brainstorm ({locale})")
    assert_clean(projector, f"projector brainstorm ({locale})")
    screenshot(console, f"a11y-console-brainstorm-{locale}")

    # The revealed vote.
    console.locator("#cx-next").click()
    expect(projector.locator(".pj-vote-title")).to_be_visible()
    console.locator("#cx-reveal").click()
    expect(projector.locator(".pj-ranking")).to_be_visible()
    assert_clean(console, f"console vote ({locale})")
    assert_clean(projector, f"projector ranking ({locale})")

    # The end dialog, open.
    console.locator("#cx-end").click()
    expect(console.locator("#cx-confirm")).to_be_visible()
    assert_clean(console, f"console end dialog ({locale})")
    console.context.close()
    projector.context.close()
