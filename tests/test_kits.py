"""Session kits: every bundled kit is valid; broken kits are refused with file and path."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from facilitator import create_app
from facilitator.kits import KitError, load_kit_file
from facilitator.kits.catalog import check_all, kit_folders

ROOT = Path(__file__).resolve().parent.parent
GOOD = """\
id: {id}
title: Testi
phases:
  - id: ideas
    method: brainstorm
    title: Ideat
  - id: vote
    method: dot_voting
    title: Äänestys
    config:
      items_from: ideas
"""

BROKEN = {
    "items_from": (
        GOOD.format(id="bad").replace("items_from: ideas", "items_from: idea"),
        "phases[1].config.items_from: 'idea' is not an earlier phase",
    ),
    "items_from_later": (
        """\
id: bad
title: T
phases:
  - id: vote
    method: dot_voting
    title: V
    config: {items_from: ideas}
  - id: ideas
    method: brainstorm
    title: I
""",
        "phases[0].config.items_from: 'ideas' is not an earlier phase",
    ),
    "unknown_method": (
        GOOD.format(id="bad").replace("method: brainstorm", "method: brainstrom"),
        # The known methods follow (whatever is installed: the list grows with every method).
        "phases[0].method: unknown method 'brainstrom' (known: brainstorm, dot_voting",
    ),
    "duplicate_phase": (
        GOOD.format(id="bad").replace("- id: vote", "- id: ideas"),
        "phases[1].id: phase id 'ideas' is already used by phases[0]",
    ),
    "yaml_syntax": (
        "id: bad\ntitle: T\nphases:\n  - id: x\n    method: [brainstorm\n",
        "line ",
    ),
    "bad_config_key": (
        GOOD.format(id="bad").replace(
            "    title: Ideat", "    title: Ideat\n    config: {colour: red}"
        ),
        "phases[0].config.colour: Extra inputs are not permitted",
    ),
    "bad_config_value": (
        GOOD.format(id="bad").replace(
            "    title: Ideat", "    title: Ideat\n    config: {max_length: 9000}"
        ),
        "phases[0].config.max_length: Input should be less than or equal to 500",
    ),
    "no_items": (
        GOOD.format(id="bad").replace("items_from: ideas", "live_results: true"),
        "phases[1].config.items: give items or items_from",
    ),
    "missing_title": (
        "id: bad\nphases:\n  - id: x\n    method: brainstorm\n    title: X\n",
        "title: Field required",
    ),
    "not_a_mapping": ("- just\n- a list\n", "(top): a kit must be a mapping"),
    "bad_minutes": (
        GOOD.format(id="bad").replace("    title: Ideat", "    title: Ideat\n    minutes: 0"),
        "phases[0].minutes: Input should be greater than or equal to 1",
    ),
}


def test_bundled_kits_are_valid(app: Flask):
    folders = kit_folders(app)
    files = sorted(folders[0].glob("*.yaml"))
    assert {p.stem for p in files} >= {"demo"}
    kits, problems = check_all(app)
    assert problems == []
    assert len(kits) == len(files)
    for path in files:
        kit = load_kit_file(path)
        assert kits[kit.id].phases
        for phase in kit.phases:
            assert phase.title.fi and phase.title.sv and phase.title.en, (path, phase.id)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_kit_problems_name_file_and_path(app: Flask, tmp_path: Path, case: str):
    text, expected = BROKEN[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")
    registry = app.extensions["facilitator.methods"]
    try:
        kit = load_kit_file(path)
    except KitError as exc:
        problems = exc.problems
    else:
        problems = registry.check_kit(kit, str(path))
    assert problems, case
    assert any(line.startswith(f"{path}: ") and expected in line for line in problems), problems


def test_yaml_error_names_the_line(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\ntitle: T\nphases:\n  - id: a\n    method: [x\n", encoding="utf-8")
    with pytest.raises(KitError) as info:
        load_kit_file(path)
    assert info.value.problems[0].startswith(f"{path}: line ")


def test_localized_text_falls_back_to_finnish(tmp_path: Path):
    path = tmp_path / "k.yaml"
    path.write_text(
        GOOD.format(id="k").replace("title: Testi", "title: {fi: Testi, en: Test}"),
        encoding="utf-8",
    )
    kit = load_kit_file(path)
    assert kit.title.get("en") == "Test"
    assert kit.title.get("sv") == "Testi"
    assert kit.phases[0].title.get("sv") == "Ideat"
    assert kit.title.missing() == ["sv"]


def _config(tmp_path: Path, kits: Path) -> dict:
    return {
        "DATA_DIR": str(tmp_path / "data"),
        "ASYNC_MODE": "threading",
        "SECRET_KEY": "x",
        "TESTING": True,
        "KITS_DIR": str(kits),
    }


def test_app_refuses_to_start_with_a_broken_kit(tmp_path: Path):
    kits = tmp_path / "kits"
    kits.mkdir()
    (kits / "bad.yaml").write_text(BROKEN["items_from"][0], encoding="utf-8")
    with pytest.raises(KitError) as info:
        create_app(_config(tmp_path, kits))
    assert "bad.yaml: phases[1].config.items_from" in str(info.value)


def test_app_starts_with_an_extra_good_kit(tmp_path: Path):
    kits = tmp_path / "kits"
    kits.mkdir()
    (kits / "mine.yaml").write_text(GOOD.format(id="mine"), encoding="utf-8")
    app = create_app(_config(tmp_path, kits))
    assert "mine" in app.extensions["facilitator.kits"]


def test_a_kit_id_may_not_be_defined_twice(tmp_path: Path):
    kits = tmp_path / "kits"
    kits.mkdir()
    (kits / "again.yaml").write_text(GOOD.format(id="demo"), encoding="utf-8")
    with pytest.raises(KitError) as info:
        create_app(_config(tmp_path, kits))
    assert "again.yaml: id: kit id 'demo' is already used" in str(info.value)


def test_the_environment_variable_names_the_folder(tmp_path: Path, monkeypatch):
    kits = tmp_path / "kits"
    kits.mkdir()
    (kits / "bad.yaml").write_text(BROKEN["unknown_method"][0], encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_KITS_DIR", str(kits))
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(KitError) as info:
        create_app({"ASYNC_MODE": "threading", "SECRET_KEY": "x"})
    assert f"{kits / 'bad.yaml'}: phases[0].method: unknown method 'brainstrom'" in str(info.value)
