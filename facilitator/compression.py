"""Static files go out compressed (Brotli or gzip, by what the browser accepts) via Flask-Compress.

Only static files are compressed: pages carry CSRF tokens, and compressing a secret beside text
an attacker can choose is what BREACH exploits; pages are small anyway. Each file is compressed
once per version (the cache key holds its ETag) and kept in memory.
"""

from __future__ import annotations

from flask import Flask, Request, Response, g, request
from flask_compress import Compress

compress = Compress()

MIMETYPES = [
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "image/vnd.microsoft.icon",
    "image/x-icon",
    "text/plain",
    "text/markdown",
]


class _Cache:
    """Compressed bytes by algorithm, path and ETag (a bounded number of static files)."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        """The compressed bytes, if this version was compressed before."""
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Remember the compressed bytes (older versions of a file are dropped)."""
        if len(self.data) > 2000:
            self.data.clear()
        self.data[key] = value


def _key(_request: Request) -> str:
    return str(g.get("compress_key", ""))


def is_static(endpoint: str | None) -> bool:
    """The app's static files and any blueprint's (``<blueprint>.static``)."""
    return bool(endpoint) and (endpoint == "static" or str(endpoint).endswith(".static"))


def init_app(app: Flask) -> None:
    """Compress static responses after every other hook has run."""
    app.config.setdefault("COMPRESS_REGISTER", False)  # pages are left alone (see above)
    app.config.setdefault("COMPRESS_MIMETYPES", MIMETYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 9)
    app.config.setdefault("COMPRESS_LEVEL", 9)
    app.config.setdefault("COMPRESS_MIN_SIZE", 256)
    app.config.setdefault("COMPRESS_CACHE_BACKEND", _Cache)
    app.config.setdefault("COMPRESS_CACHE_KEY", _key)
    compress.init_app(app)

    @app.after_request
    def compress_static(response: Response) -> Response:
        """Compress a static file for a browser that accepts Brotli or gzip."""
        if not is_static(request.endpoint) or response.status_code != 200:
            return response
        if response.mimetype not in compress.compress_mimetypes_set:
            return response
        etag, _weak = response.get_etag()
        g.compress_key = f"{request.path}|{etag or ''}"
        # send_file streams the file; read it so it is compressed whole (gzip needs that).
        response.direct_passthrough = False
        stream = response.response
        response.set_data(response.get_data())
        close = getattr(stream, "close", None)
        if close is not None:
            close()
        return compress.after_request(response)
