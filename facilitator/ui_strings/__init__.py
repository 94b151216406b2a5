"""Strings that scripts show, translated on the server and handed to the page as JSON.

Each screen has its own module (common, phone, projector, console) holding a dict of
key → lazy_gettext text; templates call ``{{ ui_strings('phone') }}`` to embed the ones they need
in a ``<script type="application/json" id="i18n">`` block (data, so the CSP allows it).
"""

from __future__ import annotations

import importlib
import json

from markupsafe import Markup

SCREENS = ("common", "phone", "projector", "console", "minutes")


def strings_for(*screens: str) -> dict[str, str]:
    """Translated strings of the given screens (common is always included)."""
    out: dict[str, str] = {}
    for screen in ("common", *screens):
        if screen not in SCREENS:
            raise ValueError(f"unknown screen {screen!r}")
        module = importlib.import_module(f"facilitator.ui_strings.{screen}")
        out.update({key: str(value) for key, value in module.STRINGS.items()})
    return out


def ui_strings_tag(*screens: str) -> Markup:
    """The JSON script element; '<' is escaped so text can never close the element."""
    payload = json.dumps(strings_for(*screens), ensure_ascii=False).replace("<", "\\u003c")
    return Markup(f'<script type="application/json" id="i18n">{payload}</script>')
