"""The minutes page in a real Chromium: live preview under the CSP, save, accessibility."""

from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, expect

from tests.browser.conftest import (
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
    screenshot,
    start_workshop,
)


def test_minutes_page_previews_saves_and_passes_axe(live_server: Site, browser: Browser) -> None:
    """After the end the minutes are there; typing updates the preview; saving keeps the text;
    personal data is flagged; a regenerated text waits beside the edits; axe finds nothing."""
    workshop = create_workshop_http(live_server, title="Muistiotesti")
    console = start_workshop(workshop)
    console.act("workshop.end")
    console.close()
    url = f"{workshop.console_url}/minutes?lang=en"

    page = big_page(browser, locale="en-GB")
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{message.text} {message.location.get('url')}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    try:
        login(page, live_server)
        page.goto(url)
        body = page.locator("#body")
        assert body.input_value().startswith("# Muistiotesti")
        body.fill("# Muokattu muistio\n\n- **Paikka:** Sali\n\n> Osallistujan sanat\n")
        preview = page.locator("#minutes-preview")
        expect(preview.locator("h1")).to_have_text("Muokattu muistio", timeout=10_000)
        expect(preview.locator("dl.facts dt")).to_have_text("Paikka")
        expect(preview.locator("figure.quote blockquote")).to_contain_text("Osallistujan sanat")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        expect(page.locator(".flashes")).to_contain_text("saved")
        assert page.locator("#body").input_value().startswith("# Muokattu muistio")
        # Personal data in the text: a warning with the number masked.
        page.locator("#body").fill("# Muokattu muistio\n\nSoita 040 123 4567.\n")
        page.get_by_role("button", name="Save", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("040 *** **67")
        # A decision after the edit: the regenerated text is shown beside, the edit stays.
        page.locator("#decisions").fill("Kokeillaan yhtä luukkua")
        page.get_by_role("button", name="Save decisions and next steps").click()
        expect(page.locator("textarea.proposed")).to_contain_text("Kokeillaan yhtä luukkua")
        assert "Soita 040 123 4567." in page.locator("#body").input_value()
        screenshot(page, "minutes-page")
        # The browser asks for /favicon.ico by itself; that is not this page's concern.
        problems = [p for p in problems if not p.endswith("/favicon.ico")]
        assert problems == [], (problems, missing)
    finally:
        page.context.close()

    checked = big_page(browser, locale="en-GB", bypass_csp=True)
    try:
        login(checked, live_server)
        checked.goto(url)
        violations = axe_check(checked)
        assert violations == [], violations
    finally:
        checked.context.close()
