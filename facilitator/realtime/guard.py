"""Malformed socket messages are refused cheaply, logged sparingly and never with their content.

Two layers, both before any handler runs:

- :class:`GuardedPacket` (python-socketio's documented ``serializer`` hook) decodes a Socket.IO
  packet only if it is text, within the size bound, of a type a client may send (connect,
  disconnect, event), in the default namespace, and nested no deeper than :data:`MAX_DEPTH`,
  which is checked on the raw text before the JSON parser sees it. An event must be a list
  whose first item is a name; the reserved names (``connect``, ``disconnect``…) are refused,
  so a client cannot make the server run its own connection handlers. Binary packets are
  refused: the protocol has none.
- :class:`MessageGuard` wraps the Engine.IO message handler: a refused or undecodable packet
  becomes a *strike* against its connection instead of a traceback. One log line per connection
  a minute at most (see :class:`~facilitator.logthrottle.LogThrottle`), naming the kind of
  problem only; a connection with :data:`CLOSE_AFTER` strikes within a minute is closed.

The namespace adds strikes for what only it can see: unknown event names, extra arguments and
envelopes the gate cannot read.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from socketio import packet

from facilitator.logthrottle import LogThrottle

log = logging.getLogger(__name__)

#: Nesting allowed in one packet: ``["act", {"data": {...}}]`` is 3 deep; methods' payloads add
#: a level or two.
MAX_DEPTH = 10
#: Malformed messages within a minute after which the connection is closed.
CLOSE_AFTER = 20
#: Event names the Socket.IO client reserves; a client emitting one is refused.
RESERVED = frozenset(
    {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"}
)

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_INNER_PAIRS = re.compile(r"\[\]|\{\}")


class Refused(ValueError):
    """A packet the guard will not decode; ``kind`` names the problem (never the content)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def nested_within(text: str, limit: int) -> bool:
    """True when the JSON in ``text`` nests at most ``limit`` deep and its brackets balance.

    Works on the text: strings are dropped, then innermost ``[]``/``{}`` pairs are removed one
    level per pass (a regex pass each, so a deep or long message costs a few linear scans)."""
    skeleton = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    for _ in range(limit):
        if not skeleton:
            return True
        skeleton, removed = _INNER_PAIRS.subn("", skeleton)
        if not removed:
            return False  # unbalanced
    return not skeleton


class GuardedPacket(packet.Packet):
    """A Socket.IO packet that refuses to decode what no real client sends."""

    #: Largest encoded packet in characters (set per app by :func:`packet_class`).
    max_chars = 65536

    def decode(self, encoded_packet: Any) -> int:
        """Check the raw packet, decode it, then check the event's shape."""
        if not isinstance(encoded_packet, str):
            raise Refused("binary")
        if len(encoded_packet) > self.max_chars:
            raise Refused("too_large")
        if encoded_packet[:1] not in ("0", "1", "2"):
            raise Refused("packet_type")
        if not nested_within(encoded_packet, MAX_DEPTH):
            raise Refused("too_deep")
        try:
            attachments = super().decode(encoded_packet)
        except ValueError as exc:
            raise Refused("undecodable") from exc
        if attachments:
            raise Refused("binary")
        if self.namespace not in (None, "/"):
            raise Refused("namespace")
        if self.packet_type == packet.EVENT:
            data = self.data
            if not isinstance(data, list) or not data or not isinstance(data[0], str):
                raise Refused("event_shape")
            if data[0] in RESERVED or not 0 < len(data[0]) <= 40:
                raise Refused("event_name")
        return 0


def packet_class(max_message_bytes: int) -> type[GuardedPacket]:
    """A GuardedPacket bounded for one app. The bound leaves room for JSON's ``\\u00e4``
    escapes (six characters for one), so that every message the gate could still answer with
    a translated ``too_large`` reaches it; the transport's buffer caps what arrives anyway."""
    bound = max_message_bytes * 6 + 1024
    return type("GuardedPacket", (GuardedPacket,), {"max_chars": bound})


@dataclass
class _Strikes:
    window_start: float
    count: int = 0


