#!/usr/bin/env python3
"""Refresh the vendored front-end libraries from the npm registry at pinned versions.

Each entry names an npm package, an exact version, the files to copy and where they go. The
licence file is copied beside them, and static/vendor/MANIFEST.json records versions and
SHA-256 sums; `python scripts/vendor.py --check` verifies the files on disk against it (the
test suite runs that check). The app never loads anything from another host.

Usage: python scripts/vendor.py [--check]
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PACKAGES = [
    {
        "name": "socket.io-client",
        "version": "4.8.1",
        "dest": "static/vendor/socket.io",
        "files": ["dist/socket.io.esm.min.js", "dist/socket.io.esm.min.js.map"],
        "license": "LICENSE",
    },
    {
        # Used by the browser tests only; never served to users.
        "name": "axe-core",
        "version": "4.10.3",
        "dest": "tests/browser/vendor/axe-core",
        "files": ["axe.min.js"],
        "license": "LICENSE",
    },
]

MANIFEST = ROOT / "static" / "vendor" / "MANIFEST.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(entry: dict, workdir: Path) -> dict:
    spec = f"{entry['name']}@{entry['version']}"
    out = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = workdir / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(workdir / entry["name"], filter="data")
    package = workdir / entry["name"] / "package"
    dest = ROOT / entry["dest"]
    dest.mkdir(parents=True, exist_ok=True)
    sums = {}
    for name in [*entry["files"], entry["license"]]:
        target = dest / Path(name).name
        target.write_bytes((package / name).read_bytes())
        sums[str(target.relative_to(ROOT))] = sha256(target)
    return {"name": entry["name"], "version": entry["version"], "files": sums}


def check() -> int:
    manifest = json.loads(MANIFEST.read_text())
    problems = []
    pinned = {(p["name"], p["version"]) for p in PACKAGES}
    for entry in manifest["packages"]:
        if (entry["name"], entry["version"]) not in pinned:
            problems.append(f"{entry['name']}@{entry['version']} is not the pinned version")
        for rel, digest in entry["files"].items():
            path = ROOT / rel
            if not path.is_file() or sha256(path) != digest:
                problems.append(f"{rel} is missing or differs from the manifest")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    if "--check" in sys.argv:
        return check()
    with tempfile.TemporaryDirectory() as tmp:
        entries = [fetch(entry, Path(tmp)) for entry in PACKAGES]
    MANIFEST.write_text(json.dumps({"packages": entries}, indent=2) + "\n")
    print(f"Vendored {len(entries)} packages; manifest at {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
