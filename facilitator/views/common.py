"""Helpers shared by views: the join address phones can reach, QR codes, owned workshops."""

from __future__ import annotations

import io
import ipaddress
from urllib.parse import urlsplit

import segno
from flask import abort, current_app, request
from flask_login import current_user

from facilitator import network
from facilitator.access import workshop_for
from facilitator.extensions import db
from facilitator.models import Workshop


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host in ("localhost", "")


def lan_address() -> str | None:
    """The address phones use to reach this machine: the facilitator's chosen network
    interface, else the likeliest one (read from the interfaces; no traffic is sent)."""
    chosen = network.reach(current_app.config["DATA_DIR"]).chosen
    return chosen.address if chosen else None


def opened_locally() -> bool:
    """True when this page was opened at a loopback address (127.0.0.1, localhost)."""
    return _is_loopback(urlsplit(f"//{request.host}").hostname or "")


def phone_reach() -> dict[str, object]:
    """How phones reach the address in the QR code, for the console to explain.

    ``mode`` is "configured" (FACILITATOR_PUBLIC_URL), "direct" (this page was opened at an
    address phones can use), "lan" (this machine's network interface, ``options`` to choose
    from) or "none" (no network: phones cannot reach this machine).
    """
    if current_app.config.get("PUBLIC_URL"):
        return {"mode": "configured", "options": (), "chosen": None}
    if not opened_locally():
        return {"mode": "direct", "options": (), "chosen": None}
    found = network.reach(current_app.config["DATA_DIR"])
    if found.chosen is None:
        return {"mode": "none", "options": (), "chosen": None}
    return {"mode": "lan", "options": found.options, "chosen": found.chosen}


def base_url() -> str:
    """FACILITATOR_PUBLIC_URL, else the address this page was opened with when phones can reach
    it, else this machine's LAN address with the same port."""
    configured = str(current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    if configured:
        return configured
    host = request.host
    if not opened_locally():
        return f"{request.scheme}://{host}"
    lan = lan_address()
    if lan is None:
        return f"{request.scheme}://{host}"
    try:
        port = urlsplit(f"//{host}").port
    except ValueError:
        port = None
    return f"{request.scheme}://{lan}{f':{port}' if port else ''}"


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
