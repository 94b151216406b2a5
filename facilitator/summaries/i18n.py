"""Translations for the minutes without a Flask app (see ``facilitator.catalogues``)."""

from __future__ import annotations

from facilitator.catalogues import (
    DEFAULT_LOCALE,
    LOCALES,
    N_,
    normalize_locale,
    plural_translator,
    translator,
)

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "N_",
    "normalize_locale",
    "plural_translator",
    "translator",
]
