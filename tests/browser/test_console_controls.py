"""The console's controls in real browsers, checked on the projector and a phone.

Timer start / +1 min / pause survive a reload of both the console and the projector; closing a
phase stops the phone from writing (it shows the locked message); the scribe, spotlight, hide and
show, keyboard shortcuts and the confirmed end all reach the big screen.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    CreatedWorkshop,
    Site,
    big_page,
    create_workshop_http,
    login,
    phone_page,
    screenshot,
)


def seconds(page: Page, selector: str) -> int:
    """A clock's m:ss text as seconds."""
    text = page.locator(selector).inner_text().strip()
    found = re.fullmatch(r"(\d+):(\d\d)", text)
    assert found, text
    return int(found.group(1)) * 60 + int(found.group(2))


def strings(page: Page) -> dict[str, str]:
    """The page's own translated script strings (checks do not depend on the language)."""
    return dict(page.evaluate("() => JSON.parse(document.getElementById('i18n').textContent)"))


class Screens:
    """A workshop with its console and projector open in two windows."""

    def __init__(self, browser: Browser, site: Site) -> None:
        self.site = site
        self.workshop: CreatedWorkshop = create_workshop_http(site, title="Konsolin testi")
        self.console = big_page(browser)
        login(self.console, site)
        self.console.goto(self.workshop.console_url)
        self.projector = big_page(browser)
        self.projector.goto(self.workshop.projector_url)
        expect(self.console.locator("#cx-status")).to_have_attribute("data-status", "draft")

    def start(self) -> None:
        """Press Start in the console and wait for the projector to leave the lobby."""
        self.console.locator("#cx-start").click()
        expect(self.projector.locator(".pj-clock")).to_be_visible()

    def reload(self) -> None:
        """Reload both screens and wait until each has its snapshot."""
        for page in (self.console, self.projector):
            page.reload()
        expect(self.console.locator("#cx-status")).to_have_attribute("data-status", "running")
        expect(self.projector.locator(".pj")).to_have_attribute("data-state", "running")
        # The clock is drawn from the snapshot on the first tick.
        self.console.wait_for_timeout(400)

    def close(self) -> None:
        """Close both windows."""
        self.console.context.close()
        self.projector.context.close()


@pytest.fixture()
def screens(live_server: Site, browser: Browser) -> Iterator[Screens]:
    """Console and projector of a fresh workshop."""
    opened = Screens(browser, live_server)
    yield opened
    opened.close()


def test_timer_survives_reload(screens: Screens) -> None:
    """Start, +1 min and pause are kept by the server: reloads show the same time."""
    console, projector = screens.console, screens.projector
    # Jumping from the agenda asks first; cancelling leaves the room in the lobby.
    console.locator("#cx-agenda li").nth(1).locator("button").click()
    expect(console.locator("#cx-confirm")).to_be_visible()
    console.locator("#cx-confirm-cancel").click()
    expect(console.locator("#cx-status")).to_have_attribute("data-status", "draft")
    expect(projector.locator(".pj")).to_have_attribute("data-state", "lobby")
    screens.start()
    assert seconds(console, "#cx-clock") == 8 * 60
    assert seconds(projector, ".pj-clock") == 8 * 60

    console.locator("#cx-timer-toggle").click()
    console.locator("[data-timer-add='60']").click()
    expect(console.locator("#cx-clock")).to_have_text(re.compile(r"^8:5\d$|^9:00$"))
    expect(projector.locator(".pj-clock")).to_have_text(re.compile(r"^8:5\d$|^9:00$"))

    screens.reload()
    running = seconds(console, "#cx-clock")
    assert 9 * 60 - 15 <= running <= 9 * 60, running
    # Both count down from the server's end time (reading two pages takes a moment).
    assert abs(seconds(projector, ".pj-clock") - running) <= 2
    time.sleep(1.3)
    assert seconds(console, "#cx-clock") < running, "the clock keeps running after a reload"

    console.locator("#cx-timer-toggle").click()
    expect(console.locator("#cx-timer-toggle")).to_have_text(strings(console)["cx_start_timer"])
    paused = seconds(console, "#cx-clock")
    screens.reload()
    assert seconds(console, "#cx-clock") == paused
    assert seconds(projector, ".pj-clock") == paused
    time.sleep(1.2)
    assert seconds(console, "#cx-clock") == paused, "a paused clock stands still"
    assert seconds(projector, ".pj-clock") == paused
    expect(projector.locator(".pj-timer-note")).to_have_text(strings(projector)["pj_paused"])


def test_lock_stops_the_phone(screens: Screens, browser: Browser) -> None:
    """Close phase → the phone shows the locked message and cannot write; reopen → it can."""
    console, projector = screens.console, screens.projector
    phone = phone_page(browser)
    phone.goto(screens.workshop.join_url)
    phone.locator("form.join-form > button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/w/"))
    screens.start()
    expect(phone.locator("#note-text")).to_be_visible()

    console.locator("#cx-lock").click()
    message = phone.locator("#state-message")
    expect(message).to_have_text(strings(phone)["locked"])
    expect(message).to_be_visible()
    expect(phone.locator("#note-text")).to_be_hidden()
    expect(console.locator("#cx-locked")).to_be_visible()

    console.locator("#cx-lock").click()
    expect(phone.locator("#note-text")).to_be_visible()
    phone.fill("#note-text", "Avoin taas")
    phone.locator("form.compose button[type=submit]").click()
    expect(projector.locator(".pj-note-text", has_text="Avoin taas")).to_be_visible()
    expect(console.locator(".cx-note", has_text="Avoin taas")).to_be_visible()
    phone.context.close()


