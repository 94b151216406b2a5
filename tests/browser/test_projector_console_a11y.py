"""axe-core (WCAG 2.2 A/AA rules) finds nothing on the projector and the console, in Finnish
and English: lobby, a running brainstorm with groups and notes, and the revealed vote."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import (
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
    screenshot,
)


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
    for text in ("Palveluohjauksen kehittämistarpeet näkyviksi", "Selkokieliset ohjeet"):
        console.fill("#cx-scribe-text", text)
        console.locator("form.cx-scribe button[type=submit]").click()
        expect(console.locator(".cx-note", has_text=text)).to_be_visible()
    console.fill("#cx-group-new", "Saavutettavuus")
    console.locator("form.cx-group-form button[type=submit]").click()
    expect(console.locator(".cx-groups input")).to_have_count(1)
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
