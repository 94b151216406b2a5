"""Which web pages may open a socket: the installation's own origins only.

Browsers send the page's origin with every WebSocket handshake and cross-origin request, and they
attach this site's cookies (the facilitator's login, a phone's seat) whatever page opened the
socket. So the handshake is accepted only from:

- the address the page itself was opened with (the request's own scheme and host: the console
  opened as ``http://192.168.1.10:5000`` talks to ``http://192.168.1.10:5000``);
- ``FACILITATOR_PUBLIC_URL``;
- ``FACILITATOR_ALLOWED_ORIGINS`` (comma-separated), for an unusual proxy set-up.

Another port of the same host, a sibling subdomain or ``null`` (sandboxed frames, files) is a
different origin and is refused. A client that sends no ``Origin`` at all is not a browser page
(browsers always send it on WebSocket handshakes and cross-origin requests), so it cannot borrow
anyone's cookies and is let through to the usual seat checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize(origin: str) -> str | None:
    """``scheme://host[:port]`` in lower case without a default port; None if not an origin."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme not in DEFAULT_PORTS or not host or parts.path not in ("", "/"):
        return None
    if parts.username or parts.password or parts.query or parts.fragment:
        return None
    if ":" in host:
        host = f"[{host}]"
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def configured(public_url: str, extra: str | Iterable[str]) -> frozenset[str]:
    """The public URL's origin and the extra origins, normalized."""
    items = [public_url, *(extra.split(",") if isinstance(extra, str) else extra)]
    return frozenset(o for o in (normalize(i) for i in items if i and i.strip()) if o)


def own_origin(environ: dict[str, Any]) -> str | None:
    """The origin the request was made to (after a trusted proxy's X-Forwarded-* headers)."""
    host = environ.get("HTTP_HOST") or ""
    scheme = environ.get("wsgi.url_scheme") or "http"
    return normalize(f"{scheme}://{host}") if host else None


def checker(public_url: str, extra: str | Iterable[str]) -> Callable[[str | None, Any], bool]:
    """A ``cors_allowed_origins`` callable for Flask-SocketIO (``(origin, environ) -> bool``)."""
    allowed = configured(public_url, extra)

    def origin_allowed(origin: str | None, environ: Any = None) -> bool:
        """True for the installation's own origins (see the module docstring)."""
        if not origin:
            return True
        given = normalize(origin)
        if given is None:
            return False
        return given in allowed or (isinstance(environ, dict) and given == own_origin(environ))

    return origin_allowed
