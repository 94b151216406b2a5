"""Shared browser fixtures: a real server, a real Chromium, and helpers in user roles.

``live_server`` runs ``facilitator serve`` (gevent) on a temporary data folder with one
facilitator account; ``browser`` is one headless Chromium for the whole session. Helpers open
phone- and projector-sized pages, log in, create a workshop over HTTP, drive the workshop as the
facilitator over a real socket, and run axe-core.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from facilitator.methods.registry import build_registry
from tests.support.server import LiveServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
KITS = Path(__file__).resolve().parent / "kits"  # extra kits for browser tests

USERNAME = "fasilitaattori"
PASSWORD = "browser-test-password"

PHONE = {"width": 360, "height": 740}
BIG = {"width": 1920, "height": 1080}
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder drives a browser."""
    del config
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class Site:
    """A running server with one facilitator account."""

    server: LiveServer
    username: str = USERNAME
    password: str = PASSWORD
    _http: requests.Session | None = field(default=None, repr=False)

    def http(self) -> requests.Session:
        """The facilitator's logged-in requests session (logs in once per server: the log-in
        form is rate limited per address)."""
        if self._http is None:
            self._http = http_login(self)
        return self._http

    @property
    def url(self) -> str:
        """Base URL (loopback)."""
        return self.server.url

    @property
    def db_path(self) -> Path:
        """The server's SQLite database file."""
        return self.server.data_dir / "facilitator.db"

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read the server's database directly (read-only checks in tests)."""
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=10) as conn:
            return list(conn.execute(sql, params).fetchall())


