"""Translation catalogues without a Flask app: the core's and every registered method's.

The core's catalogue comes first; each method folder adds its own ``translations/`` directory
when it is registered (:func:`add_directory`), and the catalogues of one locale are merged in
that order. Flask-Babel reads the same directories (see ``facilitator.i18n``), so a page and the
minutes translate a method's strings the same way.

Call sites use ``_ = translator(locale)`` then ``_("English text")`` with literal strings, and
``ngettext = plural_translator(locale)``, so ``pybabel extract`` finds every message. Strings
defined before a locale is known are marked with :func:`N_` and translated later with ``_``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from babel.support import NullTranslations, Translations

CORE_DIRECTORY = Path(__file__).resolve().parent / "translations"
LOCALES = ("fi", "sv", "en")
DEFAULT_LOCALE = "fi"
DOMAIN = "messages"

_directories: list[Path] = [CORE_DIRECTORY]
_cache: dict[str, NullTranslations] = {}
_lock = threading.Lock()


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def normalize_locale(locale: str | None) -> str:
    """'fi', 'sv' or 'en' (region and unknown locales fall back to Finnish)."""
    short = (locale or DEFAULT_LOCALE).replace("-", "_").split("_")[0].lower()
    return short if short in LOCALES else DEFAULT_LOCALE


def add_directory(path: Path) -> None:
    """Merge the catalogues in ``path`` (``<locale>/LC_MESSAGES/messages.mo``) after the others."""
    path = path.resolve()
    with _lock:
        if path not in _directories:
            _directories.append(path)
            _cache.clear()


def directories() -> list[Path]:
    """Catalogue directories in merge order (the core first)."""
    with _lock:
        return list(_directories)


def catalogue(locale: str) -> NullTranslations:
    """The merged catalogue of one locale (English msgids where nothing is translated)."""
    locale = normalize_locale(locale)
    with _lock:
        found = _cache.get(locale)
        if found is not None:
            return found
        merged: NullTranslations | None = None
        for directory in _directories:
            loaded = Translations.load(str(directory), [locale], domain=DOMAIN)
            if not isinstance(loaded, Translations):
                continue
            if isinstance(merged, Translations):
                merged.merge(loaded)
            else:
                merged = loaded
        result = merged if merged is not None else NullTranslations()
        _cache[locale] = result
        return result


def translator(locale: str) -> Callable[[str], str]:
    """A gettext function for one locale; missing catalogues give the English msgids."""
    return catalogue(locale).gettext


def plural_translator(locale: str) -> Callable[[str, str, int], str]:
    """An ngettext function for one locale."""
    return catalogue(locale).ngettext
