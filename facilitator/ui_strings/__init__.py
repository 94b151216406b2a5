"""Strings that scripts show, translated on the server and handed to the page as JSON.

Each core screen has its own module (common, phone, projector, console) holding a dict of
key → lazy_gettext text; each method declares its own in ``Method.strings`` (screen → key →
text), which reach the page as ``<method id>.<key>``. Templates call
``{{ ui_strings('phone', methods=[...]) }}`` to embed what they need in a
``<script type="application/json" id="i18n">`` block (data, so the CSP allows it).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext
from markupsafe import Markup

SCREENS = ("common", "phone", "projector", "console", "minutes")


def strings_for(*screens: str, methods: Iterable[str] = ()) -> dict[str, str]:
    """Translated strings of the given screens (common is always included), and of the given
    methods for those screens."""
    out: dict[str, str] = {}
    for screen in ("common", *screens):
        if screen not in SCREENS:
            raise ValueError(f"unknown screen {screen!r}")
        module = importlib.import_module(f"facilitator.ui_strings.{screen}")
        out.update({key: str(value) for key, value in module.STRINGS.items()})
    registry = current_app.extensions["facilitator.methods"]
    for method_id in dict.fromkeys(methods):
        if method_id not in registry:
            continue
        declared = registry.get(method_id).strings
        for screen in screens:
            for key, text in declared.get(screen, {}).items():
                out[f"{method_id}.{key}"] = gettext(text)
    return out


def ui_strings_tag(*screens: str, methods: Iterable[str] = ()) -> Markup:
    """The JSON script element; '<' is escaped so text can never close the element."""
    payload = json.dumps(strings_for(*screens, methods=methods), ensure_ascii=False)
    payload = payload.replace("<", "\\u003c")
    return Markup(f'<script type="application/json" id="i18n">{payload}</script>')
