"""The method registry: built-ins register exactly like add-ons, with start-up checks.

Every method is found through the ``facilitator.methods`` entry-point group (the project's own
``pyproject.toml`` lists the built-ins; an add-on package lists its own), plus any
``module:Class`` paths in the ``EXTRA_METHODS`` setting. Registering checks the method's folder
(``static/index.js``, ``kit.example.yaml``), declares its error codes and adds its translation
catalogue.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterable, Iterator
from importlib.metadata import entry_points
from pathlib import Path

from pydantic import ValidationError

from facilitator import catalogues
from facilitator.kits.loader import validation_problems
from facilitator.kits.schema import Kit
from facilitator.methods.base import SCREENS, Kind, Method
from facilitator.realtime import errors

ENTRY_POINT_GROUP = "facilitator.methods"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
#: Action types the core's own controls use (a method may not take them over).
RESERVED_PREFIXES = ("workshop.", "phase.", "timer.", "spotlight.", "join.", "item.hide")


class RegistryError(Exception):
    """A method that cannot be registered (duplicate id, missing front end or example kit)."""


def method_folder(method_cls: type[Method]) -> Path:
    """The folder of the module that defines the method class."""
    return Path(inspect.getfile(method_cls)).resolve().parent


class MethodRegistry:
    """Methods by id, in registration order."""

    def __init__(self) -> None:
        self._methods: dict[str, Method] = {}

    def register(self, method_cls: type[Method]) -> Method:
        """Add a method; refuse a bad or duplicate id and missing pieces, with a clear error."""
        method_id = getattr(method_cls, "id", None)
        name = method_cls.__name__
        if not isinstance(method_id, str) or not ID_PATTERN.match(method_id):
            raise RegistryError(f"{name}: id must match {ID_PATTERN.pattern}, got {method_id!r}")
        if method_id in self._methods:
            raise RegistryError(f"method id {method_id!r} is registered twice")
        folder = method_folder(method_cls)
        script = folder / "static" / "index.js"
        if not script.is_file():
            raise RegistryError(f"method {method_id!r} has no front end: {script} is missing")
        example = folder / "kit.example.yaml"
        if not example.is_file():
            raise RegistryError(f"method {method_id!r} has no example kit phase: {example}")
        for kind, meaning in method_cls.kinds.items():
            if not isinstance(meaning, Kind):
                raise RegistryError(f"method {method_id!r}: kind {kind!r} must be a Kind")
        for action in method_cls.handlers:
            if action.startswith(RESERVED_PREFIXES):
                raise RegistryError(f"method {method_id!r}: action {action!r} is the core's")
        unknown_screens = set(method_cls.strings) - set(SCREENS)
        if unknown_screens:
            raise RegistryError(f"method {method_id!r}: unknown screens {sorted(unknown_screens)}")
        try:
            errors.declare(method_id, method_cls.errors)
        except ValueError as exc:
            raise RegistryError(str(exc)) from None
        translations = folder / "translations"
        if translations.is_dir():
            catalogues.add_directory(translations)
        method_cls.folder = folder
        method = self._methods[method_id] = method_cls()
        return method

    def get(self, method_id: str) -> Method:
        """The method with this id (KeyError when unknown)."""
        return self._methods[method_id]

    def __contains__(self, method_id: object) -> bool:
        return method_id in self._methods

    def __iter__(self) -> Iterator[Method]:
        return iter(self._methods.values())

    def ids(self) -> list[str]:
        """Registered ids in registration order."""
        return list(self._methods)

    def check_kit(self, kit: Kit, source: str) -> list[str]:
        """Problems with a kit's methods and their configs, each naming file and path."""
        problems: list[str] = []
        phase_ids = [p.id for p in kit.phases]
        for index, phase in enumerate(kit.phases):
            where = f"phases[{index}]"
            method = self._methods.get(phase.method)
            if method is None:
                known = ", ".join(self._methods)
                problems.append(
                    f"{source}: {where}.method: unknown method {phase.method!r} (known: {known})"
                )
                continue
            if phase.per_group and not method.per_group:
                problems.append(
                    f"{source}: {where}.per_group: the method {phase.method!r} does not run "
                    "per group"
                )
            try:
                config = method.config(phase.config)
            except ValidationError as exc:
                problems.extend(validation_problems(source, exc, f"{where}.config"))
                continue
            for problem in method.check_kit(config, phase_ids, index):
                # Problems read "key: message", so the line names the path down to the key.
                problems.append(f"{source}: {where}.config.{problem}")
        return problems


def load_class(path: str) -> type[Method]:
    """Import 'package.module:Class'."""
    module_name, _, attr = path.partition(":")
    cls = getattr(importlib.import_module(module_name), attr)
    if not (isinstance(cls, type) and issubclass(cls, Method)):
        raise RegistryError(f"{path} is not a Method class")
    return cls


def discover() -> list[type[Method]]:
    """Every method installed under the entry-point group, ordered by entry-point name."""
    found = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (ep.name, ep.value))
    classes: list[type[Method]] = []
    for entry in found:
        cls = entry.load()
        if not (isinstance(cls, type) and issubclass(cls, Method)):
            raise RegistryError(f"entry point {entry.name!r} ({entry.value}) is not a Method")
        classes.append(cls)
    return classes


def build_registry(extra: Iterable[str] = ()) -> MethodRegistry:
    """A registry of every installed method plus ``extra`` 'module:Class' paths."""
    registry = MethodRegistry()
    seen: set[type[Method]] = set()
    for cls in [*discover(), *(load_class(path) for path in extra)]:
        if cls in seen:
            continue
        seen.add(cls)
        registry.register(cls)
    return registry


_DEFAULT: MethodRegistry | None = None


def default_registry() -> MethodRegistry:
    """The installed methods, for code that runs without an app (minutes from the command
    line, tests of the summaries); built once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = build_registry()
    return _DEFAULT
