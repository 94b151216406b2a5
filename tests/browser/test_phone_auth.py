"""The facilitator's log-in page and the error page in a real browser (laptop and phone sizes)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import Site, axe_check, big_page, login_form, phone_page, screenshot

pytestmark = pytest.mark.browser


def test_login_form_wrong_then_right(live_server: Site, browser: Browser) -> None:
    page = big_page(browser)
    try:
        page.goto(f"{live_server.url}/login?lang=en")
        page.fill("input[name=username]", live_server.username)
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        expect(page.get_by_role("alert")).to_contain_text("Wrong username or password.")
        expect(page.locator("input[name=username]")).to_have_value(live_server.username)
        screenshot(page, "login-wrong")
        login_form(page, live_server)
        assert "/login" not in page.url
    finally:
        page.context.close()


@pytest.mark.parametrize(("lang", "size"), [("fi", "phone"), ("en", "laptop")])
def test_login_and_error_pages_have_no_axe_violations(
    live_server: Site, browser: Browser, lang: str, size: str
) -> None:
    page = (phone_page if size == "phone" else big_page)(browser, bypass_csp=True)
    try:
        page.goto(f"{live_server.url}/login?lang={lang}")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert axe_check(page) == []
        response = page.goto(f"{live_server.url}/no-such-page?lang={lang}")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text(re.compile(r"\S"))
        expect(page.locator("a[href='/j']")).to_be_visible()
        assert axe_check(page) == []
    finally:
        page.context.close()
