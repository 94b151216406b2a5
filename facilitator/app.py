"""The application factory."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask

from facilitator import config as settings

ROOT = Path(__file__).resolve().parent


def _asset_dir(name: str) -> Path:
    """static/ and templates/ sit at the repository root; a wheel maps them into the package."""
    packaged = ROOT / name
    return packaged if packaged.is_dir() else ROOT.parent / name


def build_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config → extensions → methods → kits → blueprints → realtime."""
    app = Flask(
        __name__,
        static_folder=str(_asset_dir("static")),
        template_folder=str(_asset_dir("templates")),
        instance_relative_config=False,
    )
    values = settings.from_environment()
    if test_config:
        values.update(test_config)
    settings.finalize(values)
    app.config.update(values)
    app.config.update(
        SQLALCHEMY_DATABASE_URI=values["DATABASE_URL"],
        SQLALCHEMY_ENGINE_OPTIONS=_engine_options(values["DATABASE_URL"]),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE=values["DEFAULT_LOCALE"],
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        RATELIMIT_STORAGE_URI=values["RATELIMIT_STORAGE_URL"]
        or values["MESSAGE_QUEUE_URL"]
        or "memory://",
        RATELIMIT_HEADERS_ENABLED=True,
        # Redis down: limits are kept in this process's memory (logged once) and joining works.
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
    )

    from facilitator import addresses, compression, extensions, i18n, security, web_guard
    from facilitator.extensions import csrf, db, limiter, login_manager, socketio
    from facilitator.realtime import guard, limits, origins

    db.init_app(app)
    with app.app_context():
        _tune_engine(db.engine)
    csrf.init_app(app)
    limiter.init_app(app)
    addresses.announce_limiter_fallback()
    login_manager.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    socketio.init_app(
        app,
        async_mode=values["ASYNC_MODE"],
        message_queue=values["MESSAGE_QUEUE_URL"] or None,
        channel=values["MESSAGE_QUEUE_CHANNEL"],
        max_http_buffer_size=values["MAX_MESSAGE_BYTES"] * 4,
        cors_allowed_origins=origins.checker(values["PUBLIC_URL"], values["ALLOWED_ORIGINS"]),
        ping_interval=10,
        ping_timeout=10,
        manage_session=False,
        serializer=guard.packet_class(values["MAX_MESSAGE_BYTES"]),
        logger=guard.QuietLogger(logging.getLogger("facilitator.realtime.socket")),
        engineio_logger=guard.QuietLogger(logging.getLogger("facilitator.realtime.engine")),
    )
    guard.init_app(app, socketio.server)
    limits.init_app(app)
    web_guard.init_app(
        app,
        max_body=values["MAX_MESSAGE_BYTES"] * 4,
        on_broken_socket=app.extensions["facilitator.message_guard"].close_for_environ,
    )
    if values["PROXY_COUNT"] > 0:
        # Outermost, so pages and the socket handshake both see the phone's own address.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = values["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    del extensions

    from facilitator.methods import setup_methods
    from facilitator.operations import erasure  # noqa: F401  (its mapper events erase text)

    setup_methods(app)

    from facilitator.kits.catalog import setup_kits

    setup_kits(app)

    from facilitator.views import register_blueprints

    register_blueprints(app)

    from facilitator.realtime import namespace

    namespace.register(socketio)
    return app


def _engine_options(url: str) -> dict[str, Any]:
    # Parameters stay out of error messages and logs: they hold what participants wrote.
    if url.startswith("sqlite"):
        return {
            "connect_args": {"check_same_thread": False, "timeout": 30},
            "hide_parameters": True,
        }
    return {"pool_size": 10, "max_overflow": 20, "pool_pre_ping": True, "hide_parameters": True}


def _tune_engine(engine: Any) -> None:
    """SQLite: WAL, foreign keys, a busy timeout, deleted content overwritten with zeros;
    applied to every new connection."""
    if engine.dialect.name != "sqlite":
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()
