"""The `facilitator` command's entry point: monkey-patch first, then import the app.

gevent (the default) and eventlet must patch the standard library before Flask, SQLAlchemy or
redis are imported, so this module imports nothing heavy until the async mode is known.
"""

from __future__ import annotations

import os
import sys


def async_mode(argv: list[str]) -> str:
    """--async-mode from the command line, else FACILITATOR_ASYNC_MODE, else gevent."""
    for index, arg in enumerate(argv):
        if arg == "--async-mode" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--async-mode="):
            return arg.split("=", 1)[1]
    return os.environ.get("FACILITATOR_ASYNC_MODE") or "gevent"


def patch(mode: str) -> None:
    """Apply the async library's monkey-patching (a no-op for threading)."""
    if mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
        from psycopg import waiting  # noqa: F401  (psycopg picks gevent-friendly waits)
    elif mode == "eventlet":
        # psycopg recognises gevent's patching but not eventlet's; its default C wait would
        # block every green thread while one waits for PostgreSQL (e.g. for a workshop lock).
        os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")
        import eventlet

        eventlet.monkey_patch()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; `serve` patches for its async mode before importing the app."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["serve"]:
        mode = async_mode(args)
        os.environ["FACILITATOR_ASYNC_MODE"] = mode
        patch(mode)
    from facilitator.cli import cli

    cli.main(args=args, prog_name="facilitator")


if __name__ == "__main__":
    main()
