"""Phones reach the address in the QR code: it comes from the network interfaces (stubbed here),
never from the host name, which on Debian and Ubuntu resolves to 127.0.1.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import ifaddr
import pytest
from flask import Flask

from facilitator import network
from facilitator.cli import reach_lines
from facilitator.models import User
from facilitator.views.common import qr_svg
from tests.conftest import PASSWORD, Room

LOOPBACK = ifaddr.Adapter("lo", "lo", [ifaddr.IP("127.0.0.1", 8, "lo")])
WIFI = ifaddr.Adapter(
    "wlp2s0",
    "wlp2s0",
    [ifaddr.IP("192.168.1.23", 24, "wlp2s0"), ifaddr.IP(("fe80::1", 0, 2), 64, "wlp2s0")],
)
CABLE = ifaddr.Adapter("enp0s31f6", "enp0s31f6", [ifaddr.IP("10.20.30.40", 16, "enp0s31f6")])
DOCKER = ifaddr.Adapter("docker0", "docker0", [ifaddr.IP("172.17.0.1", 16, "docker0")])
NO_LEASE = ifaddr.Adapter("eth1", "eth1", [ifaddr.IP("169.254.7.7", 16, "eth1")])
LOCAL = "http://127.0.0.1:5000"


@pytest.fixture()
def interfaces(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[ifaddr.Adapter]]:
    """The machine's interfaces, as a list the test fills; the host name resolves to
    127.0.1.1 as on a stock Debian or Ubuntu laptop."""
    found: list[ifaddr.Adapter] = []
    monkeypatch.setattr(network, "adapters", lambda: list(found))
    monkeypatch.setattr(socket, "gethostname", lambda: "laptop")

    def resolve(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "laptop":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.1.1", 0))]
        raise socket.gaierror("no lookups in this test")

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setattr(socket, "gethostbyname", lambda host: "127.0.1.1")
    yield found


def test_the_host_name_at_127_0_1_1_is_never_the_answer(interfaces) -> None:
    interfaces[:] = [LOOPBACK, WIFI]
    assert socket.gethostbyname(socket.gethostname()) == "127.0.1.1"
    assert [c.address for c in network.candidates()] == ["192.168.1.23"]


def test_wifi_first_virtual_last_loopback_and_link_local_never(interfaces) -> None:
    interfaces[:] = [LOOPBACK, DOCKER, CABLE, NO_LEASE, WIFI]
    found = network.candidates()
    assert [c.address for c in found] == ["192.168.1.23", "10.20.30.40", "172.17.0.1"]
    assert found[0].label == "192.168.1.23 (wlp2s0)"


def test_no_interface_readable_means_no_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[ifaddr.Adapter]:
        raise OSError("no netlink here")

    monkeypatch.setattr(network, "adapters", broken)
    assert network.candidates() == []


def test_a_stored_choice_that_disappeared_falls_back(interfaces, tmp_path: Path) -> None:
    interfaces[:] = [WIFI, CABLE]
    network.store_choice(tmp_path, "10.20.30.40")
    assert network.reach(tmp_path).chosen == network.Candidate("10.20.30.40", "enp0s31f6")
    interfaces[:] = [WIFI]
    assert network.reach(tmp_path).chosen == network.Candidate("192.168.1.23", "wlp2s0")
    network.store_choice(tmp_path, None)
    assert network.stored_choice(tmp_path) is None


def console(app: Flask, user: User, base_url: str = LOCAL):  # type: ignore[no-untyped-def]
    """A facilitator's browser logged in at ``base_url``."""
    client = app.test_client()
    client.post("/login", data={"username": user.username, "password": PASSWORD}, base_url=base_url)
    return client


def test_console_opened_on_this_laptop_puts_the_wifi_address_in_the_qr(
    interfaces, app: Flask, facilitator: User, make_room
) -> None:
    """The bug: a console at 127.0.0.1 put 127.0.0.1 in the QR code."""
    interfaces[:] = [LOOPBACK, WIFI]
    room: Room = make_room()
    workshop = room.workshop
    client = console(app, facilitator)
    html = client.get(f"/console/{room.id}", base_url=LOCAL).data.decode()
    expected = f"http://192.168.1.23:5000/j/{workshop.join_code}"
    assert expected in html
    assert "127.0.0.1" not in html and "127.0.1.1" not in html
    assert 'id="cx-reach"' not in html  # one network: nothing to choose, nothing to warn about
    qr = client.get(f"/p/{room.id}/{workshop.projector_token}/qr.svg", base_url=LOCAL)
    assert qr.data == qr_svg(expected)
    projector = client.get(f"/p/{room.id}/{workshop.projector_token}", base_url=LOCAL)
    assert "192.168.1.23:5000/j" in projector.data.decode()


