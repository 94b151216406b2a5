"""The method contract suite: every registered method through the same checks.

The methods come from the registry (entry points), not a hand-written list: a new method is
checked as soon as it is installed. Each method's ``kit.example.yaml`` is offered as a kit.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from facilitator.methods.registry import build_registry
from tests.conftest import running_app
from tests.realtime.conftest import facilitator

__all__ = ["facilitator"]

METHOD_IDS = build_registry().ids()


def example_kit_id(method_id: str) -> str:
    """The kit id of a method's example kit (read from its file)."""
    import yaml

    folder = build_registry().get(method_id).folder
    assert folder is not None
    data = yaml.safe_load((folder / "kit.example.yaml").read_text(encoding="utf-8"))
    return str(data["id"])


@pytest.fixture(scope="session")
def example_kits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every method's example kit."""
    folder = tmp_path_factory.mktemp("example-kits")
    for method in build_registry():
        assert method.folder is not None
        shutil.copy(method.folder / "kit.example.yaml", folder / f"{method.id}.yaml")
    return folder


@pytest.fixture()
def app(tmp_path: Path, example_kits: Path) -> Iterator[Flask]:
    """An app whose kits include every method's example kit."""
    with running_app(tmp_path / "data", KITS_DIR=str(example_kits)) as app:
        yield app


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that takes ``method_id`` once per registered method."""
    if "method_id" in metafunc.fixturenames:
        metafunc.parametrize("method_id", METHOD_IDS)
