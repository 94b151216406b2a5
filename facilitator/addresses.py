"""Who is asking, for rate limits: the client's address, an IPv6 client by its /64 network;
and the log line that says when the limits' storage (Redis) is gone.

One IPv6 device can use any address of its /64 (privacy addresses change by the hour), so
counting single IPv6 addresses would let one phone look like billions. Behind a reverse proxy
the address comes from ``X-Forwarded-For`` (``FACILITATOR_PROXY_COUNT``).
"""

from __future__ import annotations

import ipaddress
import logging

from flask import request

log = logging.getLogger("facilitator.ratelimit")


def limit_key(address: str) -> str:
    """The rate-limit key of an address: IPv4 as is, IPv6 as its /64."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def client_key() -> str:
    """The rate-limit key of the current request's client."""
    return limit_key(request.remote_addr or "")


class _LimiterStorageNotice(logging.Handler):
    """Says in the app's log when rate limits move to process memory and back."""

    def emit(self, record: logging.LogRecord) -> None:
        """Re-tell Flask-Limiter's storage messages in the app's words."""
        text = record.getMessage()
        if "falling back" in text:
            log.warning(
                "rate-limit storage (Redis) is unreachable: join and log-in limits are kept "
                "in this process's memory until it is back"
            )
        elif "recovered" in text:
            log.warning("rate-limit storage (Redis) is back")


def announce_limiter_fallback() -> None:
    """Flask-Limiter logs its fallback to memory to a logger with no output; say it in ours
    (once per outage, as Flask-Limiter does)."""
    limiter_log = logging.getLogger("flask-limiter")
    if not any(isinstance(h, _LimiterStorageNotice) for h in limiter_log.handlers):
        limiter_log.addHandler(_LimiterStorageNotice(logging.INFO))
        if limiter_log.level == logging.NOTSET or limiter_log.level > logging.INFO:
            limiter_log.setLevel(logging.INFO)