def test_a_console_opened_at_the_lan_address_keeps_it(
    interfaces, app: Flask, facilitator: User, make_room
) -> None:
    interfaces[:] = [WIFI, CABLE]
    room: Room = make_room()
    lan = "http://10.20.30.40:5000"
    html = console(app, facilitator, lan).get(f"/console/{room.id}", base_url=lan)
    text = html.data.decode()
    assert f"http://10.20.30.40:5000/j/{room.workshop.join_code}" in text
    assert 'id="cx-reach"' not in text


def test_with_several_networks_the_facilitator_picks_the_rooms(
    interfaces, app: Flask, facilitator: User, make_room
) -> None:
    interfaces[:] = [LOOPBACK, WIFI, CABLE]
    room: Room = make_room()
    code = room.workshop.join_code
    client = console(app, facilitator)
    html = client.get(f"/console/{room.id}", base_url=LOCAL).data.decode()
    assert 'id="cx-network"' in html
    assert "192.168.1.23 (wlp2s0)" in html and "10.20.30.40 (enp0s31f6)" in html
    assert f"http://192.168.1.23:5000/j/{code}" in html  # the likeliest Wi-Fi until chosen

    response = client.post(
        f"/console/{room.id}/network", data={"address": "10.20.30.40"}, base_url=LOCAL
    )
    assert response.status_code == 302
    html = client.get(f"/console/{room.id}", base_url=LOCAL).data.decode()
    assert f"http://10.20.30.40:5000/j/{code}" in html
    assert "Puhelimet liittyvät nyt osoitteessa 10.20.30.40" in html
    # Stored for the machine: another workshop's QR uses it too.
    other: Room = make_room()
    token = other.workshop.projector_token
    qr = client.get(f"/p/{other.id}/{token}/qr.svg", base_url=LOCAL)
    assert qr.data == qr_svg(f"http://10.20.30.40:5000/j/{other.workshop.join_code}")


def test_an_address_not_on_this_machine_is_refused(
    interfaces, app: Flask, facilitator: User, make_room
) -> None:
    interfaces[:] = [WIFI, CABLE]
    room: Room = make_room()
    client = console(app, facilitator)
    client.post(f"/console/{room.id}/network", data={"address": "8.8.8.8"}, base_url=LOCAL)
    html = client.get(f"/console/{room.id}", base_url=LOCAL).data.decode()
    assert "ei ole enää tällä tietokoneella" in html
    assert f"http://192.168.1.23:5000/j/{room.workshop.join_code}" in html
    assert network.stored_choice(app.config["DATA_DIR"]) is None


def test_only_a_logged_in_facilitator_can_choose(
    interfaces, app: Flask, make_room, facilitator: User
) -> None:
    interfaces[:] = [WIFI, CABLE]
    room: Room = make_room()
    anonymous = app.test_client()
    response = anonymous.post(f"/console/{room.id}/network", data={"address": "10.20.30.40"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert network.stored_choice(app.config["DATA_DIR"]) is None


def test_without_a_network_the_console_says_so(
    interfaces, app: Flask, facilitator: User, make_room
) -> None:
    interfaces[:] = [LOOPBACK]
    room: Room = make_room()
    client = console(app, facilitator)
    html = client.get(f"/console/{room.id}?lang=en", base_url=LOCAL).data.decode()
    assert "Phones cannot reach this computer." in html
    assert "same Wi-Fi" in html and "FACILITATOR_PUBLIC_URL" in html
    html = client.get(f"/console/{room.id}?lang=sv", base_url=LOCAL).data.decode()
    assert "Telefonerna når inte den här datorn." in html


def test_a_public_url_wins_and_needs_no_choice(
    interfaces, tmp_path: Path, facilitator: User
) -> None:
    from tests.conftest import running_app

    interfaces[:] = [WIFI, CABLE]
    with running_app(tmp_path / "pub", PUBLIC_URL="https://studio.example.org/") as app:
        config = dict(app.config)
    assert reach_lines(config, "0.0.0.0", 5000) == [
        "  Phones join at:       https://studio.example.org/j"
    ]


def test_serve_names_the_networks_and_warns_without_one(interfaces, tmp_path: Path) -> None:
    config = {"PUBLIC_URL": "", "DATA_DIR": str(tmp_path)}
    interfaces[:] = [LOOPBACK, WIFI, CABLE]
    lines = reach_lines(config, "0.0.0.0", 5000)
    assert lines[0] == "  Phones on this Wi-Fi: http://192.168.1.23:5000/j"
    assert any("10.20.30.40 (enp0s31f6)" in line for line in lines)
    assert not any("127.0" in line for line in lines)
    assert any(
        "Listening on 127.0.0.1 only" in line for line in reach_lines(config, "127.0.0.1", 5000)
    )

    interfaces[:] = [LOOPBACK]
    text = "\n".join(reach_lines(config, "0.0.0.0", 5000))
    assert "Phones cannot reach this computer" in text
    assert "same Wi-Fi" in text and "FACILITATOR_PUBLIC_URL" in text
