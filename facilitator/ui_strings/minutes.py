"""Script strings of the minutes page in the console."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    "preview_updating": _l("Updating the preview…"),
    "preview_failed": _l("The preview could not be updated. Your text is safe: press Save."),
    "unsaved": _l("Not saved yet."),
}
