"""The API docs UI (Swagger UI) served from the installed package: no CDN needed."""

from __future__ import annotations

import swagger_ui_bundle
from flask import Blueprint, Response, send_from_directory

bp = Blueprint("docs_static", __name__)


@bp.get("/docs-static/<path:filename>")
def asset(filename: str) -> Response:
    """A Swagger UI asset."""
    return send_from_directory(
        swagger_ui_bundle.swagger_ui_path, filename, max_age=86400
    )
