"""Static files go out compressed, a favicon exists, pages are not compressed."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
from flask import Flask

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("encoding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_static_files_are_compressed(app: Flask, encoding: str, decode) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    original = (ROOT / "static" / "css" / "base.css").read_bytes()
    for _ in range(2):  # the second time from the cache of compressed files
        response = client.get("/static/css/base.css", headers={"Accept-Encoding": encoding})
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in response.headers["Vary"]
        assert int(response.headers["Content-Length"]) == len(response.data) < len(original) / 2
        assert decode(response.data) == original


def test_a_browser_asking_for_both_gets_brotli(app: Flask) -> None:
    response = app.test_client().get(
        "/static/js/core/i18n.js", headers={"Accept-Encoding": "gzip, deflate, br, zstd"}
    )
    assert response.headers["Content-Encoding"] == "br"
    assert response.mimetype == "text/javascript"


def test_without_accept_encoding_the_file_goes_as_it_is(app: Flask) -> None:
    response = app.test_client().get("/static/css/base.css", headers={"Accept-Encoding": ""})
    assert "Content-Encoding" not in response.headers
    assert response.data == (ROOT / "static" / "css" / "base.css").read_bytes()


def test_a_cached_file_is_not_sent_again(app: Flask) -> None:
    client = app.test_client()
    first = client.get("/static/css/base.css", headers={"Accept-Encoding": "gzip"})
    etag = first.headers["ETag"]
    again = client.get(
        "/static/css/base.css", headers={"Accept-Encoding": "gzip", "If-None-Match": etag}
    )
    assert again.status_code == 304 and again.data == b""


def test_pages_are_not_compressed(app: Flask) -> None:
    """Pages hold CSRF tokens: compressing them beside chosen text is the BREACH attack."""
    response = app.test_client().get("/setup", headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_the_favicon_is_there(app: Flask) -> None:
    client = app.test_client()
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/setup").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    svg = client.get("/static/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
