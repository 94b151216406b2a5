"""The command line: `facilitator summarize`, `import` and `export`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result
from docx import Document

from facilitator.cli import cli
from facilitator.cli_minutes import _redactor
from tests.exports.samples import workshop_export
from tests.exports.test_json_import import _without_ids
from tests.support.server import ROOT, LiveServer


def test_summarize_without_a_server(tmp_path: Path) -> None:
    """Minutes of an exported workshop straight from the JSON file, to stdout or a file."""
    source = tmp_path / "workshop.json"
    source.write_text(json.dumps(workshop_export(), ensure_ascii=False), encoding="utf-8")
    cli = LiveServer(tmp_path / "unused", async_mode="threading")
    text = cli.cli("summarize", str(source), "--format", "md", "--locale", "fi")
    assert text.startswith("# Palvelupolku-työpaja\n")
    assert "Palvelupolulta puuttuu selkeä alku" in text
    out = tmp_path / "muistio.docx"
    cli.cli("summarize", str(source), "--format", "docx", "--locale", "sv", "-o", str(out))
    document = Document(str(out))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert not (tmp_path / "unused").exists()  # no database was created


def _run(data_dir: Path, *args: str) -> Result:
    """Run a `facilitator` command in this process (the real command, the real database)."""
    env = {
        "FACILITATOR_DATA_DIR": str(data_dir),
        "FACILITATOR_ASYNC_MODE": "threading",
        "FACILITATOR_SECRET_KEY": "cli-test-secret",
    }
    return CliRunner(env=env).invoke(cli, list(args), catch_exceptions=False)


def test_import_then_export_every_format(tmp_path: Path) -> None:
    """Import a JSON export as a new workshop, then export it again in each format."""
    source = tmp_path / "workshop.json"
    source.write_text(json.dumps(workshop_export(), ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    created = _run(data, "users", "create", "anna", "--password", "pitka-salasana-123")
    assert created.exit_code == 0, created.output
    said = _run(data, "import", str(source), "--owner", "anna")
    assert said.exit_code == 0 and said.output.startswith("Imported workshop "), said.output
    workshop_id = said.output.split()[2].rstrip(":")
    again = tmp_path / "again.json"
    assert _run(data, "export", workshop_id, "--format", "json", "-o", str(again)).exit_code == 0
    assert _without_ids(json.loads(again.read_text("utf-8"))) == _without_ids(workshop_export())
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK"), ("csv", b"PK")):
        target = tmp_path / f"out.{fmt}"
        assert _run(data, "export", workshop_id, "--format", fmt, "-o", str(target)).exit_code == 0
        assert target.read_bytes().startswith(magic), fmt
    clean = _run(data, "export", workshop_id, "--format", "md", "--redact", "-o", "-").output
    assert "Soita minulle" in clean and "040 123 4567" not in clean
    assert _redactor("fi")("phone").strip("[]") in clean
    unknown = _run(data, "import", str(source), "--owner", "nobody")
    assert unknown.exit_code != 0 and "facilitator users create nobody" in unknown.output


def test_bad_import_says_where_and_imports_nothing(tmp_path: Path) -> None:
    """A broken file is refused with the problem's place named, and exits non-zero."""
    data = workshop_export()
    data["contributions"][0]["phase"] = "nowhere"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    server = LiveServer(tmp_path / "data", async_mode="threading")
    server.create_user("anna", "pitka-salasana-123")
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "import", str(source), "--owner", "anna"],
        env=server.env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode != 0
    assert "contributions.0.phase: no phase 'nowhere'" in result.stderr
    assert "Nothing was imported." in result.stderr
    nothing = _run(tmp_path / "data", "export", "1", "--format", "md", "-o", "-")
    assert nothing.exit_code != 0 and "No workshop '1'" in nothing.output
