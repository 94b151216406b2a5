"""Translations for the minutes without a Flask app: the same catalogues, chosen by argument.

Call sites use ``_ = translator(locale)`` then ``_("English text")`` with literal strings, and
``ngettext = plural_translator(locale)``, so ``pybabel extract`` finds every message. Strings
defined before a locale is known are marked with :func:`N_` and translated later with ``_``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
LOCALES = ("fi", "sv", "en")
DEFAULT_LOCALE = "fi"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def normalize_locale(locale: str | None) -> str:
    """'fi', 'sv' or 'en' (region and unknown locales fall back to Finnish)."""
    short = (locale or DEFAULT_LOCALE).replace("-", "_").split("_")[0].lower()
    return short if short in LOCALES else DEFAULT_LOCALE


@cache
def _catalogue(locale: str) -> NullTranslations:
    loaded = Translations.load(str(TRANSLATIONS_DIR), [locale], domain="messages")
    return loaded if isinstance(loaded, Translations) else NullTranslations()


def translator(locale: str) -> Callable[[str], str]:
    """A gettext function for one locale; missing catalogues give the English msgids."""
    return _catalogue(normalize_locale(locale)).gettext


def plural_translator(locale: str) -> Callable[[str, str, int], str]:
    """An ngettext function for one locale."""
    return _catalogue(normalize_locale(locale)).ngettext
