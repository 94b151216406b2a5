"""HTTP input hardening: clean text, bounded ids, valid Host and WebSocket headers, safe `next`.

- Every form field, query parameter and JSON body is cleaned on the way in
  (:mod:`facilitator.cleaning`): no NUL or other control character reaches a database.
- ``<int:…>`` in a route matches only ids a database column can hold (1 … 2³¹−1); anything larger
  is simply not found.
- A request whose ``Host`` header is not a host name or address, or a WebSocket upgrade without
  a valid ``Sec-WebSocket-Version``/``Sec-WebSocket-Key``, gets a short 400 before any page code
  runs (the error page itself needs a valid host to build its links).
- A long-polling POST must hold only packets a client sends; a Socket.IO transport request
  that makes the Socket.IO layer fail (a malformed Engine.IO packet, for example) gets a 400 and
  at most one log line per client a minute, never a traceback.
- :func:`safe_next` keeps the redirect after log-in on this site.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import logging
import re
import socket
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
#: The environ key that marks one socket request (see GuardMiddleware._socket).
REQUEST_MARK = "facilitator.request"


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


def valid_polling_payload(body: bytes) -> bool:
    """An Engine.IO long-polling POST a client may send: UTF-8 text packets (joined by \\x1e)
    of the types a client sends — close (1), pong (3), message (4), upgrade (5). No binary:
    the protocol has none. (Engine.IO answers other packet types by closing the session and
    waiting for a poll that may never come: the request would hang.)"""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(packet[:1] in ("1", "3", "4", "5") for packet in text.split("\x1e"))


class GuardMiddleware:
    """Refuses bad Host and WebSocket headers and malformed long-polling bodies with a 400, and
    contains Socket.IO transport failures (see the module docstring)."""

    def __init__(
        self,
        app: Callable[..., Any],
        max_body: int,
        on_broken_socket: Callable[[dict[str, Any]], None],
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.on_broken_socket = on_broken_socket
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
        if environ.get("REQUEST_METHOD") == "POST" and not self._polling_body_ok(environ):
            self._log(environ, "a malformed long-polling body")
            status, headers, body = _plain("400 Bad Request", "Bad request.\n")
            start_response(status, headers)
            return body
        return self._socket(environ, start_response)

    def _polling_body_ok(self, environ: dict[str, Any]) -> bool:
        """Read the POST body (within the size bound), check it, and put it back."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        if not 0 < length <= self.max_body:
            return False
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        return len(body) == length and valid_polling_payload(body)

    def _log(self, environ: dict[str, Any], what: str) -> None:
        sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [""])[0][:40]
        client = sid or str(environ.get("REMOTE_ADDR", ""))
        self.throttle.log(log, client, "refused %s", what)

    def _socket(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        started: list[bool] = []
        # Flask-SocketIO passes a copy of environ on: a mark finds the request's session later.
        environ[REQUEST_MARK] = object()

        def tracking(status: str, headers: list[Any], exc_info: Any = None) -> Any:
            started.append(True)
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, tracking)
        except Exception as exc:
            self._log(environ, f"a malformed socket request ({type(exc).__name__})")
            if environ.get("HTTP_UPGRADE", "").lower() == "websocket":
                # The WebSocket library took the connection over; end it, or the server would
                # read the client's next frames as HTTP requests; and close its session.
                _shut_down(environ)
                self.on_broken_socket(environ)
            if started:
                return []
            status, headers, body = _plain(
                "400 Bad Request", "Bad request.\n", [("Connection", "close")]
            )
            start_response(status, headers)
            return body


def _shut_down(environ: dict[str, Any]) -> None:
    """Shut the request's TCP connection down (found where simple-websocket finds it)."""
    sock = environ.get("werkzeug.socket") or environ.get("gunicorn.socket")
    if sock is None and "eventlet.input" in environ:
        sock = environ["eventlet.input"].get_socket()
    if sock is None:
        stream = environ.get("wsgi.input")
        stream = getattr(stream, "rfile", stream) if not hasattr(stream, "raw") else stream
        sock = getattr(getattr(stream, "raw", None), "_sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def init_app(app: Flask, max_body: int, on_broken_socket: Callable[[dict[str, Any]], None]) -> None:
    """Install the cleaning request and JSON classes, the bounded id converter and the
    middleware (call after Flask-SocketIO wrapped the app, so the middleware sees its path;
    ``max_body`` is the transport's buffer size; ``on_broken_socket(environ)`` closes the
    Socket.IO session of a WebSocket request that failed)."""
    app.request_class = CleanRequest
    app.json = CleanJSONProvider(app)
    app.url_map.converters["int"] = IdConverter
    app.wsgi_app = GuardMiddleware(app.wsgi_app, max_body, on_broken_socket)  # type: ignore[method-assign]
