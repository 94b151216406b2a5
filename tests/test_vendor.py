"""The vendored front-end files are the pinned versions, byte for byte (MANIFEST.json sums),
and the minutes editor's bundle is pinned by a lock file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_vendored_files_match_the_manifest() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_editor_bundle_is_pinned_and_licensed() -> None:
    package = json.loads((ROOT / "scripts" / "bundle" / "package.json").read_text())
    lock = json.loads((ROOT / "scripts" / "bundle" / "package-lock.json").read_text())
    for name, version in {**package["dependencies"], **package["devDependencies"]}.items():
        assert version[0].isdigit(), f"{name} must be an exact version, not {version!r}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    licences = (ROOT / "static" / "vendor" / "milkdown" / "THIRD-PARTY.txt").read_text()
    for name in ("@milkdown/core@", "prosemirror-view@", "remark-parse@"):
        assert name in licences
