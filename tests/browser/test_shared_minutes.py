"""After the end, minutes the facilitator shares appear on phones and on the big screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    Site,
    big_page,
    create_workshop_http,
    csrf_token,
    phone_page,
    screenshot,
    start_workshop,
)

pytestmark = pytest.mark.browser


def test_shared_minutes_reach_phone_and_projector(browser: Browser, live_server: Site) -> None:
    workshop = create_workshop_http(live_server, title="Muistiotesti")
    console = start_workshop(workshop)
    phone = phone_page(browser)
    phone.goto(workshop.join_url)
    phone.locator("form.join-form > button[type=submit]").click()
    phone.wait_for_url(re.compile(r"/w/"))
    phone.locator("textarea").first.fill("Yhteyshenkilö koko polun ajan")
    phone.locator("textarea").first.press("Control+Enter")
    expect(phone.get_by_text("Yhteyshenkilö koko polun ajan").first).to_be_visible()
    projector = big_page(browser)
    projector.goto(workshop.projector_url)
    console.act("workshop.end")
    link = phone.locator("#minutes-link")
    expect(link).to_be_hidden()

    page = workshop.session.get(f"{workshop.console_url}/minutes", timeout=10)
    response = workshop.session.post(
        f"{workshop.console_url}/minutes/share",
        data={"csrf_token": csrf_token(page.text), "shared": "on"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:300]

    expect(projector.locator(".pj-minutes .minutes-document")).to_be_visible()
    expect(projector.locator(".pj-minutes")).to_contain_text("Yhteyshenkilö koko polun ajan")
    screenshot(projector, "projector-shared-minutes")
    expect(link).to_be_visible()
    link.locator("a").click()
    expect(phone.locator(".minutes-document")).to_contain_text("Muistiotesti")
    screenshot(phone, "phone-shared-minutes")
    console.close()
