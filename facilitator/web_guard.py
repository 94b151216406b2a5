"""HTTP input hardening: clean text, bounded ids, valid Host and WebSocket headers, safe `next`.

- Every form field, query parameter and JSON body is cleaned on the way in
  (:mod:`facilitator.cleaning`): no NUL or other control character reaches a database.
- ``<int:…>`` in a route matches only ids a database column can hold (1 … 2³¹−1); anything larger
  is simply not found.
- A request whose ``Host`` header is not a host name or address, or a WebSocket upgrade without
  a valid ``Sec-WebSocket-Version``/``Sec-WebSocket-Key``, gets a short 400 before any page code
  runs (the error page itself needs a valid host to build its links).
- A Socket.IO transport request that makes the Socket.IO layer fail (a malformed Engine.IO
  packet, for example) gets a 400 and at most one log line per client a minute, never a
  traceback.
- :func:`safe_next` keeps the redirect after log-in on this site.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from flask import Flask, Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

from facilitator.cleaning import clean, clean_tree
from facilitator.logthrottle import LogThrottle
from facilitator.models.types import MAX_ID

log = logging.getLogger(__name__)

_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = re.compile(
    rf"(\[[0-9A-Fa-f:.]{{2,45}}\]|{_LABEL}(?:\.{_LABEL})*\.?)(?::([0-9]{{1,5}}))?", re.ASCII
)
_SOCKET_PATH = "/socket.io"


class CleanMultiDict(ImmutableMultiDict):  # type: ignore[type-arg]
    """Form fields and query parameters with every value cleaned."""

    def __init__(self, mapping: Any = None) -> None:
        pairs: Iterable[tuple[Any, Any]] = (
            MultiDict(mapping).items(multi=True) if mapping is not None else ()
        )
        super().__init__([(k, clean(v) if isinstance(v, str) else v) for k, v in pairs])


class CleanRequest(Request):
    """Flask's request with cleaned form fields and query parameters."""

    parameter_storage_class = CleanMultiDict


class CleanJSONProvider(DefaultJSONProvider):
    """JSON bodies are cleaned too; nesting too deep is a bad request, not a server error."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse, then clean every string."""
        try:
            return clean_tree(super().loads(s, **kwargs))
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None


def decimal_up_to(limit: int) -> str:
    """A regex for the decimal numbers 1 … ``limit`` without leading zeros."""
    digits = str(limit)
    count = len(digits)
    parts = [rf"[1-9]\d{{0,{count - 2}}}"] if count > 1 else []
    for i, ch in enumerate(digits):
        low = 1 if i == 0 else 0
        if int(ch) > low:
            rest = count - i - 1
            parts.append(f"{digits[:i]}[{low}-{int(ch) - 1}]" + (rf"\d{{{rest}}}" if rest else ""))
    parts.append(digits)
    return "(?:" + "|".join(parts) + ")"


class IdConverter(IntegerConverter):
    """``<int:…>`` bounded to the ids a database can hold (PostgreSQL's integer is 32-bit).

    The bound is in the regex itself: werkzeug answers a path whose converter refuses its value
    but that another method's rule matches with 405, where "not found" is the truth."""

    regex = decimal_up_to(MAX_ID)

    def __init__(
        self,
        map: Any,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = None,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, MAX_ID if max is None else max, signed)


def valid_host(value: str) -> bool:
    """A host name (labels of at most 63 characters, 253 in all), IPv4 or [IPv6], with a port."""
    if not value:
        return True  # HTTP/1.0 without Host: the server's own name is used
    match = _HOST.fullmatch(value) if len(value) <= 260 else None
    if match is None or len(match.group(1)) > 253:
        return False
    return match.group(2) is None or 0 < int(match.group(2)) < 65536


def valid_websocket_upgrade(environ: dict[str, Any]) -> bool:
    """RFC 6455 handshake headers: version 13 and a 16-byte base64 key."""
    if environ.get("HTTP_SEC_WEBSOCKET_VERSION", "").strip() != "13":
        return False
    try:
        key = base64.b64decode(environ.get("HTTP_SEC_WEBSOCKET_KEY", "").strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(key) == 16


def safe_next(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, else ``fallback``.

    Refused: other hosts (``//host``, ``/\\host``, ``https:…``), and anything with whitespace
    or control characters, which browsers strip or which break the ``Location`` header
    (``/%09/evil.example`` would become ``//evil.example``)."""
    if not target or not target.startswith("/") or len(target) > 2000:
        return fallback
    if target[1:2] in ("/", "\\"):
        return fallback
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in target):
        return fallback
    return target


def _plain(status: str, text: str, extra: list[tuple[str, str]] | None = None) -> Any:
    body = text.encode()
    headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("X-Content-Type-Options", "nosniff"),
        *(extra or []),
    ]
    return status, headers, [body]


class GuardMiddleware:
    """Refuses bad Host and WebSocket headers with a 400 and contains Socket.IO transport
    failures (see the module docstring)."""

    def __init__(self, app: Callable[..., Any], on_transport_error: Callable[[str], None]):
        self.app = app
        self.on_transport_error = on_transport_error
        self.throttle = LogThrottle()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        refusal = None
        if not valid_host(environ.get("HTTP_HOST", "")):
            refusal = _plain("400 Bad Request", "Bad request: the Host header is not valid.\n")
        elif environ.get("HTTP_UPGRADE", "").lower() == "websocket" and not (
            valid_websocket_upgrade(environ)
        ):
            refusal = _plain(
                "400 Bad Request",
                "Bad request: not a valid WebSocket handshake.\n",
                [("Sec-WebSocket-Version", "13")],
            )
        if refusal is not None:
            status, headers, body = refusal
            start_response(status, headers)
            return body
        if not environ.get("PATH_INFO", "").startswith(_SOCKET_PATH):
            return self.app(environ, start_response)
        return self._socket(environ, start_response)

    def _socket(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started: list[bool] = []

        def tracking(status: str, headers: list[Any], exc_info: Any = None) -> Any:
            started.append(True)
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, tracking)
        except Exception as exc:
            sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [""])[0][:40]
            client = sid or str(environ.get("REMOTE_ADDR", ""))
            self.throttle.log(
                log, client, "refused a malformed socket request (%s)", type(exc).__name__
            )
            if sid:
                self.on_transport_error(sid)
            if started:
                return []
            status, headers, body = _plain("400 Bad Request", "Bad request.\n")
            start_response(status, headers)
            return body


def init_app(app: Flask, on_transport_error: Callable[[str], None]) -> None:
    """Install the cleaning request and JSON classes, the bounded id converter and the
    middleware (call after Flask-SocketIO wrapped the app, so the middleware sees its path)."""
    app.request_class = CleanRequest
    app.json = CleanJSONProvider(app)
    app.url_map.converters["int"] = IdConverter
    app.wsgi_app = GuardMiddleware(app.wsgi_app, on_transport_error)  # type: ignore[method-assign]
