"""What every page shares: the blueprint factory, strict headers, log-in and the root.

Pages are shells: views render templates only (no queries, no services, no personal
data); the browser fetches everything from ``/api/v1`` with the user's bearer token.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, redirect, render_template, request

from api import deps
from postal_service.enums import Role
from postal_service.labels import (
    EVENT_LABELS,
    FAILURE_LABELS,
    LEG_LABELS,
    ROLE_LABELS,
    STATE_LABELS,
)

API_BASE = "/api/v1"
LOGIN_URL = "/login"
# The page each role lands on after log-in; a role not here has no web page.
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
ROLE_HOMES: dict[Role, str] = {
    Role.CLERK: "/counter",
    Role.COURIER: "/courier",
    Role.AGENCY_OFFICER: "/agency",
    Role.SUPERVISOR: "/supervisor",
    Role.ADMIN: "/supervisor",
}


def tile_source(tile_url: str) -> str | None:
    """The CSP source of a tile URL template (``{s}`` subdomains become ``*``)."""
    if not tile_url or tile_url.startswith("/"):
        return None  # same origin: 'self' covers it
    parts = urlsplit(tile_url)
    host = _PLACEHOLDER.sub("*", parts.netloc)
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str) -> str:
    """The policy of every page: only this origin, plus the map's tile server."""
    images = " ".join(filter(None, ["'self' data: blob:", tile_source(tile_url)]))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def security_headers(response: Response) -> Response:
    """Strict headers on a page response."""
    response.headers["Content-Security-Policy"] = content_security_policy(
        deps.settings().map_tile_url
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    # The courier's page scans with the camera and may locate the phone.
    response.headers["Permissions-Policy"] = (
        "camera=(self), geolocation=(self), microphone=()"
    )
    return response


def page_context() -> dict[str, Any]:
    """What every page template gets: configuration for ``<body data-*>`` and labels."""
    settings = deps.settings()
    return {
        "api_base": API_BASE,
        "login_url": LOGIN_URL,
        "tile_url": settings.map_tile_url,
        "tile_attribution": settings.map_tile_attribution,
        "page_data": {
            "homes": {role.value: url for role, url in ROLE_HOMES.items()},
            "labels": {
                "roles": {k.value: v for k, v in ROLE_LABELS.items()},
                "states": {k.value: v for k, v in STATE_LABELS.items()},
                "events": {k.value: v for k, v in EVENT_LABELS.items()},
                "legs": {k.value: v for k, v in LEG_LABELS.items()},
                "failures": {k.value: v for k, v in FAILURE_LABELS.items()},
            },
        },
    }


def page_blueprint(name: str) -> Blueprint:
    """A blueprint for one user's pages, with the page context and strict headers."""
    bp = Blueprint(f"pages_{name}", __name__)
    bp.context_processor(page_context)
    bp.after_request(security_headers)
    return bp


def render_page(template: str, *, roles: Iterable[Role], **context: Any) -> str:
    """Render a page shell that ``session.js`` opens only to ``roles``."""
    allowed = " ".join(role.value for role in roles)
    return render_template(template, page_roles=allowed, **context)


def _static_headers(response: Response) -> Response:
    if request.endpoint == "static":
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


def install(app: Flask) -> None:
    """Serve static assets with exact types and ``nosniff`` (the system's table varies)."""
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/css", ".css")
    mimetypes.add_type("application/manifest+json", ".webmanifest")
    app.after_request(_static_headers)


bp = page_blueprint("common")


@bp.get("/")
def root() -> Response:
    """The site's root: the log-in page."""
    return redirect(LOGIN_URL)  # type: ignore[return-value]


@bp.get(LOGIN_URL)
def login() -> str:
    """Log-in form; the browser posts it to ``/api/v1/auth/token``."""
    return render_page("login.html", roles=())
