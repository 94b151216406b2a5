"""Helpers shared by views: the join address phones can reach, QR codes, owned workshops."""

from __future__ import annotations

import io
import ipaddress
import socket

import segno
from flask import abort, current_app, request
from flask_login import current_user

from facilitator.access import workshop_for
from facilitator.extensions import db
from facilitator.models import Workshop


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost", "")


def lan_address() -> str | None:
    """This machine's first non-loopback IPv4 address (no traffic is sent to find it)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = str(info[4][0])
        if not _is_loopback(address):
            return address
    return None


def base_url() -> str:
    """FACILITATOR_PUBLIC_URL, else the address this page was opened with when phones can reach
    it, else this machine's LAN address with the same port."""
    configured = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if configured:
        return configured
    host = request.host
    name, _, port = host.rpartition(":") if host.count(":") == 1 else (host, "", "")
    if not _is_loopback(name or host):
        return f"{request.scheme}://{host}"
    lan = lan_address()
    if lan is None:
        return f"{request.scheme}://{host}"
    return f"{request.scheme}://{lan}{':' + port if port else ''}"


def join_url(workshop: Workshop) -> str:
    """The address in the QR code."""
    return f"{base_url()}/j/{workshop.join_code}"


def qr_svg(data: str) -> bytes:
    """A QR code as SVG (segno; error correction M, dark on white)."""
    out = io.BytesIO()
    segno.make(data, error="m").save(out, kind="svg", scale=10, border=2, dark="#111", light="#fff")
    return out.getvalue()


def owned_workshop(workshop_id: int) -> Workshop:
    """The workshop if the logged-in facilitator may run it, else 404 (no hint that it exists)."""
    workshop = workshop_for(db.session, current_user, workshop_id)
    if workshop is None:
        abort(404)
    return workshop
