"""Concept definitions in real browsers: the big screen, two phones and the facilitator's console.

Phones propose definitions and +1 each other's; the facilitator starts the shared definition from
a proposal; both phones edit it at once (different words: both kept; the same words: the later
phone gets the current text back with its own words kept beside it); the facilitator confirms;
phones move between terms and follow the room unless someone is typing. Every screen loads
without script errors and passes axe in Finnish and English.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import (
    CreatedWorkshop,
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
    phone_page,
    screenshot,
    start_workshop,
)

KIT = "browser-concepts"
P1 = "Asiakkaan ohjaamista oikeaan palveluun."
P2 = "Tukea palveluviidakossa."


def quiet(context: BrowserContext) -> None:
    """The browser asks for /favicon.ico by itself (the app has none): answer it, so the
    context's script errors are the page's own."""
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


def join(browser: Browser, workshop: CreatedWorkshop, **options: object) -> Page:
    """A phone opens the QR link and presses Join."""
    page = phone_page(browser, **options)  # type: ignore[arg-type]
    quiet(page.context)
    page.goto(workshop.join_url)
    page.locator("form.join-form > button[type=submit]").click()
    page.wait_for_url(re.compile(r"/w/"))
    return page


def projector_page(browser: Browser, workshop: CreatedWorkshop, **options: object) -> Page:
    """The big screen."""
    page = big_page(browser, **options)  # type: ignore[arg-type]
    quiet(page.context)
    page.goto(workshop.projector_url)
    return page


def console_page(
    browser: Browser, site: Site, workshop: CreatedWorkshop, **options: object
) -> Page:
    """The facilitator's console on a laptop."""
    page = big_page(browser, **options)  # type: ignore[arg-type]
    quiet(page.context)
    login(page, site)
    page.goto(workshop.console_url)
    return page


def propose(phone: Page, text: str) -> None:
    """Write a proposal and wait until the phone shows it saved."""
    phone.fill("#cd-text", text)
    phone.locator("form.compose button[type=submit]").click()
    row = phone.locator(".cd-proposals li.mine", has_text=text)
    expect(row.locator(".note-state.saved")).to_be_visible()


def edit_definition(phone: Page) -> None:
    """Open the editor of the shared definition."""
    phone.locator(".cd-edit-wording").click()
    expect(phone.locator("#cd-wording-text")).to_be_focused()


def save_definition(phone: Page) -> None:
    """Save the shared definition from the editor."""
    phone.locator(".cd-wording .note-actions button.primary").click()


