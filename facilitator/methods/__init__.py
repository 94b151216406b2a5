"""Workshop methods: the registry and its set-up in the factory.

Each method's folder is served as static files under ``/static/m/<id>/`` (a blueprint per
method), its catalogue joins Flask-Babel's, and its templates (if it has any) join the template
search path. The core's pages and views never name a method.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, url_for

from facilitator.methods.registry import MethodRegistry, build_registry

STATIC_PREFIX = "/static/m"


def setup_methods(app: Flask, extra: tuple[str, ...] = ()) -> MethodRegistry:
    """Register every installed method and any configured add-ons, exactly the same way."""
    registry = build_registry(tuple(app.config.get("EXTRA_METHODS", ())) + extra)
    babel_dirs = app.extensions["babel"].translation_directories
    for method in registry:
        folder = method.folder
        assert folder is not None
        templates = folder / "templates"
        blueprint = Blueprint(
            f"m_{method.id}",
            f"facilitator.methods.{method.id}",
            static_folder=str(folder / "static"),
            static_url_path=f"{STATIC_PREFIX}/{method.id}",
            template_folder=str(templates) if templates.is_dir() else None,
        )
        app.register_blueprint(blueprint)
        translations = folder / "translations"
        if translations.is_dir() and str(translations) not in babel_dirs:
            babel_dirs.append(str(translations))
    app.extensions["facilitator.methods"] = registry
    return registry


def registry_of(app: Flask) -> MethodRegistry:
    """The app's method registry."""
    registry: MethodRegistry = app.extensions["facilitator.methods"]
    return registry


def method_assets(registry: MethodRegistry, method_ids: list[str]) -> dict[str, Any]:
    """What a page needs to load a workshop's methods: the modules' base URL, the methods' ids
    (for their script strings) and their stylesheets (in the page's head, so nothing flashes
    unstyled)."""
    ids = [m for m in dict.fromkeys(method_ids) if m in registry]
    styles = []
    for method_id in ids:
        folder = registry.get(method_id).folder
        if folder is not None and (folder / "static" / "style.css").is_file():
            styles.append((method_id, url_for(f"m_{method_id}.static", filename="style.css")))
    return {
        "methods_base": url_for("static", filename="m/"),
        "method_ids": ids,
        "method_styles": styles,
    }


def workshop_assets(workshop: Any) -> dict[str, Any]:
    """:func:`method_assets` for the methods of a workshop's phases."""
    from flask import current_app

    return method_assets(registry_of(current_app), [p.method for p in workshop.phases])
