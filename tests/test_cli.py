"""The command line: `facilitator kits check` (exit codes, error lines) and `users create`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli import cli
from tests.test_kits import BROKEN, GOOD


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, str]:
    """Environment for a CLI run on its own data folder."""
    return {
        "FACILITATOR_DATA_DIR": str(tmp_path / "data"),
        "FACILITATOR_ASYNC_MODE": "threading",
        "FACILITATOR_KITS_DIR": "",
        "FACILITATOR_DATABASE_URL": "",
    }


def test_kits_check_bundled_kits_pass(env):
    result = CliRunner().invoke(cli, ["kits", "check"], env=env)
    assert result.exit_code == 0, result.output
    assert "kit(s) OK" in result.output


def test_kits_check_a_good_file(env, tmp_path: Path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD.format(id="good"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["kits", "check", str(path)], env=env)
    assert result.exit_code == 0, result.output
    assert "1 kit(s) OK." in result.output


@pytest.mark.parametrize(
    "case", ["items_from", "unknown_method", "duplicate_phase", "yaml_syntax", "bad_config_key"]
)
def test_kits_check_a_broken_file(env, tmp_path: Path, case: str):
    text, expected = BROKEN[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["kits", "check", str(path)], env=env)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}: ") and expected in line for line in lines), lines
    assert "OK" not in result.stdout


def test_kits_check_a_folder_reports_each_broken_file(env, tmp_path: Path):
    folder = tmp_path / "kits"
    folder.mkdir()
    (folder / "good.yaml").write_text(GOOD.format(id="good"), encoding="utf-8")
    (folder / "bad.yaml").write_text(BROKEN["unknown_method"][0], encoding="utf-8")
    (folder / "worse.yaml").write_text(BROKEN["yaml_syntax"][0], encoding="utf-8")
    result = CliRunner().invoke(cli, ["kits", "check", str(folder)], env=env)
    assert result.exit_code == 1
    assert f"{folder / 'bad.yaml'}: phases[0].method" in result.stderr
    assert f"{folder / 'worse.yaml'}: line" in result.stderr
    assert "good.yaml" not in result.stderr


def test_kits_check_the_configured_folder(env, tmp_path: Path):
    folder = tmp_path / "kits"
    folder.mkdir()
    (folder / "bad.yaml").write_text(BROKEN["items_from"][0], encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["kits", "check"], env={**env, "FACILITATOR_KITS_DIR": str(folder)}
    )
    assert result.exit_code == 1
    assert f"{folder / 'bad.yaml'}: phases[1].config.items_from" in result.stderr


def test_the_real_command_exits_1_on_a_broken_kit(env, tmp_path: Path):
    """The command as a facilitator types it (exit 0 is checked through CliRunner above)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN["duplicate_phase"][0], encoding="utf-8")
    broken = subprocess.run(
        [sys.executable, "-m", "facilitator", "kits", "check", str(bad)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert broken.returncode == 1
    assert f"{bad}: phases[1].id: phase id 'ideas' is already used by phases[0]" in broken.stderr
    assert broken.stdout == ""


def test_users_create(env):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["users", "create", "anna", "--password", "pitkä salasana"], env=env
    )
    assert result.exit_code == 0, result.output
    again = runner.invoke(cli, ["users", "create", "anna", "--password", "pitkä salasana"], env=env)
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(cli, ["users", "create", "bob", "--password", "short"], env=env)
    assert short.exit_code == 1 and "at least 10" in short.output