class MessageGuard:
    """Counts malformed messages per Engine.IO connection; logs sparingly; closes floods."""

    def __init__(self, server: Any, clock: Any = time.monotonic) -> None:
        self.server = server
        self.clock = clock
        self.throttle = LogThrottle(clock=clock)
        self._strikes: dict[str, _Strikes] = {}
        self._lock = threading.Lock()

    def install(self) -> None:
        """Wrap the Engine.IO message and disconnect handlers of the Socket.IO server."""
        eio = self.server.eio
        on_message = eio.handlers["message"]
        on_disconnect = eio.handlers["disconnect"]

        def message(eio_sid: str, data: Any) -> None:
            if not data:  # the packet class does not decode an empty message at all
                self.strike(eio_sid, "empty")
                return
            try:
                on_message(eio_sid, data)
            except Refused as exc:
                self.strike(eio_sid, exc.kind)
            except Exception as exc:
                self.strike(eio_sid, type(exc).__name__)

        def disconnect(eio_sid: str, *args: Any) -> Any:
            with self._lock:
                self._strikes.pop(eio_sid, None)
            return on_disconnect(eio_sid, *args)

        eio.on("message", message)
        eio.on("disconnect", disconnect)

    def strike(self, eio_sid: str, kind: str) -> None:
        """One malformed message from ``eio_sid``; close the connection when it keeps on."""
        now = self.clock()
        with self._lock:
            state = self._strikes.get(eio_sid)
            if state is None or now - state.window_start >= 60.0:
                state = self._strikes[eio_sid] = _Strikes(now)
            state.count += 1
            closing = state.count >= CLOSE_AFTER
            if closing:
                self._strikes.pop(eio_sid, None)
        self.throttle.log(
            log,
            eio_sid,
            "socket %s: refused a malformed message (%s)%s",
            eio_sid[:8],
            kind,
            f"; closed the connection after {CLOSE_AFTER} in a minute" if closing else "",
        )
        if closing:
            self.close(eio_sid)

    def close(self, eio_sid: str) -> None:
        """Close an Engine.IO connection now.

        Not eio.disconnect(): it waits until the client polls again, which a long-polling
        client that sends garbage may never do."""
        socket = self.server.eio.sockets.get(eio_sid)
        if socket is not None:
            socket.close(wait=False)

    def close_for_environ(self, environ: dict[str, Any]) -> None:
        """Close the connection that belongs to a WSGI request whose transport failed (found
        by web_guard's mark: the server keeps a copy of the request's environ)."""
        mark = environ.get("facilitator.request")
        for eio_sid, known in list(self.server.environ.items()):
            if mark is not None and known.get("facilitator.request") is mark:
                self.close(eio_sid)

    def strike_socket(self, sid: str, kind: str) -> None:
        """A strike for the Socket.IO connection ``sid`` (from an event handler)."""
        eio_sid = self.server.manager.eio_sid_from_sid(sid, "/")
        if eio_sid is not None:
            self.strike(eio_sid, kind)


# What python-engineio and python-socketio log, as fixed descriptions: their messages can carry
# a session id, an Origin header or other text a client chose.
_SOCKET_LAYER_MESSAGES = (
    ("accepted origin", "refused a socket handshake from another origin"),
    ("Invalid session", "refused a request for an unknown socket session"),
    ("unsupported version", "refused a client of another Engine.IO version"),
    ("Invalid transport", "refused an invalid socket transport"),
    ("websocket upgrade", "refused an invalid WebSocket upgrade"),
    ("JSONP", "refused an invalid long-polling request"),
    ("is not connected", "refused a request for a socket that is not connected"),
    ("Unexpected HTTP request", "refused a long-polling request on an upgraded socket"),
    ("post request handler error", "refused a malformed long-polling request"),
    ("Unknown receive error", "closed a WebSocket after a malformed frame"),
    ("message handler error", "refused a malformed socket message"),
    ("redis", "the message queue (Redis) is unreachable"),
    ("pubsub", "the message queue listener stopped"),
    ("handler error", "a socket handler failed"),
    ("Cannot send", "dropped a message to a socket that had closed"),
    ("not supported", "refused an HTTP method the socket does not take"),
    ("rejected connection", "refused a socket connection"),
)


class QuietLogger:
    """Stands in for python-socketio's and python-engineio's loggers: debug and info are
    dropped; a warning or error is one line with a fixed description (never the message's own
    text, which can hold what a client sent) and no traceback, at most once a minute per kind."""

    def __init__(self, target: logging.Logger, clock: Any = time.monotonic) -> None:
        self.target = target
        self.level = logging.WARNING
        self.throttle = LogThrottle(clock=clock)

    def setLevel(self, level: int) -> None:
        """Kept for the libraries' set-up; the level stays at WARNING."""

    def addHandler(self, handler: Any) -> None:
        """Ignored: lines go to the target logger."""

    def isEnabledFor(self, level: int) -> bool:
        """Warnings and above."""
        return level >= logging.WARNING

    def debug(self, *args: Any, **kwargs: Any) -> None:
        """Dropped."""

    info = debug

    def warning(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        """One throttled line."""
        self._line(logging.WARNING, msg, kwargs.get("exc_info"))

    def error(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        """One throttled line."""
        self._line(logging.ERROR, msg, kwargs.get("exc_info"))

    critical = error

    def exception(self, msg: Any, *args: Any, **kwargs: Any) -> None:
        """One throttled line naming the exception's type, without the traceback."""
        self._line(logging.ERROR, msg, True)

    def _line(self, level: int, msg: Any, exc_info: Any) -> None:
        text = str(msg)
        kind = next((d for key, d in _SOCKET_LAYER_MESSAGES if key in text), "socket layer error")
        if exc_info:
            error = sys.exc_info()[1]
            if error is not None:
                kind = f"{kind} ({type(error).__name__})"
        self.throttle.log(self.target, kind, "%s", kind, level=level)


def init_app(app: Any, server: Any) -> MessageGuard:
    """Guard the app's Socket.IO server (after Flask-SocketIO's init_app)."""
    message_guard = MessageGuard(server)
    message_guard.install()
    app.extensions["facilitator.message_guard"] = message_guard
    return message_guard


def quiet_gevent_handler() -> type:
    """gevent's WSGI request handler with its protocol errors (an invalid request line, a
    WebSocket frame read as HTTP after the socket ended…) logged as one throttled line without
    the bytes the client sent."""
    from gevent.pywsgi import WSGIHandler

    throttle = LogThrottle()
    target = logging.getLogger("facilitator.http")

    class QuietWSGIHandler(WSGIHandler):  # type: ignore[misc]
        """See quiet_gevent_handler."""

        def log_error(self, msg: str, *args: Any) -> None:
            """One line a minute at most, naming no content."""
            throttle.log(target, "protocol", "refused a malformed HTTP request")

    return QuietWSGIHandler
