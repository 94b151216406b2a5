"""Load and validate kit files; every error names the file and the path inside it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from facilitator.kits.schema import Kit


class KitError(Exception):
    """A kit that cannot be used; ``problems`` are lines like ``file: path: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def format_loc(loc: Iterable[int | str]) -> str:
    """('phases', 1, 'config', 'x') -> 'phases[1].config.x'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def validation_problems(source: str, error: ValidationError, prefix: str = "") -> list[str]:
    """One readable line per pydantic error."""
    lines = []
    for item in error.errors():
        path = format_loc(item["loc"])
        if prefix:
            path = prefix if path == "(top)" else f"{prefix}.{path}"
        lines.append(f"{source}: {path}: {item['msg']}")
    return lines


def duplicate_phase_ids(source: str, phases: Any) -> list[str]:
    """A phase id used twice, named at its second place (other faults are pydantic's)."""
    if not isinstance(phases, list):
        return []
    seen: dict[str, int] = {}
    problems = []
    for index, phase in enumerate(phases):
        key = phase.get("id") if isinstance(phase, dict) else None
        if not isinstance(key, str):
            continue
        if key in seen:
            problems.append(
                f"{source}: phases[{index}].id: phase id {key!r} is already used by "
                f"phases[{seen[key]}]"
            )
        else:
            seen[key] = index
    return problems


def parse_kit(source: str, raw: Any) -> Kit:
    """Validate the structure of one kit (methods are checked by the registry)."""
    if not isinstance(raw, dict):
        raise KitError([f"{source}: (top): a kit must be a mapping with id, title and phases"])
    duplicates = duplicate_phase_ids(source, raw.get("phases"))
    if duplicates:
        raise KitError(duplicates)
    try:
        return Kit.model_validate(raw)
    except ValidationError as exc:
        raise KitError(validation_problems(source, exc)) from None


def load_kit_file(path: Path) -> Kit:
    """Read and validate one YAML kit file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(top)"
        raise KitError([f"{path}: {where}: not valid YAML ({exc})"]) from None
    return parse_kit(str(path), raw)


def load_kits(folders: Iterable[Path]) -> tuple[dict[str, Kit], dict[str, Path], list[str]]:
    """All kits in the folders: (kits by id, their files, problems). Later folders may not
    redefine an id."""
    kits: dict[str, Kit] = {}
    files: dict[str, Path] = {}
    problems: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            try:
                kit = load_kit_file(path)
            except KitError as exc:
                problems.extend(exc.problems)
                continue
            if kit.id in kits:
                problems.append(f"{path}: id: kit id {kit.id!r} is already used by {files[kit.id]}")
                continue
            kits[kit.id] = kit
            files[kit.id] = path
    return kits, files, problems
