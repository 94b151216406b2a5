"""Who is asking, for rate limits: the client's address, an IPv6 client by its /64 network.

One IPv6 device can use any address of its /64 (privacy addresses change by the hour), so
counting single IPv6 addresses would let one phone look like billions. Behind a reverse proxy
the address comes from ``X-Forwarded-For`` (``FACILITATOR_PROXY_COUNT``).
"""

from __future__ import annotations

import ipaddress

from flask import request


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
