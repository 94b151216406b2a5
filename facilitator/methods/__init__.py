"""Workshop methods: the registry and its set-up in the factory."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from facilitator.methods.registry import DEFAULT_METHODS, MethodRegistry, load_class


def setup_methods(app: Flask, extra: tuple[str, ...] = ()) -> MethodRegistry:
    """Register the built-in methods and any add-ons, exactly the same way."""
    registry = MethodRegistry(Path(app.static_folder or ""), Path(app.template_folder or ""))
    for path in DEFAULT_METHODS + tuple(app.config.get("EXTRA_METHODS", ())) + extra:
        registry.register(load_class(path))
    app.extensions["facilitator.methods"] = registry
    return registry
