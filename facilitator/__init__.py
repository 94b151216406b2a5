"""Facilitator: a real-time studio for co-development workshops.

Importing the package stays light (no Flask) so that `facilitator serve` can apply gevent's or
eventlet's monkey-patching before anything else is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

__version__ = "0.1.0"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: config → extensions → methods → kits → blueprints → realtime."""
    from facilitator.app import build_app

    return build_app(test_config)
