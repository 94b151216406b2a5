#!/usr/bin/env python3
"""Refresh the vendored front-end libraries from the npm registry at pinned versions.

Each entry names an npm package, an exact version, the files to copy and where they go. The
licence file is copied beside them, and static/vendor/MANIFEST.json records versions and
SHA-256 sums; `python scripts/vendor.py --check` verifies the files on disk against it (the
test suite runs that check). The app never loads anything from another host.

Libraries that ship no browser build are bundled: scripts/bundle/ holds a package.json and a
package-lock.json with exact versions, and an entry module per bundle; this script runs
`npm ci` there (in a temporary copy) and esbuild (pinned in the same lock file) to write one
minified ES module, plus the licences of every package that went into it (THIRD-PARTY.txt).

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

BUNDLES = [
    {
        # The minutes editor: Milkdown (ProseMirror + remark), CommonMark and GFM tables.
        "name": "@milkdown/kit",
        "entry": "milkdown.entry.js",
        "dest": "static/vendor/milkdown",
        "file": "milkdown.js",
    },
]

MANIFEST = ROOT / "static" / "vendor" / "MANIFEST.json"
BUNDLE_DIR = ROOT / "scripts" / "bundle"


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


def _locked_version(lock: dict, name: str) -> str:
    return str(lock["packages"][f"node_modules/{name}"]["version"])


def _package_dir(path: str) -> str | None:
    """node_modules/@scope/name/... or node_modules/name/... → that package's folder."""
    parts = Path(path).parts
    if "node_modules" not in parts:
        return None
    at = len(parts) - 1 - parts[::-1].index("node_modules")
    take = 3 if parts[at + 1].startswith("@") else 2
    return str(Path(*parts[: at + take]))


def _licences(workdir: Path, inputs: list[str]) -> str:
    """The licence texts of every package whose files went into a bundle."""
    out = []
    for folder in sorted({d for d in map(_package_dir, inputs) if d}):
        package = json.loads((workdir / folder / "package.json").read_text())
        texts = sorted((workdir / folder).glob("LICEN[CS]E*")) or sorted(
            (workdir / folder).glob("licen[cs]e*")
        )
        body = texts[0].read_text(errors="replace").strip() if texts else ""
        licence = package.get("license", "see the package")
        out.append(f"{package['name']}@{package['version']} ({licence})\n\n{body}\n")
    return ("\n" + "-" * 72 + "\n\n").join(out)


def bundle(entry: dict, workdir: Path) -> dict:
    """npm ci from the lock file, then esbuild the entry into one minified ES module."""
    work = workdir / "bundle"
    if not work.exists():
        work.mkdir()
        for name in ("package.json", "package-lock.json"):
            (work / name).write_bytes((BUNDLE_DIR / name).read_bytes())
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=work, check=True)
    (work / entry["entry"]).write_bytes((BUNDLE_DIR / entry["entry"]).read_bytes())
    dest = ROOT / entry["dest"]
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / entry["file"]
    subprocess.run(
        [
            str(work / "node_modules" / ".bin" / "esbuild"),
            entry["entry"],
            "--bundle",
            "--format=esm",
            "--minify",
            "--target=es2020",
            "--legal-comments=none",
            "--metafile=meta.json",
            f"--outfile={target}",
        ],
        cwd=work,
        check=True,
        capture_output=True,
    )
    meta = json.loads((work / "meta.json").read_text())
    licences = dest / "THIRD-PARTY.txt"
    licences.write_text(_licences(work, list(meta["inputs"])), encoding="utf-8")
    lock = json.loads((BUNDLE_DIR / "package-lock.json").read_text())
    sums = {str(p.relative_to(ROOT)): sha256(p) for p in (target, licences)}
    return {"name": entry["name"], "version": _locked_version(lock, entry["name"]), "files": sums}


def check() -> int:
    manifest = json.loads(MANIFEST.read_text())
    problems = []
    lock = json.loads((BUNDLE_DIR / "package-lock.json").read_text())
    pinned = {(p["name"], p["version"]) for p in PACKAGES} | {
        (b["name"], _locked_version(lock, b["name"])) for b in BUNDLES
    }
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
        entries += [bundle(entry, Path(tmp)) for entry in BUNDLES]
    MANIFEST.write_text(json.dumps({"packages": entries}, indent=2) + "\n")
    print(f"Vendored {len(entries)} packages and bundles; manifest at {MANIFEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
