"""The participant's phone in a real Chromium against the real server (gevent)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    CreatedWorkshop,
    Site,
    create_workshop_http,
    phone_page,
    screenshot,
    start_workshop,
)

pytestmark = pytest.mark.browser


SCRIPT_ERRORS: dict[int, list[str]] = {}


def join(browser: Browser, workshop: CreatedWorkshop, **options: object) -> Page:
    """A new phone opens the QR link and presses the big Join button."""
    page = phone_page(browser, **options)  # type: ignore[arg-type]
    errors = SCRIPT_ERRORS.setdefault(id(page), [])
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(workshop.join_url)
    page.locator("form.join-form > button[type=submit]").click()
    page.wait_for_url(re.compile(r"/w/"))
    return page


def assert_no_script_errors(*pages: Page) -> None:
    """No uncaught script error happened on these phones."""
    for page in pages:
        assert SCRIPT_ERRORS.pop(id(page), []) == []


def seats(site: Site, workshop: CreatedWorkshop) -> list[tuple[int, str, str]]:
    """(number, name, role) of every phone seat in the workshop."""
    return [
        (int(n), str(name), str(role))
        for n, name, role in site.query(
            "SELECT number, name, role FROM participants WHERE workshop_id = ? AND kind = 'phone'"
            " ORDER BY number",
            workshop.id,
        )
    ]


def write(page: Page, text: str) -> None:
    """Type a note and press Send."""
    page.fill("#note-text", text)
    page.locator("button.send").click()


def mine(page: Page, text: str):  # type: ignore[no-untyped-def]
    """One of my notes on the phone, by its text."""
    return page.locator(".mine-list > li").filter(has_text=text)


def test_join_with_nothing_gives_an_anonymous_seat_that_survives_reload(
    live_server: Site, browser: Browser
) -> None:
    workshop = create_workshop_http(live_server, title="Anonyymi liittyminen")
    page = join(browser, workshop)
    try:
        expect(page.locator("main[data-connection=online]")).to_have_count(1)
        lobby = page.evaluate("() => JSON.parse(document.getElementById('i18n').textContent).lobby")
        expect(page.locator("#state-message")).to_have_text(lobby)  # "starts soon"
        assert seats(live_server, workshop) == [(1, "", "")]
        expect(page.locator(".phone-foot summary")).to_contain_text("1")
        screenshot(page, "phone-lobby")

        page.reload()
        page.goto(workshop.join_url)  # the QR again: straight back to the same seat
        page.wait_for_url(re.compile(r"/w/"))
        expect(page.locator(".phone-foot summary")).to_contain_text("1")
        assert seats(live_server, workshop) == [(1, "", "")]
    finally:
        page.context.close()


def test_join_with_name_and_role(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    page = phone_page(browser)
    try:
        page.goto(workshop.join_url)
        page.get_by_text(re.compile("Tell about yourself|Kerro itsestäsi")).click()
        page.fill("input[name=name]", "Aino")
        page.locator("input[name=role][value=expert]").check()
        page.locator("details.about-me button[type=submit]").click()
        page.wait_for_url(re.compile(r"/w/"))
        assert seats(live_server, workshop) == [(1, "Aino", "expert")]
        expect(page.locator(".phone-foot summary")).to_contain_text("Aino")
    finally:
        page.context.close()


def test_wrong_code_shows_a_calm_error_and_keeps_the_form(
    live_server: Site, browser: Browser
) -> None:
    page = phone_page(browser)
    try:
        page.goto(f"{live_server.url}/j?lang=en")
        page.fill("input[name=code]", "zzzzzz")
        page.locator("button[type=submit]").click()
        expect(page.get_by_role("alert")).to_contain_text("No workshop has this code")
        expect(page.locator("input[name=code]")).to_have_value("zzzzzz")
        expect(page.locator("input[name=code]")).to_have_attribute("aria-invalid", "true")
    finally:
        page.context.close()


def test_write_edit_and_delete_own_note(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    page = join(browser, workshop, locale="en-GB")
    console = start_workshop(workshop)
    try:
        expect(page.locator("#note-text")).to_be_visible()
        write(page, "Matala kynnys")
        note = mine(page, "Matala kynnys")
        expect(note.locator(".note-state")).to_have_class(re.compile(r"\bsaved\b"))
        expect(page.locator("#note-text")).to_have_value("")
        assert [n["text"] for n in console.notes()] == ["Matala kynnys"]
        screenshot(page, "phone-note-saved")

        key = note.get_attribute("data-key")
        row = page.locator(f'.mine-list > li[data-key="{key}"]')
        row.get_by_role("button", name=re.compile("Edit|Muokkaa")).click()
        editor = row.locator("textarea")
        expect(editor).to_be_focused()
        expect(editor).to_have_value("Matala kynnys")
        editor.fill("Matala kynnys ja selkeä kieli")
        row.get_by_role("button", name=re.compile("Save|Tallenna")).click()
        edited = mine(page, "selkeä kieli")
        expect(edited.locator(".note-state")).to_have_class(re.compile(r"\bsaved\b"))
        assert [n["text"] for n in console.notes()] == ["Matala kynnys ja selkeä kieli"]

        edited.get_by_role("button", name=re.compile("^(Delete|Poista)$")).click()
        # Asking first; focus waits on the safe answer.
        expect(edited.locator(".note-actions button").last).to_be_focused()
        edited.locator("button.danger.primary").click()
        expect(page.locator(".mine-list > li")).to_have_count(0)
        expect(page.locator("#mine-title")).to_be_focused()
        assert console.notes() == []
        assert_no_script_errors(page)
    finally:
        console.close()
        page.context.close()


def test_plus_one_from_a_second_phone(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    author = join(browser, workshop)
    other = join(browser, workshop)
    console = start_workshop(workshop)
    try:
        draft = other.locator("#note-text")
        draft.click()
        draft.type("Kesken jäänyt")
        write(author, "Yhteinen kieli")
        theirs = other.locator(".others-list > li").filter(has_text="Yhteinen kieli")
        expect(theirs).to_be_visible()
        # A note arriving re-renders the page: what the other phone is typing stays, with focus.
        expect(draft).to_be_focused()
        expect(draft).to_have_value("Kesken jäänyt")
        other.keyboard.type(" ajatus")
        expect(draft).to_have_value("Kesken jäänyt ajatus")
        expect(mine(author, "Yhteinen kieli").locator("button.plus")).to_have_count(0)

        plus = theirs.locator("button.plus")
        expect(plus).to_have_attribute("aria-pressed", "false")
        plus.click()
        expect(plus).to_have_attribute("aria-pressed", "true")
        expect(plus).to_contain_text("1")
        expect(mine(author, "Yhteinen kieli")).to_contain_text("1")
        screenshot(other, "phone-plus")
        assert [n["plus"] for n in console.notes()] == [1]

        plus.click()  # and take it back
        expect(plus).to_have_attribute("aria-pressed", "false")
        assert _eventually(lambda: [n["plus"] for n in console.notes()] == [0])
        assert_no_script_errors(author, other)
    finally:
        console.close()
        author.context.close()
        other.context.close()


def _eventually(check, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())


def test_notes_written_offline_are_sent_once_when_back(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    page = join(browser, workshop, locale="en-GB")
    console = start_workshop(workshop)
    try:
        expect(page.locator("#note-text")).to_be_visible()
        page.context.set_offline(True)
        expect(page.locator("#connection")).to_be_visible()
        write(page, "Kirjoitettu ilman yhteyttä 1")
        write(page, "Kirjoitettu ilman yhteyttä 2")
        for text in ("yhteyttä 1", "yhteyttä 2"):
            expect(mine(page, text).locator(".note-state")).to_have_class(
                re.compile(r"\bsending\b")
            )
        screenshot(page, "phone-offline")
        assert console.notes() == []

        page.context.set_offline(False)
        for text in ("yhteyttä 1", "yhteyttä 2"):
            expect(mine(page, text).locator(".note-state")).to_have_class(
                re.compile(r"\bsaved\b"), timeout=15_000
            )
        expect(page.locator("#connection")).to_be_hidden()
        texts = sorted(n["text"] for n in console.notes())
        assert texts == ["Kirjoitettu ilman yhteyttä 1", "Kirjoitettu ilman yhteyttä 2"]
        page.reload()
        expect(page.locator(".mine-list > li")).to_have_count(2)
        assert len(console.notes()) == 2
        assert_no_script_errors(page)
    finally:
        console.close()
        page.context.close()


def test_vote_until_the_budget_is_spent(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    console = start_workshop(workshop)
    for i in range(6):  # six items: two votes each, at most two on one item
        console.act("note.add", {"text": f"Ajatus {i + 1}"})
    page = join(browser, workshop, locale="en-GB")
    try:
        console.act("phase.next")
        budget = page.locator("#votes-left")
        expect(budget).to_contain_text("2")
        first = page.locator(".vote-item").filter(has_text="Ajatus 1")
        second = page.locator(".vote-item").filter(has_text="Ajatus 2")
        expect(first.locator("button.plus")).to_have_attribute("aria-label", re.compile("Ajatus 1"))
        first.locator("button.plus").click()
        expect(first.locator(".vote-count")).to_contain_text("1")
        first.locator("button.plus").click()
        expect(first.locator(".vote-count")).to_contain_text("2")
        expect(first.locator(".dots")).to_have_text("●●")
        expect(budget).to_contain_text(re.compile(r"\b0\b.*\b2\b"))

        second.locator("button.plus").click()
        expect(second.get_by_role("alert")).to_be_visible()
        expect(second.locator(".vote-count")).to_contain_text("0")
        screenshot(page, "phone-votes-spent")

        first.locator("button.minus").click()
        expect(first.locator(".vote-count")).to_contain_text("1")
        second.locator("button.plus").click()
        expect(second.locator(".vote-count")).to_contain_text("1")
        expect(second.get_by_role("alert")).to_have_count(0)

        console.act("phase.reveal", {"on": True})
        expect(page.locator(".results > li")).to_have_count(6)
        expect(page.locator(".results > li").first).to_contain_text("1.")
        assert_no_script_errors(page)
    finally:
        console.close()
        page.context.close()


def test_a_note_typed_offline_survives_a_reload(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server)
    page = join(browser, workshop, locale="en-GB")
    console = start_workshop(workshop)
    try:
        expect(page.locator("#note-text")).to_be_visible()
        page.context.set_offline(True)
        write(page, "Kirjoitettu ennen uudelleenlatausta")
        expect(mine(page, "uudelleenlatausta").locator(".note-state")).to_have_class(
            re.compile(r"\bsending\b")
        )
        page.fill("#note-text", "Luonnos jää talteen")
        with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
            page.reload()
        page.context.set_offline(False)
        page.goto(workshop.room_url)
        expect(mine(page, "uudelleenlatausta").locator(".note-state")).to_have_class(
            re.compile(r"\bsaved\b")
        )
        expect(page.locator("#note-text")).to_have_value("Luonnos jää talteen")
        assert _eventually(lambda: len(console.notes()) == 1)
        assert [n["text"] for n in console.notes()] == ["Kirjoitettu ennen uudelleenlatausta"]
    finally:
        console.close()
        page.context.close()


def test_hidden_until_reveal_timer_and_lock(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server, kit="phone-hidden")
    first = join(browser, workshop, locale="en-GB")
    second = join(browser, workshop)
    console = start_workshop(workshop)
    try:
        write(first, "Ensimmäisen oma")
        write(second, "Toisen oma")
        expect(mine(first, "Ensimmäisen oma").locator(".note-state.saved")).to_have_count(1)
        expect(first.locator(".waiting")).to_contain_text("1")
        expect(first.locator(".others-list > li")).to_have_count(0)
        screenshot(first, "phone-hidden")

        console.act("phase.reveal", {"on": True})
        expect(first.locator(".others-list > li")).to_have_text(re.compile("Toisen oma"))
        expect(first.locator(".waiting")).to_be_hidden()

        timer = first.locator("#timer-value")
        expect(first.locator("#timer")).to_be_hidden()  # not started: no clock that stands still
        console.act("timer.start")
        expect(first.locator("#timer")).to_be_visible()
        expect(timer).to_have_text(re.compile(r"^4:5\d$"), timeout=4000)

        console.act("phase.lock", {"on": True})
        expect(first.locator("form.compose")).to_be_hidden()
        expect(first.locator("#state-message")).to_be_visible()
        expect(first.locator(".note-actions button")).to_have_count(0)
        expect(first.locator("button.plus")).to_have_count(0)
        expect(mine(first, "Ensimmäisen oma")).to_be_visible()
        assert_no_script_errors(first, second)
    finally:
        console.close()
        first.context.close()
        second.context.close()


def test_a_refused_note_keeps_its_text_and_can_be_sent_again(
    live_server: Site, browser: Browser
) -> None:
    workshop = create_workshop_http(live_server, kit="phone-hidden")
    page = join(browser, workshop, locale="en-GB")
    console = start_workshop(workshop)
    try:
        expect(page.locator("#note-text")).to_be_visible()
        page.context.set_offline(True)
        write(page, "Kirjoitettu juuri ennen sulkemista")
        console.act("phase.lock", {"on": True})
        page.context.set_offline(False)
        note = mine(page, "ennen sulkemista")
        expect(note.locator(".note-state")).to_have_class(re.compile(r"\bfailed\b"))
        expect(note.locator(".note-error")).not_to_be_empty()
        screenshot(page, "phone-refused")
        assert console.notes() == []

        console.act("phase.lock", {"on": False})
        note.locator("button.primary").click()  # try again
        expect(note.locator(".note-state")).to_have_class(re.compile(r"\bsaved\b"))
        assert [n["text"] for n in console.notes()] == ["Kirjoitettu juuri ennen sulkemista"]
    finally:
        console.close()
        page.context.close()


def test_text_refused_after_the_room_moved_on_is_still_shown(
    live_server: Site, browser: Browser
) -> None:
    workshop = create_workshop_http(live_server)
    page = join(browser, workshop, locale="en-GB")
    console = start_workshop(workshop)
    try:
        console.act("note.add", {"text": "Jotain äänestettävää"})
        expect(page.locator("#note-text")).to_be_visible()
        page.context.set_offline(True)
        write(page, "Myöhästynyt ajatus")
        console.act("phase.lock", {"on": True})
        console.act("phase.next")
        page.context.set_offline(False)
        expect(page.locator(".vote-item")).to_have_count(1)
        unsent = page.locator("#unsent")
        expect(unsent).to_be_visible()
        expect(unsent.locator("li")).to_contain_text("Myöhästynyt ajatus")
        unsent.locator("button").click()
        expect(unsent).to_be_hidden()
    finally:
        console.close()
        page.context.close()


def test_a_phone_whose_seat_is_gone_is_told_to_join_again(
    live_server: Site, browser: Browser
) -> None:
    workshop = create_workshop_http(live_server)
    page = join(browser, workshop)
    try:
        expect(page.locator("main[data-connection=online]")).to_have_count(1)
        page.context.clear_cookies()  # e.g. the browser dropped the seat cookie
        page.context.set_offline(True)
        expect(page.locator("#connection")).to_be_visible()
        page.context.set_offline(False)
        link = page.locator("#connection a")
        expect(link).to_have_attribute("href", f"/j/{workshop.code}", timeout=15_000)
        link.click()
        page.wait_for_url(re.compile(r"/j/"))
        expect(page.locator("form.join-form")).to_be_visible()
    finally:
        page.context.close()
