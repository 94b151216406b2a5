"""The method registry: built-ins register exactly like add-ons, with start-up checks."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from facilitator.kits.loader import validation_problems
from facilitator.kits.schema import Kit
from facilitator.methods.base import Method

DEFAULT_METHODS: tuple[str, ...] = (
    "facilitator.methods.brainstorm:Brainstorm",
    "facilitator.methods.dot_voting:DotVoting",
)


class RegistryError(Exception):
    """A method that cannot be registered (duplicate id, missing template or script)."""


class MethodRegistry:
    """Methods by id; checks each has its front-end module and template fragment."""

    def __init__(self, static_dir: Path, template_dir: Path) -> None:
        self._methods: dict[str, Method] = {}
        self._static = static_dir
        self._templates = template_dir

    def register(self, method_cls: type[Method]) -> None:
        """Add a method; refuse a duplicate id or missing front-end pieces."""
        method_id = getattr(method_cls, "id", None)
        if not method_id:
            raise RegistryError(f"{method_cls.__name__} has no id")
        if method_id in self._methods:
            raise RegistryError(f"method id {method_id!r} is registered twice")
        script = self._static / "js" / "methods" / f"{method_id}.js"
        if not script.is_file():
            raise RegistryError(f"method {method_id!r} has no script {script}")
        fragment = self._templates / "methods" / f"{method_id}.html"
        if not fragment.is_file():
            raise RegistryError(f"method {method_id!r} has no template {fragment}")
        self._methods[method_id] = method_cls()

    def get(self, method_id: str) -> Method:
        """The method with this id (KeyError when unknown)."""
        return self._methods[method_id]

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
    import importlib

    module_name, _, attr = path.partition(":")
    return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