@pytest.fixture(scope="package")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real server (gevent, SQLite) on a temporary data folder, with a facilitator account.

    Package-scoped (starting a server costs seconds): every browser test shares it, each with
    its own workshop. Do not stop or kill it in a test; start your own LiveServer for that.
    Join attempts are not rate limited here (many phones join from 127.0.0.1 within a minute);
    the kits in tests/browser/kits and every method's example kit are offered besides the
    bundled ones.
    """
    data = tmp_path_factory.mktemp("live")
    kits = tmp_path_factory.mktemp("kits")
    for path in KITS.glob("*.yaml"):
        shutil.copy(path, kits / path.name)
    for method in build_registry():  # every method's example kit, for the contract tests
        assert method.folder is not None
        shutil.copy(method.folder / "kit.example.yaml", kits / f"example-{method.id}.yaml")
    server = LiveServer(
        data,
        async_mode="gevent",
        env={"FACILITATOR_JOIN_RATE": "10000 per minute", "FACILITATOR_KITS_DIR": str(kits)},
    )
    server.create_user(USERNAME, PASSWORD)
    server.start()
    try:
        yield Site(server)
    finally:
        server.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the browser tests.

    Package-scoped, not session-scoped: Playwright's sync API keeps an asyncio loop running in
    the main thread while it is open, and later tests that call asyncio.run() (the live tests)
    would fail if it outlived this folder."""
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    # Script errors are printed (pytest shows them with a failure) and kept on the context, so a
    # test can assert that a screen loaded clean.
    errors: list[str] = []
    context.script_errors = errors  # type: ignore[attr-defined]
    failed: list[str] = []  # responses with an error status, as "status url"
    context.failed_responses = failed  # type: ignore[attr-defined]

    def watch(page: Page) -> None:
        def on_console(message: Any) -> None:
            # A failed request is reported as a console error too; those are in failed_responses.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                errors.append(message.text)
                print(f"[browser console error] {page.url}: {message.text}")

        def on_response(response: Any) -> None:
            if response.status >= 400:
                failed.append(f"{response.status} {response.url}")

        def on_error(error: Any) -> None:
            errors.append(str(error))
            print(f"[browser page error] {page.url}: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_error)
        page.on("response", on_response)

    context.on("page", watch)
    return context


def phone_page(browser: Browser, *, locale: str = "fi-FI", bypass_csp: bool = False) -> Page:
    """A new phone (own cookies and storage) at 360×740 with touch; close with page.context."""
    context = _context(
        browser,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale=locale,
        bypass_csp=bypass_csp,
    )
    return context.new_page()


def big_page(browser: Browser, *, locale: str = "fi-FI", bypass_csp: bool = False) -> Page:
    """A new laptop/projector-sized page at 1920×1080 (own cookies and storage)."""
    context = _context(browser, viewport=BIG, locale=locale, bypass_csp=bypass_csp)
    return context.new_page()


def login(page: Page, site: Site) -> None:
    """Log the page's browser context in as the facilitator and open the console home.

    Reuses the session of the one real form log-in per server (``Site.http``): the log-in form
    allows 10 attempts a minute per address. ``login_form`` goes through the form itself.
    """
    session = site.http()
    page.context.add_cookies(
        [{"name": c.name, "value": c.value or "", "url": site.url} for c in session.cookies]
    )
    page.goto(f"{site.url}/")
    assert "/login" not in page.url, "the facilitator session was not accepted"


def login_form(page: Page, site: Site) -> None:
    """Log in through the login form, as a person would."""
    page.goto(f"{site.url}/login")
    page.fill("input[name=username]", site.username)
    page.fill("input[name=password]", site.password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def csrf_token(html: str) -> str:
    """The CSRF token from a rendered form."""
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert found, "no csrf_token in the page"
    return found.group(1)


def http_login(site: Site) -> requests.Session:
    """A requests session logged in as the facilitator (login form with its CSRF token)."""
    session = requests.Session()
    page = session.get(f"{site.url}/login", timeout=10)
    response = session.post(
        f"{site.url}/login",
        data={
            "csrf_token": csrf_token(page.text),
            "username": site.username,
            "password": site.password,
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return session


@dataclass
class CreatedWorkshop:
    """A workshop made over HTTP, with the logged-in session that owns it."""

    id: int
    code: str
    projector_token: str
    session: requests.Session
    site: Site

    @property
    def join_url(self) -> str:
        """The address the QR opens."""
        return f"{self.site.url}/j/{self.code}"

    @property
    def room_url(self) -> str:
        """The phone's workshop screen."""
        return f"{self.site.url}/w/{self.code}"

    @property
    def projector_url(self) -> str:
        """The projector page (token in the URL)."""
        return f"{self.site.url}/p/{self.id}/{self.projector_token}"

    @property
    def console_url(self) -> str:
        """The facilitator's live console."""
        return f"{self.site.url}/console/{self.id}"


def create_workshop_http(
    site: Site, *, kit: str = "demo", title: str = "", place: str = "", locale: str = "fi"
) -> CreatedWorkshop:
    """Log in with requests and POST the console's create form on "/".

    The join code and projector token are then read from the server's database (the console
    page that shows them is not needed for this).
    """
    session = site.http()
    token = csrf_token(session.get(f"{site.url}/login", timeout=10).text)
    response = session.post(
        f"{site.url}/",
        data={"csrf_token": token, "kit": kit, "title": title, "place": place, "locale": locale},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    found = re.search(r"/console/(\d+)", response.headers["Location"])
    assert found, response.headers["Location"]
    workshop_id = int(found.group(1))
    rows = site.query("SELECT join_code, projector_token FROM workshops WHERE id = ?", workshop_id)
    assert rows, f"workshop {workshop_id} not in the database"
    code, projector_token = rows[0]
    return CreatedWorkshop(workshop_id, code, projector_token, session, site)


@dataclass
class Console:
    """The facilitator's socket for one workshop (python-socketio client, real transport)."""

    workshop: CreatedWorkshop
    client: socketio.Client = field(default_factory=lambda: socketio.Client(reconnection=False))
    snapshot: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    def connect(self) -> Console:
        """Connect with the facilitator's session cookie and wait for the snapshot."""
        self.client.on("snapshot", self._on_snapshot)
        self.client.on("ev", self.events.append)
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.workshop.session.cookies)
        self.client.connect(
            self.workshop.site.url,
            headers={"Cookie": cookies},
            auth={"workshop": self.workshop.id, "role": "facilitator"},
            transports=["websocket"],
            wait_timeout=10,
        )
        self.sync()
        return self

    def _on_snapshot(self, data: dict[str, Any]) -> None:
        self.snapshot = data

    def sync(self) -> dict[str, Any]:
        """A fresh snapshot."""
        ack = self.client.call("sync", {}, timeout=10)
        assert ack and ack.get("ok"), ack
        self.snapshot = ack["data"]
        return self.snapshot

    def act(self, type_: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one action on the current phase; returns the ack's data (asserts ok)."""
        envelope: dict[str, Any] = {"op": uuid.uuid4().hex, "type": type_, "data": data or {}}
        phase = (self.snapshot.get("phase") or {}).get("id")
        if phase is not None:
            envelope["phase"] = phase
        ack = self.client.call("act", envelope, timeout=10)
        assert isinstance(ack, dict) and ack.get("ok"), ack
        self.sync()
        return dict(ack.get("data") or {})

    def notes(self) -> list[dict[str, Any]]:
        """The notes of the current phase as the facilitator sees them (brainstorm view)."""
        view = self.sync().get("view") or {}
        return list(view.get("notes") or [])

    def close(self) -> None:
        """Disconnect."""
        if self.client.connected:
            self.client.disconnect()


def console_socket(workshop: CreatedWorkshop) -> Console:
    """The facilitator's live socket for ``workshop``; call .close() when done."""
    return Console(workshop).connect()


def start_workshop(workshop: CreatedWorkshop, *, phase: int = 0) -> Console:
    """Start the workshop and go to phase ``phase``; returns the open console socket."""
    console = console_socket(workshop)
    console.act("workshop.start")
    if phase:
        console.act("phase.goto", {"index": phase})
    return console


def axe_check(page: Page, *, disable: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Run axe-core (WCAG 2.x A/AA rules) on the page and return its violations.

    ``add_script_tag(path=…)`` injects the file's content as an inline script, which the app's
    CSP (script-src 'self') blocks; pages checked with axe therefore come from a context made
    with ``bypass_csp=True`` (phone_page/big_page(..., bypass_csp=True)), used for axe only.
    """
    # Colours are judged as people see them at rest: an element caught half-way through its
    # fade-in would be measured at a blended colour, so running animations are finished first.
    page.evaluate("() => document.getAnimations().forEach((a) => a.finish())")
    page.add_script_tag(path=str(AXE))
    loaded = page.evaluate("() => typeof window.axe !== 'undefined'")
    assert loaded, "axe-core did not load: open the page with bypass_csp=True for axe checks"
    result = page.evaluate(
        """async (disabled) => {
            const rules = {};
            for (const id of disabled) rules[id] = {enabled: false};
            const r = await window.axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                 'wcag22aa']},
                rules,
            });
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary}))}));
        }""",
        list(disable),
    )
    return list(result)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (git-ignored) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