def test_scribe_spotlight_hide_keys_and_end(screens: Screens) -> None:
    """The console's note controls, keyboard shortcuts and the confirmed end."""
    console, projector = screens.console, screens.projector
    screens.start()

    # Scribe: a note for someone without a phone, with a stated role.
    console.fill("#cx-scribe-text", "Kirjoitettu puhelimettoman puolesta")
    console.select_option("#cx-scribe-role", "client")
    console.locator("form.cx-scribe button[type=submit]").click()
    note = console.locator(".cx-note", has_text="Kirjoitettu puhelimettoman")
    expect(note).to_be_visible()
    card = projector.locator(".pj-note-text", has_text="Kirjoitettu puhelimettoman")
    expect(card).to_be_visible()

    # A refused action shows the server's translated message and blocks nothing.
    console.fill("#cx-scribe-text", "liian pitkä " * 30)
    console.locator("form.cx-scribe button[type=submit]").click()
    status = console.locator("#cx-message")
    expect(status).to_have_attribute("data-kind", "error")
    expect(status).not_to_be_empty()
    expect(console.locator("#cx-scribe-text")).to_have_value(re.compile("liian pitkä"))
    console.fill("#cx-scribe-text", "")

    # Groups: make one, put the note in it, rename it, delete it (after a confirmation).
    console.fill("#cx-theme-new", "Saavutettavuus")
    console.locator("form.cx-theme-form button[type=submit]").click()
    note.locator("select.cx-note-theme").select_option(label="Saavutettavuus")
    group = projector.locator(".pj-theme", has=card)
    expect(group.locator(".pj-theme-label")).to_have_text("Saavutettavuus")
    label = console.locator(".cx-themes input")
    label.fill("Palveluohjauksen kehittämistarpeet")
    label.press("Enter")
    expect(group.locator(".pj-theme-label")).to_have_text("Palveluohjauksen kehittämistarpeet")
    console.locator(".cx-themes button.danger-quiet").click()
    console.locator("#cx-confirm-ok").click()
    expect(projector.locator(".pj-theme")).to_have_count(0)
    expect(card).to_be_visible()

    # Spotlight on and off.
    note.locator("button.cx-spot").click()
    spot = projector.locator(".pj-spotlight")
    expect(spot).to_be_visible()
    expect(spot).to_contain_text("Kirjoitettu puhelimettoman")
    expect(note.locator("button.cx-spot")).to_have_attribute("aria-pressed", "true")
    screenshot(projector, "console-test-spotlight")
    console.locator("#cx-unspot").click()
    expect(spot).to_be_hidden()

    # Hide and show again in one click each.
    note.locator("button.cx-hide").click()
    expect(card).to_have_count(0)
    expect(note).to_have_class(re.compile(r"\bis-hidden\b"))
    note.locator("button.cx-hide").click()
    expect(card).to_be_visible()

    # Keys: ignored while typing, N moves on, B comes back.
    console.locator("#cx-scribe-text").click()
    console.keyboard.type("n")
    expect(console.locator("#cx-scribe-text")).to_have_value("n")
    assert projector.locator(".pj-vote-title").count() == 0
    console.locator("#cx-scribe-text").fill("")
    console.locator("#cx-phase-title").click()
    console.keyboard.press("n")
    expect(projector.locator(".pj-vote-title")).to_be_visible()
    expect(console.locator("#cx-agenda li.is-current")).to_contain_text("2.")
    console.keyboard.press("b")
    expect(projector.locator(".pj-vote-title")).to_have_count(0)
    expect(console.locator("#cx-agenda li.is-current")).to_contain_text("1.")

    # The workshop's language: the big screen and the console's preview switch to it.
    console.select_option("#cx-locale", "en")
    expect(projector.locator("html")).to_have_attribute("lang", "en")
    expect(projector.locator(".pj-rail")).to_be_visible()
    english = strings(projector)["pj_join_title"]
    expect(projector.locator(".pj-rail-title")).to_have_text(english)
    expect(console.locator("#cx-preview .pj-rail-title")).to_have_text(english)

    # Hiding the QR rail.
    rail = projector.locator(".pj-rail")
    expect(rail).to_be_visible()
    console.locator("#cx-qr").click()
    expect(rail).to_be_hidden()
    expect(console.locator("#cx-qr")).to_have_attribute("aria-pressed", "false")

    # End: asks first; cancel keeps the workshop running, confirm ends it.
    console.locator("#cx-end").click()
    dialog = console.locator("#cx-confirm")
    expect(dialog).to_be_visible()
    console.locator("#cx-confirm-cancel").click()
    expect(dialog).to_be_hidden()
    expect(projector.locator(".pj")).to_have_attribute("data-state", "running")
    console.locator("#cx-end").click()
    console.locator("#cx-confirm-ok").click()
    expect(projector.locator(".pj-ended")).to_be_visible()
    expect(console.locator("#cx-ended")).to_be_visible()
    expect(console.locator("#cx-ended a[href$='/minutes']")).to_be_visible()
    expect(console.locator("#cx-end")).to_be_disabled()
