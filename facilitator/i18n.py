"""Finnish (default), Swedish and English through gettext catalogues; kit text by locale."""

from __future__ import annotations

from flask import Flask, g, request

from facilitator.config import LOCALES
from facilitator.extensions import babel

LANG_COOKIE = "lang"
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def select_locale() -> str:
    """?lang=, then the language cookie, then the page's workshop language, then the default."""
    from flask import current_app

    asked = request.args.get("lang")
    if asked in LOCALES:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LOCALES:
        return cookie
    workshop_locale = getattr(g, "workshop_locale", None)
    if workshop_locale in LOCALES:
        return workshop_locale
    return str(current_app.config["DEFAULT_LOCALE"])


def init_app(app: Flask) -> None:
    """Bind Flask-Babel and remember an explicit ?lang= choice in a cookie."""
    babel.init_app(app, locale_selector=select_locale)

    @app.after_request
    def remember_language(response):  # type: ignore[no-untyped-def]
        asked = request.args.get("lang")
        if asked in LOCALES:
            response.set_cookie(LANG_COOKIE, asked, max_age=365 * 86400, samesite="Lax")
        return response

    @app.context_processor
    def language_context() -> dict[str, object]:
        from flask_babel import get_locale

        from facilitator.ui_strings import ui_strings_tag

        return {
            "locales": LANGUAGE_NAMES,
            "current_locale": str(get_locale()),
            "ui_strings": ui_strings_tag,
        }
