"""The minutes page in a real Chromium: the formatted-text editor writes the same Markdown, a
Markdown mode, live preview under the CSP, decisions always in the text, regenerated text
offered section by section, and axe in fi, sv and en."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.browser.conftest import (
    CreatedWorkshop,
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
    screenshot,
    start_workshop,
)

pytestmark = pytest.mark.browser


def _ended(site: Site, title: str) -> CreatedWorkshop:
    workshop = create_workshop_http(site, title=title)
    console = start_workshop(workshop)
    console.act("workshop.end")
    console.close()
    return workshop


def _stored(site: Site, workshop: CreatedWorkshop) -> str:
    return str(site.query("select body from minutes where workshop_id = ?", workshop.id)[0][0])


def _watch(page: Page) -> list[str]:
    """Console errors (a CSP refusal is one), page errors and failed requests."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{message.text} {message.location.get('url')}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: problems.append(r.url) if r.status >= 400 else None)
    return problems


def test_formatted_editor_writes_markdown_and_keeps_everything(
    live_server: Site, browser: Browser
) -> None:
    workshop = _ended(live_server, "Muistiotesti")
    url = f"{workshop.console_url}/minutes?lang=en"
    generated = _stored(live_server, workshop)
    page = big_page(browser, locale="en-GB")
    problems = _watch(page)
    try:
        login(page, live_server)
        page.goto(url)
        expect(page.locator("#minutes-form")).to_have_attribute("data-editor", "ready")
        expect(page.locator("#body")).to_be_hidden()  # no raw Markdown needed
        doc = page.get_by_role("textbox", name="Minutes text")
        expect(doc.locator("h1")).to_contain_text("Muistiotesti")
        # Opening and saving without a change leaves the stored text exactly as it was.
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        assert _stored(live_server, workshop) == generated

        # Write a new section as in a word processor: heading, text, bold, a list.
        doc.locator("h1").click()
        page.keyboard.press("End")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Subheading").click()
        page.keyboard.type("Huomioita salista")
        page.keyboard.press("Enter")
        page.keyboard.type("Tärkein asia")
        page.keyboard.press("Shift+Home")
        page.get_by_role("button", name="Bold").click()
        page.keyboard.press("End")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Bulleted list").click()
        page.keyboard.type("ensimmäinen kohta")
        preview = page.locator("#minutes-preview")
        expect(preview.locator("h3")).to_contain_text("Huomioita salista", timeout=10_000)
        expect(preview.locator("li", has_text="ensimmäinen kohta")).to_be_visible()
        expect(preview.locator("strong", has_text="Tärkein asia")).to_be_visible()
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        expect(page.locator(".flashes")).to_contain_text("saved")
        stored = _stored(live_server, workshop)
        assert "### Huomioita salista" in stored
        assert "**Tärkein asia**" in stored
        assert "ensimmäinen kohta" in stored
        assert "Muistiotesti" in stored and "## Päätökset" in stored  # the rest is kept

        # Markdown mode is still there, and the formatted view reads what was typed there.
        page.get_by_role("button", name="Markdown", exact=True).click()
        box = page.locator("#body")
        expect(box).to_be_visible()
        box.fill(box.input_value().replace("ensimmäinen kohta", "muutettu kohta"))
        page.get_by_role("button", name="Formatted text").click()
        expect(doc.locator("li", has_text="muutettu kohta")).to_be_visible()

        # A decision after the edit goes into its section at once; nothing waits beside it.
        page.locator("#decisions").fill("Kokeillaan yhtä luukkua")
        page.get_by_role("button", name="Save decisions and next steps").click()
        page.wait_for_load_state()
        expect(doc.locator("li", has_text="Kokeillaan yhtä luukkua")).to_be_visible()
        expect(page.get_by_role("button", name="Accept this section")).to_have_count(0)
        screenshot(page, "minutes-page")
        assert problems == []
    finally:
        page.context.close()


def test_regenerated_text_is_offered_section_by_section(
    live_server: Site, browser: Browser
) -> None:
    workshop = _ended(live_server, "Osiotesti")
    url = f"{workshop.console_url}/minutes?lang=en"
    page = big_page(browser, locale="en-GB")
    problems = _watch(page)
    try:
        login(page, live_server)
        page.goto(url)
        page.get_by_role("button", name="Markdown", exact=True).click()
        box = page.locator("#body")
        box.fill(box.input_value().replace("## Päätökset", "Oma huomio.\n\n## Päätökset"))
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_load_state()
        _rename(live_server, workshop, "Osiotesti, uusi nimi")
        page.get_by_role("button", name="Write the minutes again").click()
        page.wait_for_load_state()
        offer = page.locator("article.offer")
        expect(offer).to_have_count(1)
        expect(offer.locator(".offer-text h1").last).to_have_text("Osiotesti, uusi nimi")
        offer.get_by_role("button", name="Accept this section").click()
        page.wait_for_load_state()
        expect(page.locator("article.offer")).to_have_count(0)
        stored = _stored(live_server, workshop)
        assert stored.startswith("# Osiotesti, uusi nimi") and "Oma huomio." in stored
        assert problems == []
    finally:
        page.context.close()


def _rename(site: Site, workshop: CreatedWorkshop, title: str) -> None:
    """Change the workshop's data behind the page (as a later edit of the workshop would)."""
    with sqlite3.connect(site.db_path, timeout=10) as conn:
        conn.execute("update workshops set title = ? where id = ?", (title, workshop.id))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_minutes_page_passes_axe(live_server: Site, browser: Browser, lang: str) -> None:
    """With the formatted editor mounted, with a section on offer, and in Markdown mode."""
    workshop = _ended(live_server, f"Saavutettavuus {lang}")
    checked = big_page(browser, locale="en-GB", bypass_csp=True)
    try:
        login(checked, live_server)
        url = f"{workshop.console_url}/minutes?lang={lang}"
        checked.goto(url)
        expect(checked.locator("#minutes-form")).to_have_attribute("data-editor", "ready")
        checked.locator("#body").evaluate(
            "(box, text) => { box.value = text; }", "# Oma\n\nTeksti.\n"
        )
        checked.locator("#minutes-form button[value=save]").click()
        checked.wait_for_load_state()
        _rename(live_server, workshop, f"Saavutettavuus {lang} 2")
        checked.locator("form[action$='/regenerate'] button[type=submit]").click()
        checked.wait_for_load_state()
        expect(checked.locator("article.offer").first).to_be_visible()
        expect(checked.locator("#minutes-form")).to_have_attribute("data-editor", "ready")
        assert axe_check(checked) == []
        checked.locator("#editor-modes button[data-mode=markdown]").click()
        assert axe_check(checked) == []
        checked.locator("#editor-modes button[data-mode=rich]").click()
    finally:
        checked.context.close()
