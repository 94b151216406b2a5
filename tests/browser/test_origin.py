"""A page on another port of the same host cannot open a socket as the logged-in facilitator
(issue 16, finding 1), in Chromium: the browser sends the facilitator's cookies (same site), so
only the server's Origin check stands between that page and the staff view."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Site, big_page, create_workshop_http, login

pytestmark = pytest.mark.browser

# Opens a WebSocket to the app, asks for the facilitator's seat and reports what came back;
# also tries long-polling with credentials. The result lands in window.result.
PROBE = """
(async ({ app, workshop }) => {
  const result = { opened: false, snapshotRole: null, closed: false, polled: null };
  await new Promise((done) => {
    const ws = new WebSocket(app.replace('http', 'ws') + '/socket.io/?EIO=4&transport=websocket');
    const timer = setTimeout(() => { ws.close(); done(); }, 8000);
    ws.onopen = () => { result.opened = true; };
    ws.onmessage = (event) => {
      const data = String(event.data);
      if (data.startsWith('0')) ws.send('40' + JSON.stringify({ workshop, role: 'facilitator' }));
      else if (data === '2') ws.send('3');
      else if (data.startsWith('42["snapshot"')) {
        result.snapshotRole = JSON.parse(data.slice(2))[1].role;
        clearTimeout(timer); ws.close(); done();
      }
    };
    ws.onclose = () => { result.closed = true; clearTimeout(timer); done(); };
  });
  try {
    const response = await fetch(app + '/socket.io/?EIO=4&transport=polling',
                                 { credentials: 'include' });
    result.polled = response.status;
  } catch (error) {
    result.polled = 'blocked';
  }
  return result;
})
"""


@pytest.fixture()
def other_site(tmp_path: Path) -> Iterator[str]:
    """A plain web page served from another port of 127.0.0.1 (the attacker's)."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><html lang='en'><title>Another page</title><p>Hello</p></html>"
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def _probe(page: Page, site: Site, workshop_id: int) -> dict[str, Any]:
    return dict(page.evaluate(PROBE, {"app": site.url, "workshop": workshop_id}))


def test_a_page_on_another_port_cannot_open_the_facilitators_socket(
    live_server: Site, browser: Browser, other_site: str
) -> None:
    workshop = create_workshop_http(live_server)
    page = big_page(browser)
    try:
        login(page, live_server)
        # From the app's own page the same script gets the facilitator's view (so the
        # browser does send the cookies, and the probe itself works).
        page.goto(workshop.console_url)
        own = _probe(page, live_server, workshop.id)
        assert own["opened"] and own["snapshotRole"] == "facilitator", own
        # From another port of the same host: the handshake is refused, nothing is read.
        page.goto(other_site)
        foreign = _probe(page, live_server, workshop.id)
        assert foreign["opened"] is False, foreign
        assert foreign["snapshotRole"] is None, foreign
        assert foreign["polled"] in ("blocked", 400), foreign
    finally:
        page.context.close()