def test_concepts_with_a_projector_two_phones_and_the_console(
    live_server: Site, browser: Browser
) -> None:
    """Propose → +1 → start from a proposal → co-edit → conflict → confirm → move on."""
    workshop = create_workshop_http(live_server, kit=KIT)
    socket = start_workshop(workshop)
    terms = [t["id"] for t in socket.snapshot["view"]["terms"]]
    projector = projector_page(browser, workshop)
    anna = join(browser, workshop)
    bertta = join(browser, workshop)
    console = console_page(browser, live_server, workshop)
    expect(projector.locator(".cd-pj-name")).to_have_text("Palveluohjaus")
    expect(projector.locator(".cd-chip")).to_have_count(6)
    for phone in (anna, bertta):
        expect(phone.locator(".cd-term")).to_have_text("Palveluohjaus")
        expect(phone.locator(".cd-step")).to_have_text("Käsite 1 / 6")

    # Proposals and +1: live on the big screen, without names.
    propose(anna, P1)
    propose(bertta, P2)
    cards = projector.locator(".cd-pj-cards")
    expect(cards).to_contain_text(P1)
    expect(cards).to_contain_text(P2)
    bertta.locator(".cd-proposals li", has_text=P1).locator("button.plus").click()
    expect(projector.locator(".cd-pj-card", has_text=P1).locator(".pj-plus")).to_contain_text("+1")
    expect(console.locator(".cx-note", has_text=P1).locator(".cx-plus")).to_contain_text("+1")

    # The facilitator starts the shared definition from Anna's proposal.
    console.locator(".cx-note", has_text=P1).locator("button.cd-cx-use").click()
    for phone in (anna, bertta):
        expect(phone.locator(".cd-wording-text")).to_have_text(P1)
    expect(projector.locator(".cd-pj-text")).to_have_text(P1)

    # Both phones edit at once, different words: both people's words are kept.
    edit_definition(anna)
    edit_definition(bertta)
    anna.fill("#cd-wording-text", P1.replace("palveluun.", "palveluun ajoissa."))
    bertta.fill("#cd-wording-text", P1.replace("Asiakkaan", "Asiakkaan ja perheen"))
    save_definition(anna)
    expect(anna.locator(".cd-wording-text")).to_have_text(
        "Asiakkaan ohjaamista oikeaan palveluun ajoissa."
    )
    save_definition(bertta)
    merged = "Asiakkaan ja perheen ohjaamista oikeaan palveluun ajoissa."
    for page in (anna, bertta):
        expect(page.locator(".cd-wording-text")).to_have_text(merged)
    expect(projector.locator(".cd-pj-text")).to_have_text(merged)
    screenshot(projector, "concepts-projector-merged")

    # The same words: the later phone gets the current text back, its own words beside it.
    edit_definition(anna)
    edit_definition(bertta)
    anna.fill("#cd-wording-text", merged.replace("ohjaamista", "neuvomista"))
    bertta.fill("#cd-wording-text", merged.replace("ohjaamista", "kuuntelemista"))
    save_definition(anna)
    current = merged.replace("ohjaamista", "neuvomista")
    expect(anna.locator(".cd-wording-text")).to_have_text(current)
    save_definition(bertta)
    kept = bertta.locator(".cd-kept")
    expect(kept).to_contain_text(merged.replace("ohjaamista", "kuuntelemista"))
    expect(bertta.locator("#cd-wording-text")).to_have_value(current)
    expect(bertta.locator("#cd-wording-message")).not_to_be_empty()
    screenshot(bertta, "concepts-phone-conflict")
    # Bertta adds her word to the current text and saves: both words are in.
    bertta.fill("#cd-wording-text", current.replace("neuvomista", "neuvomista ja kuuntelemista"))
    save_definition(bertta)
    final = "Asiakkaan ja perheen neuvomista ja kuuntelemista oikeaan palveluun ajoissa."
    expect(anna.locator(".cd-wording-text")).to_have_text(final)
    expect(bertta.locator(".cd-kept")).to_have_count(0)

    # Confirmed: marked everywhere, no more proposals or edits on the phones.
    console.locator("button.cd-cx-confirm").click()
    for phone in (anna, bertta):
        expect(phone.locator(".cd-badge.is-confirmed")).to_be_visible()
        expect(phone.locator("form.compose")).to_be_hidden()
        expect(phone.locator(".cd-edit-wording")).to_have_count(0)
    expect(projector.locator(".cd-chip.is-here.is-confirmed")).to_be_visible()
    expect(projector.locator(".cd-pj-badge.is-confirmed")).to_be_visible()
    screenshot(projector, "concepts-projector-confirmed")

    # A phone browses on its own; the room moves on and follows a phone that is not typing.
    anna.locator(".cd-next").click()
    expect(anna.locator(".cd-term")).to_have_text("Palvelupolku")
    # Leaving a term with the definition editor open keeps the words beside that definition.
    edit_definition(anna)
    anna.fill("#cd-wording-text", "Polku on asiakkaan matka.")
    anna.locator(".cd-next").click()
    expect(anna.locator(".cd-term")).to_have_text("Varhainen tuki")
    expect(anna.locator(".cd-kept")).to_have_count(0)
    anna.locator(".cd-prev").click()
    expect(anna.locator(".cd-kept")).to_contain_text("Polku on asiakkaan matka.")
    anna.fill("#cd-text", "Kesken oleva ajatus")
    console.locator(".cd-cx-open", has_text="Varhainen tuki").click()
    console.locator("button.cd-cx-show").click()
    expect(projector.locator(".cd-pj-name")).to_have_text("Varhainen tuki")
    expect(bertta.locator(".cd-term")).to_have_text("Varhainen tuki")
    # Anna is typing: she stays, with a calm note and a button to go.
    expect(anna.locator(".cd-term")).to_have_text("Palvelupolku")
    expect(anna.locator(".cd-moved")).to_contain_text("Varhainen tuki")
    anna.locator(".cd-moved button").click()
    expect(anna.locator(".cd-term")).to_have_text("Varhainen tuki")
    expect(anna.locator("#cd-text")).to_have_value("")
    anna.locator(".cd-prev").click()
    expect(anna.locator("#cd-text")).to_have_value("Kesken oleva ajatus")  # kept per term
    screenshot(anna, "concepts-phone")

    # Every term at once on the big screen.
    socket.act("term.current", {"id": None})
    expect(projector.locator(".cd-ov-card").first).to_contain_text(final)
    del terms
    for page in (projector, anna, bertta, console):
        errors = page.context.script_errors  # type: ignore[attr-defined]
        assert errors == [], errors
    socket.close()
    for page in (projector, anna, bertta, console):
        page.context.close()


