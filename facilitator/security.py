"""Security headers: a Content Security Policy with no inline script and no other host.

Written by hand (a dozen lines) rather than with Flask-Talisman, whose HTTPS forcing is wrong for
a laptop on a room's Wi-Fi; a reverse proxy adds HSTS in server mode (docs/deployment.md).
"""

from __future__ import annotations

import hmac

from flask import Flask, Response

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    )
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def same_secret(given: object, stored: str) -> bool:
    """Constant-time comparison of a secret from a request with the stored one; any text
    (hmac refuses non-ASCII str, so both sides are compared as bytes)."""
    if not isinstance(given, str) or not given:
        return False
    encoded = given.encode("utf-8", "surrogatepass")
    return hmac.compare_digest(encoded, stored.encode("utf-8"))


def init_app(app: Flask) -> None:
    """Add the headers to every response."""

    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
