"""Configuration: defaults, FACILITATOR_* environment variables, and the generated secret key.

Every setting has a default that gives laptop mode (SQLite in the data directory, one process,
gevent, Finnish). Each can be overridden by an environment variable named ``FACILITATOR_<KEY>``.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ASYNC_MODES = ("gevent", "eventlet", "threading")


@dataclass(frozen=True)
class Setting:
    """One documented setting: its key, default, parser and a line for the README table."""

    key: str
    default: Any
    help: str
    kind: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting("DATA_DIR", "instance", "Folder for the SQLite database and the generated secret key."),
    Setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL; empty means SQLite in the data directory. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    ),
    Setting(
        "MESSAGE_QUEUE_URL",
        "",
        "Redis URL shared by several server processes (redis://host:6379/0); empty: one process.",
    ),
    Setting(
        "MESSAGE_QUEUE_CHANNEL",
        "facilitator",
        "Pub/sub channel on the message queue; give each installation sharing one Redis its own.",
    ),
    Setting(
        "PROXY_COUNT",
        0,
        "Reverse proxies in front of the server (nginx: 1): their X-Forwarded-For/-Proto/-Host "
        "headers are trusted, so rate limits count phones, not the proxy.",
        int,
    ),
    Setting("ASYNC_MODE", "gevent", "gevent (default), eventlet or threading."),
    Setting("HOST", "0.0.0.0", "Address `facilitator serve` listens on."),
    Setting("PORT", 5000, "Port `facilitator serve` listens on.", int),
    Setting(
        "PUBLIC_URL",
        "",
        "Address phones use in the QR code (https://workshop.example.org); empty: this machine's "
        "LAN address and port.",
    ),
    Setting(
        "ALLOWED_ORIGINS",
        "",
        "Extra web origins allowed to open sockets (comma-separated, https://host:port); the "
        "page's own address and the public URL always are.",
    ),
    Setting("SECRET_KEY", "", "Signs sessions and seats; generated and stored on first run."),
    Setting("DEFAULT_LOCALE", "fi", "Language of new workshops and first visits: fi, sv or en."),
    Setting("KITS_DIR", "", "Extra folder of session kits (*.yaml) besides the bundled ones."),
    Setting("MAX_MESSAGE_BYTES", 16384, "Largest socket message accepted.", int),
    Setting(
        "RATE_PER_SECOND",
        5,
        "Socket actions per second a seat may send across its connections (sustained).",
        int,
    ),
    Setting("RATE_BURST", 30, "Socket actions a seat may send in a burst.", int),
    Setting(
        "SEAT_CONNECTIONS",
        8,
        "Socket connections one seat (a phone's participant, a facilitator, a workshop's "
        "projector screens) may hold at once.",
        int,
    ),
    Setting(
        "JOIN_RATE",
        "20 per minute",
        "Wrong join codes allowed per address (a valid code is never refused).",
    ),
    Setting(
        "SEAT_RATE",
        "300 per 10 minutes",
        "New participants (seats) one address may create; room for a 200-person room behind "
        "one NAT address, not for a script.",
    ),
    Setting(
        "RATELIMIT_STORAGE_URL",
        "",
        "Storage for HTTP rate limits; empty: the message queue or memory.",
    ),
    Setting(
        "RETENTION_DAYS", 90, "Days an ended workshop is kept before `facilitator purge`.", int
    ),
)

LOCALES = ("fi", "sv", "en")


def _parse(setting: Setting, raw: str) -> Any:
    if setting.kind is int:
        return int(raw)
    return raw


def from_environment(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Read every setting from FACILITATOR_* variables, falling back to defaults."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(f"FACILITATOR_{setting.key}")
        values[setting.key] = setting.default if raw in (None, "") else _parse(setting, raw)
    return values


def finalize(config: dict[str, Any]) -> None:
    """Fill derived values: data dir, database URL, a persistent secret key."""
    data_dir = Path(config["DATA_DIR"]).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    config["DATA_DIR"] = str(data_dir)
    if not config.get("DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{data_dir / 'facilitator.db'}"
    if config["ASYNC_MODE"] not in ASYNC_MODES:
        raise ValueError(
            f"FACILITATOR_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}, "
            f"not {config['ASYNC_MODE']!r}"
        )
    if config["DEFAULT_LOCALE"] not in LOCALES:
        raise ValueError(f"FACILITATOR_DEFAULT_LOCALE must be one of {', '.join(LOCALES)}")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _stored_secret(data_dir)


def _stored_secret(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
