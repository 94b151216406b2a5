"""axe-core finds no WCAG 2.x A/AA violations on the phone's join and room pages (fi and en).

axe is injected as an inline script, which the app's CSP forbids, so these pages are opened in
contexts with bypass_csp=True; that is the only difference from a real phone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    Site,
    axe_check,
    create_workshop_http,
    phone_page,
    screenshot,
    start_workshop,
)

pytestmark = pytest.mark.browser


def assert_clean(page: Page, where: str) -> None:
    """No violations; the message lists them readably."""
    violations = axe_check(page)
    detail = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in violations
    )
    assert not violations, f"{where}:\n{detail}"


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_join_and_room_pages_have_no_axe_violations(
    live_server: Site, browser: Browser, lang: str
) -> None:
    workshop = create_workshop_http(live_server, title="Palveluohjauksen kehittämistarpeet")
    page = phone_page(browser, bypass_csp=True)
    console = start_workshop(workshop)
    try:
        console.act("note.add", {"text": "Kirjurin kirjoittama ajatus"})  # someone else's note
        page.goto(f"{workshop.join_url}?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        page.locator("details.about-me summary").click()
        assert_clean(page, f"join ({lang})")

        page.locator("form.join-form > button[type=submit]").click()
        page.wait_for_url(re.compile(r"/w/"))
        page.fill("#note-text", "Oma ajatus")
        page.locator("button.send").click()
        expect(page.locator(".mine-list .note-state.saved")).to_have_count(1)
        expect(page.locator(".others-list > li")).to_have_count(1)
        page.wait_for_timeout(300)  # let the arrival animation finish (contrast is measured)
        assert_clean(page, f"room, brainstorm ({lang})")

        for i in range(3):
            console.act("note.add", {"text": f"Ajatus {i}"})
        console.act("phase.next")
        expect(page.locator(".vote-item")).to_have_count(5)
        page.locator(".vote-item button.plus").first.click()
        expect(page.locator(".vote-item .vote-count").first).to_contain_text("1")
        console.act("phase.reveal", {"on": True})
        expect(page.locator(".results > li")).to_have_count(5)
        page.wait_for_timeout(300)
        assert_clean(page, f"room, dot voting ({lang})")
    finally:
        console.close()
        page.context.close()


def test_code_page_has_no_axe_violations(live_server: Site, browser: Browser) -> None:
    page = phone_page(browser, bypass_csp=True)
    try:
        page.goto(f"{live_server.url}/j?lang=en")
        page.fill("input[name=code]", "nope")
        page.locator("button[type=submit]").click()
        expect(page.get_by_role("alert")).to_be_visible()
        assert_clean(page, "code page with an error")
    finally:
        page.context.close()


def test_pages_reflow_at_200_percent_zoom(live_server: Site, browser: Browser) -> None:
    """360 px at 200 % zoom is a 180 px wide layout: nothing may need sideways scrolling."""
    workshop = create_workshop_http(live_server, title="Palveluohjauksenkehittämistarpeet")
    console = start_workshop(workshop)
    console.act("note.add", {"text": "Työllisyyspalvelujenyhteensovittamisen haasteet " * 3})
    page = phone_page(browser)
    page.set_viewport_size({"width": 180, "height": 370})
    overflow = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    try:
        page.goto(f"{workshop.join_url}?lang=fi")
        page.locator("details.about-me summary").click()
        assert page.evaluate(overflow) <= 0
        page.locator("form.join-form > button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/w/"))
        expect(page.locator(".others-list > li")).to_have_count(1)
        page.fill("#note-text", "Asiakasosallisuudenvahvistamismahdollisuudet")
        page.locator("button.send").click()
        expect(page.locator(".mine-list .note-state.saved")).to_have_count(1)
        assert page.evaluate(overflow) <= 0
        screenshot(page, "phone-zoom-200")
    finally:
        console.close()
        page.context.close()


def test_reduced_motion_and_visible_focus(live_server: Site, browser: Browser) -> None:
    page = phone_page(browser)
    try:
        page.goto(f"{live_server.url}/j?lang=fi")
        duration = """() => {
            const el = document.createElement('div');
            el.className = 'arrive';
            document.body.append(el);
            const value = parseFloat(getComputedStyle(el).animationDuration);
            el.remove();
            return value;
        }"""
        assert page.evaluate(duration) > 0.1
        page.emulate_media(reduced_motion="reduce")
        assert page.evaluate(duration) < 0.01

        page.keyboard.press("Tab")
        outline = page.evaluate(
            "() => { const a = document.activeElement; const s = getComputedStyle(a);"
            " return [a.tagName, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        assert outline[0] == "A" and outline[1] == "solid" and outline[2] >= 2, outline
        assert page.evaluate("() => getComputedStyle(document.body).fontSize") == "16px"
    finally:
        page.context.close()
