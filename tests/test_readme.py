"""The README documents every setting and the two commands."""

from pathlib import Path

from facilitator.config import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    missing = [s.key for s in SETTINGS if f"`FACILITATOR_{s.key}`" not in README]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in README and "make test" in ci
    assert "make run" in README
