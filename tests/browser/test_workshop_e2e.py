"""The whole workshop in real browsers: a facilitator, the big screen and two phones.

The facilitator logs in and creates a workshop through the UI; the projector shows the QR code
and the join code; two phones join through /j/<code> and write notes that appear live on the
projector; the facilitator starts the vote, both phones vote, the facilitator reveals and the
projector shows the ranking; a hidden item vanishes from the projector and the phones; the
projector survives the server being killed and started again.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Site, big_page, login, phone_page, screenshot

IDEAS = ("Matala kynnys palveluihin", "Yksi yhteyshenkilö koko polun ajan")


def strings(page: Page) -> dict[str, str]:
    """The page's own translated script strings (so checks do not depend on the language)."""
    return dict(page.evaluate("() => JSON.parse(document.getElementById('i18n').textContent)"))


def join(browser: Browser, site: Site, code: str) -> Page:
    """A phone scans the QR code (opens /j/<code>) and presses Join."""
    phone = phone_page(browser)
    phone.goto(f"{site.url}/j/{code}")
    phone.locator("form.join-form > button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/w/"))
    return phone


def write_note(phone: Page, text: str) -> None:
    """Write one note and wait until the phone shows it saved in its own list."""
    phone.fill("#note-text", text)
    phone.locator("form.compose button[type=submit]").click()
    expect(phone.locator(".mine-list")).to_contain_text(text)


def vote_for(phone: Page, text: str) -> None:
    """Give one vote to the item with this text."""
    row = phone.locator(".vote-items > li", has_text=text)
    row.locator("button.plus").click()
    expect(row.locator(".vote-count")).to_contain_text("1")


def test_whole_workshop(live_server: Site, browser: Browser) -> None:
    """Create → project → join → write → vote → reveal → moderate, all live."""
    console = big_page(browser)
    login(console, live_server)

    # Create the workshop through the form on the home page.
    console.select_option("#kit", "demo")
    console.fill("#title", "Palveluohjauksen kehittämistarpeet")
    console.fill("#place", "Kuopio")
    console.locator("form[action='/'] button[type=submit]").click()
    console.wait_for_url(re.compile(r"/console/\d+$"))
    code = console.locator(".cx-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    projector_url = console.locator("a[href^='/p/']").first.get_attribute("href")
    assert projector_url

    # The big screen: the QR image loads and the code is readable.
    projector = big_page(browser)
    projector.goto(f"{live_server.url}{projector_url}")
    qr = projector.locator(".pj-lobby img.pj-qr")
    expect(qr).to_be_visible()
    projector.wait_for_function(
        "() => { const i = document.querySelector('.pj-lobby img.pj-qr');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    expect(projector.locator(".pj-lobby .pj-code")).to_have_text(code)
    expect(projector.locator(".pj-lobby .pj-lobby-title")).to_have_text(
        "Palveluohjauksen kehittämistarpeet"
    )

    # Two phones join; the console and the projector count them.
    phones = [join(browser, live_server, code), join(browser, live_server, code)]
    expect(console.locator("#cx-people")).to_contain_text("2")
    expect(projector.locator(".pj-lobby .pj-people")).to_contain_text("2")

    # Start; both phones write; the projector shows the notes live, with no names.
    console.locator("#cx-start").click()
    expect(projector.locator(".pj-phase")).to_be_visible()
    for phone, text in zip(phones, IDEAS, strict=True):
        write_note(phone, text)
    wall = projector.locator(".pj-wall")
    for text in IDEAS:
        expect(wall.locator(".pj-note-text", has_text=text)).to_be_visible()
    expect(phones[0].locator(".others-list")).to_contain_text(IDEAS[1])
    # A "+1" from the first phone shows on the card as a symbol and a number.
    phones[0].locator(".others-list li", has_text=IDEAS[1]).locator("button.plus").click()
    plus = wall.locator(".pj-note", has_text=IDEAS[1]).locator(".pj-plus")
    expect(plus).to_contain_text("+1")
    screenshot(projector, "e2e-projector-notes")

    # The vote: both phones give their vote to the first idea.
    console.locator("#cx-next").click()
    expect(projector.locator(".pj-vote-title")).to_be_visible()
    expect(projector.locator(".pj-ranking")).to_have_count(0)
    for phone in phones:
        vote_for(phone, IDEAS[0])
    first_item = console.locator(".cx-item", has_text=IDEAS[0])
    expect(first_item.locator(".cx-item-votes")).to_contain_text("2")

    # Reveal: the ranking appears on the projector with rank, bar and number.
    console.locator("#cx-reveal").click()
    ranking = projector.locator(".pj-ranking .pj-rank")
    expect(ranking).to_have_count(2)
    expect(ranking.first).to_contain_text(IDEAS[0])
    expect(ranking.first.locator(".pj-rank-number")).to_have_text("1.")
    expect(ranking.first.locator(".pj-rank-votes")).to_contain_text("2")
    expect(ranking.nth(1).locator(".pj-rank-number")).to_have_text("2.")
    width = ranking.first.locator(".pj-bar-fill").evaluate("el => el.style.width")
    assert width == "100%", width
    screenshot(projector, "e2e-projector-ranking")

    # Moderation: the facilitator hides the second item; it vanishes from every screen.
    console.locator(".cx-item", has_text=IDEAS[1]).locator("button.cx-hide").click()
    expect(ranking).to_have_count(1)
    expect(projector.locator(".pj-main")).not_to_contain_text(IDEAS[1])
    for phone in phones:
        expect(phone.locator(".vote-items")).not_to_contain_text(IDEAS[1])
        expect(phone.locator("#stage")).not_to_contain_text(IDEAS[1])
    expect(console.locator(".cx-item.is-hidden", has_text=IDEAS[1])).to_be_visible()
    # Nothing private on the big screen: the phones' labels never appear there.
    assert "#1" not in projector.locator(".pj").inner_text()

    # The laptop's server dies: the big screen keeps its picture and says it is reconnecting;
    # when the server is back, it catches up by itself.
    offline = projector.locator(".pj-offline")
    expect(offline).to_be_hidden()
    live_server.server.kill()
    expect(offline).to_be_visible()
    expect(ranking).to_have_count(1)
    live_server.server.start()
    expect(offline).to_be_hidden(timeout=15_000)
    expect(ranking).to_have_count(1)
    expect(ranking.first).to_contain_text(IDEAS[0])

    for page in (console, projector, *phones):
        page.context.close()
