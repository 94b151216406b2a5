"""Feedback in real Chromium: a projector, a console and two phones.

Phones answer one statement per screen with big buttons (a tap on a first answer moves on),
write an open answer, see and change their answers; the big screen shows how many answered and
nothing more until the facilitator reveals; then the results, while answering pauses on the
phones; a hidden open answer leaves the big screen. No script errors anywhere; axe-core finds no
WCAG 2.2 A/AA violations on the phone, the big screen or the console.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
    phone_page,
    screenshot,
    start_workshop,
)

KIT = "browser-feedback"
FIRST = "Minua kuunneltiin ja sain sanoa asiani omalla tavallani."
SECOND = "Pystyin vaikuttamaan siihen, mitä palveluohjauksen kehittämisestä tänään päätettiin."


ERRORS: dict[int, list[str]] = {}


def watched(page: Page) -> Page:
    """Keep the page's console errors with where they came from (see :func:`errors_of`)."""
    found = ERRORS.setdefault(id(page), [])

    def on_console(message) -> None:  # type: ignore[no-untyped-def]
        if message.type == "error":
            found.append(f"{message.location.get('url', '')}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    return page


def errors_of(page: Page) -> list[str]:
    """Script and loading errors on a page, except the browser's own /favicon.ico request (the
    app has no icon yet; Chromium logs its 404 on the big screen)."""
    mine = [e for e in ERRORS.get(id(page), []) if not e.split(": ", 1)[0].endswith("/favicon.ico")]
    logged = page.context.script_errors  # type: ignore[attr-defined]
    favicons = len(ERRORS.get(id(page), [])) - len(mine)
    assert len(logged) <= len(mine) + favicons, logged
    return mine


def join(browser: Browser, url: str, *, bypass_csp: bool = False) -> Page:
    """A phone opens the join link and presses Join."""
    page = watched(phone_page(browser, bypass_csp=bypass_csp))
    page.goto(url)
    page.locator("form.join-form > button[type=submit]").click()
    page.wait_for_url(re.compile(r"/w/"))
    return page


def turn_pages(projector: Page, ms: int) -> None:
    """How long the big screen keeps a page of results before turning to the next."""
    projector.evaluate(
        "async (ms) => { (await import('/static/m/feedback/projector.js')).paging.pageMs = ms; }",
        ms,
    )


def step(page: Page):
    """The statement or question on the phone's screen now."""
    return page.locator(".fb-step:not([hidden])")


def choose(page: Page, answer: str) -> None:
    """Tap an answer on the statement shown."""
    step(page).locator("label.fb-option", has_text=answer).click()


def test_feedback_from_two_phones_to_the_big_screen(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server, kit=KIT)
    console = start_workshop(workshop)
    projector = watched(big_page(browser))
    projector.goto(workshop.projector_url)
    anna, ben = join(browser, workshop.join_url), join(browser, workshop.join_url)
    facilitator = watched(big_page(browser))
    login(facilitator, live_server)
    facilitator.goto(workshop.console_url)

    # One statement per screen, answers as big labelled targets; nothing answered yet.
    for phone in (anna, ben):
        expect(step(phone).locator(".fb-progress")).to_have_text("Väittämä 1/8")
        expect(step(phone).locator(".fb-text")).to_have_text(FIRST)
    options = step(anna).locator("label.fb-option")
    expect(options).to_have_count(6)
    sizes = options.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert min(sizes) >= 48, sizes
    expect(projector.locator(".fb-pj-count")).to_have_text("0 on vastannut")
    turn_pages(projector, 600_000)  # the first page stays while the test reads it

    # Anna taps an answer: saved, and the next statement comes by itself.
    choose(anna, "Jokseenkin samaa mieltä")
    expect(step(anna).locator(".fb-text")).to_have_text(SECOND)
    choose(ben, "Täysin samaa mieltä")
    expect(projector.locator(".fb-pj-count")).to_have_text("2 on vastannut")
    expect(facilitator.locator(".fb-cx-people")).to_contain_text("2")
    # The big screen lists what is asked, but no result before the reveal.
    expect(projector.locator(".fb-pj-asked")).to_contain_text(FIRST)
    expect(projector.locator(".fb-pj-row")).to_have_count(0)
    screenshot(projector, "feedback-projector-waiting")

    # Anna: "can't say" on the second, then on to the first open question.
    choose(anna, "En osaa sanoa")
    expect(step(anna).locator(".fb-progress")).to_have_text("Väittämä 3/8")
    for _ in range(6):
        anna.locator(".fb-next").click()
    question = step(anna)
    expect(question.locator(".fb-progress")).to_have_text("Kysymys 1/2")
    question.locator("textarea").fill("Pienryhmissä oli helppo puhua.")
    question.locator("button[type=submit]").click()
    expect(question.locator(".fb-state")).to_have_text("Tallennettu ✓")
    expect(facilitator.locator(".fb-cx-answer-text")).to_have_text(
        ["Pienryhmissä oli helppo puhua."]
    )

    # Her own answers, with "Change" beside each; she changes the first.
    anna.locator(".fb-next").click()
    anna.locator(".fb-next").click()
    summary = anna.locator(".fb-summary")
    expect(summary).to_be_visible()
    items = summary.locator(".fb-summary-item")
    expect(items.nth(0)).to_contain_text("Jokseenkin samaa mieltä")
    expect(items.nth(1)).to_contain_text("En osaa sanoa")
    expect(items.nth(2)).to_contain_text("Ei vastattu")
    expect(items.nth(8)).to_contain_text("Pienryhmissä oli helppo puhua.")
    screenshot(anna, "feedback-phone-summary")
    items.nth(0).locator("button.fb-change").click()
    expect(step(anna).locator(".fb-text")).to_have_text(FIRST)
    expect(step(anna).locator("input[value='4']")).to_be_checked()
    choose(anna, "Täysin eri mieltä")
    expect(step(anna).locator(".fb-state")).to_have_text("Tallennettu ✓")
    expect(step(anna).locator(".fb-text")).to_have_text(FIRST)  # a change does not move on

    # The facilitator reveals: results on the big screen, answering pauses on the phones.
    facilitator.locator("#cx-reveal").click()
    rows = projector.locator(".fb-pj-row")
    expect(rows.first).to_contain_text(FIRST)
    expect(rows.first.locator(".fb-pj-n")).to_have_text("2 vastausta")
    expect(rows.first.locator(".fb-pj-median")).to_have_text("Mediaani 3")
    expect(projector.locator(".fb-legend").first).to_contain_text("En osaa sanoa")
    screenshot(projector, "feedback-projector-results")
    for phone in (anna, ben):
        expect(phone.locator(".fb-paused")).to_be_visible()
        expect(phone.locator(".fb-results .fb-result").first).to_contain_text("Mediaani 3")
        expect(phone.locator(".fb-statement:not([hidden])")).to_have_count(0)
    expect(facilitator.locator(".fb-cx-roles, .fb-cx-results .cx-hint").first).to_be_visible()
    screenshot(facilitator, "feedback-console-results")

    # Anna's open answer is on the wall in its turn; hidden by the facilitator, it leaves.
    turn_pages(projector, 300)
    wall = projector.locator(".fb-pj-answer")
    expect(wall.filter(has_text="Pienryhmissä oli helppo puhua.")).to_have_count(1, timeout=15_000)
    facilitator.locator(".fb-cx-answer").locator("button.cx-hide").click()
    expect(facilitator.locator(".fb-cx-answer.is-hidden")).to_have_count(1)
    expect(projector.locator(".fb-pj")).not_to_contain_text("Pienryhmissä", timeout=5_000)
    projector.wait_for_timeout(1200)  # several page turns
    expect(projector.locator(".fb-pj")).not_to_contain_text("Pienryhmissä")

    # Hiding the results again lets people go on answering.
    facilitator.locator("#cx-reveal").click()
    expect(ben.locator(".fb-paused")).to_be_hidden()
    expect(step(ben).locator(".fb-text")).to_have_text(SECOND)

    for page in (projector, anna, ben, facilitator):
        assert errors_of(page) == []
    console.close()


def test_feedback_screens_have_no_axe_violations(live_server: Site, browser: Browser) -> None:
    workshop = create_workshop_http(live_server, kit=KIT)
    console = start_workshop(workshop)
    phone = join(browser, workshop.join_url, bypass_csp=True)
    projector = watched(big_page(browser, bypass_csp=True))
    projector.goto(workshop.projector_url)
    facilitator = watched(big_page(browser, bypass_csp=True))
    login(facilitator, live_server)
    facilitator.goto(workshop.console_url)
    expect(step(phone).locator(".fb-text")).to_have_text(FIRST)
    choose(phone, "Ei samaa eikä eri mieltä")
    expect(step(phone).locator(".fb-text")).to_have_text(SECOND)
    expect(projector.locator(".fb-pj-count")).to_have_text("1 on vastannut")
    expect(facilitator.locator(".fb-cx-progress li").first).to_contain_text("1 vastaus")
    for page in (phone, projector, facilitator):
        assert axe_check(page) == [], page.url
    # The open question step and one's own answers.
    for _ in range(7):
        phone.locator(".fb-next").click()
    expect(step(phone).locator("textarea")).to_be_visible()
    assert axe_check(phone) == []
    console.act("phase.reveal", {"on": True})
    expect(projector.locator(".fb-pj-row").first).to_be_visible()
    expect(phone.locator(".fb-results")).to_be_visible()
    expect(facilitator.locator(".fb-cx-results li").first).to_be_visible()
    for page in (phone, projector, facilitator):
        assert axe_check(page) == [], page.url
        assert errors_of(page) == []
    console.close()
