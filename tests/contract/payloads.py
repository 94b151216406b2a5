"""Valid-looking payloads for any method action, made from its pydantic model (no hand list).

Item ids are taken from a pool (the ids of another workshop, in the cross-workshop check), so
what a handler refuses is decided by the handler, not by a malformed payload.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, Literal, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo


def _bounds(info: FieldInfo) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for meta in info.metadata:
        if isinstance(meta, Ge):
            found["ge"] = meta.ge
        elif isinstance(meta, Le):
            found["le"] = meta.le
        elif isinstance(meta, MinLen):
            found["min_length"] = meta.min_length
        elif isinstance(meta, MaxLen):
            found["max_length"] = meta.max_length
    return found


def _is_id(name: str, info: FieldInfo) -> bool:
    bounds = _bounds(info)
    return name in {"id", "item", "target", "source", "after", "theme", "term"} or (
        bounds.get("ge") == 1 and bounds.get("le") == 2**63 - 1
    )


def _value(annotation: Any, info: FieldInfo, name: str, ids: Iterator[int]) -> Any:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        real = [a for a in args if a is not type(None)]
        return _value(real[0], info, name, ids) if real else None
    if origin is typing.Annotated:
        return _value(args[0], info, name, ids)
    if origin is Literal:
        return args[0]
    if origin in (list, tuple, set):
        return []
    if origin is dict:
        return {}
    if annotation is bool:
        return True
    if annotation is int:
        if _is_id(name, info):
            return next(ids)
        bounds = _bounds(info)
        return max(int(bounds.get("ge", 1)), min(1, int(bounds.get("le", 1))))
    if annotation is float:
        return float(_bounds(info).get("ge", 1))
    if annotation is str:
        length = int(_bounds(info).get("min_length", 1))
        return ("Sopimus " * 8)[: max(length, 7)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return example(annotation, ids)
    return None


def example(
    model: type[BaseModel], ids: Iterator[int], *, optional_ids: bool = True
) -> dict[str, Any]:
    """A payload for ``model`` with every required field filled, id fields from ``ids``, and
    optional id fields either filled too or left at their default (``optional_ids``)."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.is_required() or (optional_ids and _is_id(name, info)):
            data[name] = _value(info.annotation, info, name, ids)
    return data


def valid_example(
    model: type[BaseModel], ids: list[int], *, optional_ids: bool = True
) -> dict[str, Any] | None:
    """``example`` if the model accepts it, else None."""
    pool = iter(ids * 4 + [1] * 8)
    data = example(model, pool, optional_ids=optional_ids)
    try:
        model.model_validate(data)
    except ValidationError:
        return None
    return data


def variants(model: type[BaseModel], ids: list[int]) -> list[dict[str, Any]]:
    """Payloads aimed at each of ``ids`` in turn (the first id field takes each one), with the
    optional id fields filled and left out: every item is tried by every action."""
    found: list[dict[str, Any]] = []
    for start in range(max(1, len(ids))):
        rotated = ids[start:] + ids[:start]
        for optional in (True, False):
            data = valid_example(model, rotated, optional_ids=optional)
            if data is not None and data not in found:
                found.append(data)
    return found
