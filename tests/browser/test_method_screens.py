"""The browser half of the method contract: every registered method's three screens load in
Chromium without script errors or failed requests, and axe-core finds nothing, in fi and en.

Generated from the registry (every installed method), on each method's example kit.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from facilitator.methods.registry import build_registry
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
from tests.contract.conftest import example_kit_id

METHODS = build_registry().ids()


def phase_index(method_id: str) -> int:
    """The first phase of the example kit that runs the method."""
    import yaml

    folder = build_registry().get(method_id).folder
    assert folder is not None
    kit = yaml.safe_load((folder / "kit.example.yaml").read_text(encoding="utf-8"))
    return next(i for i, p in enumerate(kit["phases"]) if p["method"] == method_id)


def clean(page: Page, where: str) -> None:
    """No script errors, no failed requests (a missing favicon aside), no axe violations."""
    context: Any = page.context
    assert context.script_errors == [], f"{where}: {context.script_errors}"
    failed = [f for f in context.failed_responses if not f.endswith("/favicon.ico")]
    assert failed == [], f"{where}: {failed}"
    violations = axe_check(page)
    detail = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in violations
    )
    assert not violations, f"{where}:\n{detail}"


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("method_id", METHODS)
def test_the_three_screens_load_clean(
    live_server: Site, browser: Browser, method_id: str, lang: str
) -> None:
    workshop = create_workshop_http(
        live_server, kit=example_kit_id(method_id), title=f"Contract {method_id}", locale=lang
    )
    console = start_workshop(workshop, phase=phase_index(method_id))
    phone = phone_page(browser, bypass_csp=True, locale=lang)
    big = big_page(browser, bypass_csp=True, locale=lang)
    desk = big_page(browser, bypass_csp=True, locale=lang)
    try:
        phone.goto(f"{workshop.join_url}?lang={lang}")
        phone.locator("form.join-form > button[type=submit]").first.click()
        phone.wait_for_url(re.compile(r"/w/"))
        expect(phone.locator("#stage > *").first).to_be_attached()
        phone.wait_for_timeout(400)  # arrival animations end before colours are measured
        clean(phone, f"{method_id} phone ({lang})")

        big.goto(workshop.projector_url)
        expect(big.locator(f".pj-view-{method_id} > *").first).to_be_attached()
        big.wait_for_timeout(400)
        clean(big, f"{method_id} projector ({lang})")

        login(desk, live_server)
        desk.goto(f"{workshop.console_url}?lang={lang}")
        expect(desk.locator("#cx-method > * > *").first).to_be_attached()
        expect(desk.locator(f"#cx-preview .pj-view-{method_id} > *").first).to_be_attached()
        desk.wait_for_timeout(400)
        clean(desk, f"{method_id} console ({lang})")
        screenshot(big, f"contract-{method_id}-projector-{lang}")
    finally:
        console.close()
        for page in (phone, big, desk):
            page.context.close()
