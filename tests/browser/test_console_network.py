"""The real server with a stubbed list of network interfaces (a sitecustomize module replaces
ifaddr's answer in the server process): `serve` names the networks or says phones cannot reach
the machine; the console offers the choice or the warning, passes axe in fi, sv and en, and the
chosen network's address goes into the join address and the QR code.

No traffic goes to the stubbed addresses: pages are opened at 127.0.0.1 only."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import (
    PASSWORD,
    USERNAME,
    Site,
    axe_check,
    big_page,
    create_workshop_http,
    login,
)
from tests.support.server import LiveServer

pytestmark = pytest.mark.browser

STUB = """
import json, os
_spec = os.environ.get("FACILITATOR_TEST_INTERFACES")
if _spec:
    import ifaddr

    _adapters = [
        ifaddr.Adapter(a["name"], a["name"], [ifaddr.IP(ip, 24, a["name"]) for ip in a["ips"]])
        for a in json.loads(_spec)
    ]
    ifaddr.get_adapters = lambda include_unconfigured=False: list(_adapters)
"""

SEVERAL = [
    {"name": "lo", "ips": ["127.0.0.1"]},
    {"name": "wlp2s0", "ips": ["192.168.1.23"]},
    {"name": "enp0s31f6", "ips": ["10.20.30.40"]},
]
NONE = [{"name": "lo", "ips": ["127.0.0.1"]}]


def _server(tmp: Path, interfaces: list[dict[str, object]]) -> LiveServer:
    hook = tmp / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(STUB)
    server = LiveServer(
        tmp / "data",
        env={
            "FACILITATOR_PUBLIC_URL": "",  # the interfaces decide
            "FACILITATOR_TEST_INTERFACES": json.dumps(interfaces),
            "PYTHONPATH": str(hook),
        },
    )
    server.create_user(USERNAME, PASSWORD)
    server.start()
    return server


@pytest.fixture(scope="module")
def several(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server on a laptop with Wi-Fi and a cable."""
    server = _server(tmp_path_factory.mktemp("several"), SEVERAL)
    try:
        yield Site(server)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server on a laptop with no network at all."""
    server = _server(tmp_path_factory.mktemp("offline"), NONE)
    try:
        yield Site(server)
    finally:
        server.stop()


def test_serve_names_the_networks(several: Site) -> None:
    log = several.server.log()
    port = several.server.port
    assert f"Phones on this Wi-Fi: http://192.168.1.23:{port}/j" in log
    assert "10.20.30.40 (enp0s31f6)" in log
    assert "127.0.0.1:" not in log.split("Phones on this Wi-Fi:")[1].splitlines()[0]


def test_serve_says_phones_cannot_reach_an_offline_laptop(offline: Site) -> None:
    log = offline.server.log()
    assert "Phones cannot reach this computer" in log
    assert "same Wi-Fi" in log and "FACILITATOR_PUBLIC_URL" in log


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_network_choice_passes_axe(several: Site, browser: Browser, lang: str) -> None:
    workshop = create_workshop_http(several)
    page = big_page(browser, bypass_csp=True)
    try:
        login(page, several)
        page.goto(f"{workshop.console_url}?lang={lang}")
        expect(page.locator("#cx-network")).to_be_visible()
        assert axe_check(page) == []
    finally:
        page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_offline_warning_passes_axe(offline: Site, browser: Browser, lang: str) -> None:
    workshop = create_workshop_http(offline)
    page = big_page(browser, bypass_csp=True)
    try:
        login(page, offline)
        page.goto(f"{workshop.console_url}?lang={lang}")
        expect(page.locator("#cx-reach")).to_be_visible()
        assert axe_check(page) == []
    finally:
        page.context.close()


def test_choosing_the_rooms_network_moves_the_qr(several: Site, browser: Browser) -> None:
    workshop = create_workshop_http(several)
    port = several.server.port
    page = big_page(browser, locale="en-GB")
    try:
        login(page, several)
        page.goto(f"{workshop.console_url}?lang=en")
        join = page.locator(".cx-join-url a")
        expect(join).to_have_text(f"http://192.168.1.23:{port}/j/{workshop.code}")
        page.get_by_label("Network of the room’s Wi-Fi").select_option("10.20.30.40")
        page.get_by_role("button", name="Use this network").click()
        page.wait_for_load_state()
        expect(page.get_by_text("Phones now join at 10.20.30.40.")).to_be_visible()
        expect(join).to_have_text(f"http://10.20.30.40:{port}/j/{workshop.code}")
        projector = page.context.new_page()
        projector.goto(workshop.projector_url)
        expect(projector.locator("body")).to_contain_text(f"10.20.30.40:{port}/j")
        html = projector.content()
        assert not re.search(r"127\.0\.0\.1:\d+/j\b", html)
    finally:
        page.context.close()
