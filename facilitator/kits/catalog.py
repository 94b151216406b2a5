"""The kits available to this app: bundled ones plus FACILITATOR_KITS_DIR, checked at start-up."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from facilitator.kits.loader import KitError, load_kits
from facilitator.kits.schema import Kit


def kit_folders(app: Flask) -> list[Path]:
    """Bundled kits first, then the configured folder."""
    root = Path(__file__).resolve().parent.parent
    bundled = root / "session_kits"
    if not bundled.is_dir():
        bundled = root.parent / "session_kits"
    folders = [bundled]
    if app.config.get("KITS_DIR"):
        folders.append(Path(app.config["KITS_DIR"]))
    return folders


def check_all(app: Flask) -> tuple[dict[str, Kit], list[str]]:
    """Load every kit and check its methods; (kits, problems)."""
    registry = app.extensions["facilitator.methods"]
    kits, files, problems = load_kits(kit_folders(app))
    for kit_id, kit in list(kits.items()):
        found = registry.check_kit(kit, str(files[kit_id]))
        if found:
            problems.extend(found)
            del kits[kit_id]
    return kits, problems


def setup_kits(app: Flask) -> None:
    """Refuse to start with a broken kit: the error names the file and the path inside it."""
    kits, problems = check_all(app)
    if problems and not app.config.get("KITS_LENIENT"):
        raise KitError(problems)
    app.extensions["facilitator.kits"] = kits