def assert_clean(page: Page, where: str) -> None:
    """No axe violations on the page as it is now."""
    violations = axe_check(page)
    assert not violations, f"{where}: " + json.dumps(violations, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("locale", ["fi", "en"])
def test_concepts_screens_pass_axe(live_server: Site, browser: Browser, locale: str) -> None:
    """The phone (own and others' proposals, the editor, a conflict), the big screen (one term,
    every term) and the console, checked with axe."""
    workshop = create_workshop_http(live_server, kit=KIT, locale=locale)
    socket = start_workshop(workshop)
    term = socket.snapshot["view"]["terms"][0]["id"]
    browser_locale = "fi-FI" if locale == "fi" else "en-GB"
    phone = join(browser, workshop, bypass_csp=True, locale=browser_locale)
    other = join(browser, workshop, locale=browser_locale)
    projector = projector_page(browser, workshop, bypass_csp=True)
    console = console_page(browser, live_server, workshop, bypass_csp=True)
    propose(other, P2)
    propose(phone, "x" * 20 + " Palveluohjauksen kehittämistarpeet " * 10)
    socket.act("wording.edit", {"term": term, "base": 0, "base_text": "", "text": P1})
    expect(phone.locator(".cd-wording-text")).to_have_text(P1)
    phone.locator(".cd-proposals li", has_text=P2).locator("button.plus").click()
    expect(phone.locator(".cd-proposals li", has_text=P2).locator("button.plus")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_clean(phone, f"phone {locale}")
    # A conflict on the phone: the editor with the current text and the person's own words.
    edit_definition(phone)
    socket.act("wording.edit", {"term": term, "base": 1, "base_text": P1, "text": P2})
    phone.fill("#cd-wording-text", P1.replace("oikeaan", "sopivaan"))
    save_definition(phone)
    expect(phone.locator(".cd-kept")).to_be_visible()
    assert_clean(phone, f"phone conflict {locale}")
    expect(projector.locator(".cd-pj-text")).to_have_text(P2)
    assert_clean(projector, f"projector {locale}")
    expect(console.locator(".cx-note", has_text=P2)).to_be_visible()
    assert_clean(console, f"console {locale}")
    # The console's own definition box crossing a phone's edit of the same word.
    box = console.locator("#cd-cx-wording")
    expect(box).to_have_value(P2)
    box.fill(P2.replace("Tukea", "Apua"))
    socket.act(
        "wording.edit",
        {"term": term, "base": 2, "base_text": P2, "text": P2.replace("Tukea", "Ohjausta")},
    )
    console.locator("button.cd-cx-save").click()
    expect(console.locator(".cd-cx-kept")).to_contain_text(P2.replace("Tukea", "Apua"))
    expect(box).to_have_value(P2.replace("Tukea", "Ohjausta"))
    assert_clean(console, f"console conflict {locale}")
    socket.act("term.current", {"id": None})
    expect(projector.locator(".cd-ov-card")).to_have_count(6)
    assert_clean(projector, f"projector, every term {locale}")
    for page in (phone, other, projector, console):
        errors = page.context.script_errors  # type: ignore[attr-defined]
        assert errors == [], errors
    socket.close()
    for page in (phone, other, projector, console):
        page.context.close()
