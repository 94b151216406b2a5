"""Which address phones in the room can reach this machine at.

The addresses come from the machine's network interfaces (``ifaddr``), never from the host
name: on a common Debian or Ubuntu laptop the host name resolves to 127.0.1.1, which no phone
can reach. Nothing is sent anywhere to find them.

With several interfaces (Wi-Fi and a cable, a VPN, a virtual bridge), the facilitator picks the
one the room's Wi-Fi uses on the console; the choice is stored in the data directory, so it
holds for every workshop on this machine until the address disappears.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHOICE_FILE = "lan_address"

# Interfaces that are seldom the room's Wi-Fi: containers, virtual machines, tunnels.
_VIRTUAL = re.compile(r"^(docker|br-|veth|virbr|vboxnet|vmnet|tun|tap|wg|zt|tailscale|utun|lxc)")
# Wireless interfaces on Linux, macOS and Windows.
_WIRELESS = re.compile(r"^(wl|wlan|wifi|ath|ra)|wi-?fi|wireless|wlan", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """One IPv4 address of this machine that a phone on the same network could reach."""

    address: str
    interface: str

    @property
    def label(self) -> str:
        """``192.168.1.23 (wlp2s0)``: what the facilitator sees when choosing."""
        return f"{self.address} ({self.interface})" if self.interface else self.address


def _adapters() -> list[Any]:
    import ifaddr

    return list(ifaddr.get_adapters())


# Tests replace this with a stub list of adapters.
adapters: Callable[[], Iterable[Any]] = _adapters


def _rank(candidate: Candidate) -> tuple[int, int]:
    """Likely Wi-Fi first, then other physical interfaces, then virtual ones; private
    (RFC 1918) addresses before public ones."""
    name = candidate.interface
    kind = 2 if _VIRTUAL.search(name) else 0 if _WIRELESS.search(name) else 1
    private = 0 if ipaddress.ip_address(candidate.address).is_private else 1
    return kind, private


def candidates() -> list[Candidate]:
    """Every reachable IPv4 address of this machine, the likeliest room Wi-Fi first.

    Loopback (127.x, including Debian's 127.0.1.1), link-local (169.254.x, no network there)
    and unspecified addresses are left out. An interface that cannot be read gives no
    candidates rather than an error.
    """
    try:
        found = list(adapters())
    except OSError:
        return []
    out: list[Candidate] = []
    for adapter in found:
        name = str(getattr(adapter, "nice_name", "") or getattr(adapter, "name", ""))
        for ip in getattr(adapter, "ips", ()):
            if not isinstance(ip.ip, str):  # IPv6 comes as a tuple; phones type IPv4
                continue
            try:
                address = ipaddress.IPv4Address(ip.ip)
            except ValueError:
                continue
            if address.is_loopback or address.is_link_local or address.is_unspecified:
                continue
            candidate = Candidate(str(address), name)
            if candidate not in out:
                out.append(candidate)
    return sorted(out, key=_rank)


def stored_choice(data_dir: str | Path) -> str | None:
    """The address the facilitator chose for this machine, if any."""
    path = Path(data_dir) / CHOICE_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def store_choice(data_dir: str | Path, address: str | None) -> None:
    """Remember (or, with None, forget) the address phones should use."""
    path = Path(data_dir) / CHOICE_FILE
    if address is None:
        path.unlink(missing_ok=True)
        return
    path.write_text(address + "\n", encoding="ascii")


@dataclass(frozen=True)
class Reach:
    """How phones reach this machine: the chosen address (None: no network) and the others."""

    chosen: Candidate | None
    options: tuple[Candidate, ...]

    @property
    def several(self) -> bool:
        """True when the facilitator should pick the room's network."""
        return len(self.options) > 1


def reach(data_dir: str | Path) -> Reach:
    """The stored choice when this machine still has that address, else the likeliest one."""
    options = tuple(candidates())
    wanted = stored_choice(data_dir)
    chosen = next((c for c in options if c.address == wanted), None)
    if chosen is None and options:
        chosen = options[0]
    return Reach(chosen, options)
