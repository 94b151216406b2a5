"""The home page and the settings page in a real browser: axe in fi, sv and en, and no request
of a first visit fails (the favicon was a 404)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Response, expect

from tests.browser.conftest import Site, axe_check, big_page, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_home_and_settings_have_no_axe_violations(
    live_server: Site, browser: Browser, lang: str
) -> None:
    page = big_page(browser, bypass_csp=True)
    try:
        login(page, live_server)
        page.goto(f"{live_server.url}/?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert axe_check(page) == []
        page.locator("a[href='/account']").click()
        expect(page.locator("h1")).to_be_visible()
        assert axe_check(page) == []
    finally:
        page.context.close()


def test_a_first_visit_has_no_failing_request(live_server: Site, browser: Browser) -> None:
    page = big_page(browser)
    failed: list[str] = []

    def check(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", check)
    try:
        page.goto(f"{live_server.url}/login")
        page.wait_for_load_state("networkidle")
        icon = page.request.get(f"{live_server.url}/favicon.ico")
        assert icon.status == 200
        assert failed == []
    finally:
        page.context.close()
