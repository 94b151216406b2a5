"""Text out of exported files with the real tools: LibreOffice for Word, pdftotext for PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

from docx import Document


def require(tool: str) -> str:
    """The tool's path; a missing tool fails the test (never a skip)."""
    path = shutil.which(tool)
    assert path, f"{tool} is not installed (scripts/setup.sh installs it)"
    return path


def pdf_text(content: bytes, tmp_path: Path) -> str:
    """The text of a PDF, extracted by pdftotext (poppler-utils)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "in.pdf"
    source.write_bytes(content)
    result = subprocess.run(
        [require("pdftotext"), "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        timeout=60,
        check=True,
    )
    return result.stdout.decode("utf-8")


def libreoffice_convert(content: bytes, suffix: str, target: str, tmp_path: Path) -> Path:
    """Convert a document with LibreOffice headless in a throwaway profile; returns the file."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(content)
    out = tmp_path / "out"
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            require("soffice"),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    produced = sorted(out.glob("in.*"))
    assert produced, f"LibreOffice produced nothing: {result.stdout!r} {result.stderr!r}"
    return produced[0]


def docx_text(content: bytes) -> str:
    """Paragraph and table text of a .docx read with python-docx (headers and footers too)."""
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def zip_names(content: bytes) -> list[str]:
    """The entries of a zip archive."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.namelist()
