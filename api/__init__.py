"""Flask edge: REST blueprints, docs, auth and the error handler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Flask, jsonify, request
from flask_smorest import Api
from sqlalchemy.orm import configure_mappers, sessionmaker

from api import deps, docs, errors, limits, pages
from api.rest import (
    attachments,
    courier,
    documents,
    dossiers,
    handovers,
    items,
    plans,
    public,
    reference,
    reports,
    sync,
)
from api.rest import auth as auth_rest
from api.rest import calendar as calendar_rest
from postal_service.config import Settings
from postal_service.db import make_session_factory, utcnow
from postal_service.services.route_planning import runner
from postal_service.services.token_cache import TokenCache

API_TITLE = "Bưu chính công ích API"
PUBLIC_PATHS = ("/api/v1/public/", "/api/v1/auth/token")


def _api_config() -> dict[str, Any]:
    return {
        "API_TITLE": API_TITLE,
        "API_VERSION": "1.0",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": "/docs-static/",
        "API_SPEC_OPTIONS": {
            "info": {
                "description": "Chain of custody of administrative dossiers and results "
                "carried by the public-utility postal service. Errors are RFC 9457 "
                "application/problem+json. Times are UTC (ISO 8601 with offset)."
            },
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
            },
            "security": [{"bearerAuth": []}],
        },
    }


def create_app(
    overrides: dict[str, Any] | None = None,
    session_factory: sessionmaker[Any] | None = None,
    clock: Callable[[], datetime] | None = None,
    plan_runner: Callable[[Settings, int], None] | None = None,
) -> Flask:
    """Build the Flask app; tests pass their own settings, session factory and clock."""
    settings = Settings.from_env().with_overrides(overrides)
    app = Flask(__name__)
    app.config.update(_api_config())
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    app.config["RATELIMIT_STORAGE_URI"] = settings.redis_url or "memory://"
    app.config["RATELIMIT_HEADERS_ENABLED"] = True
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.extensions["settings"] = settings
    app.extensions["session_factory"] = session_factory or make_session_factory(
        settings.database_url
    )
    # At startup, not in a worker's first request that queries the ORM.
    configure_mappers()
    app.extensions["clock"] = clock or utcnow
    # Bearer tokens are re-checked in the database at most every AUTH_CACHE_SECONDS.
    app.extensions["token_cache"] = TokenCache(settings.auth_cache_seconds)
    # Solves run outside the request: a child process, or RQ when REDIS_URL is set.
    app.extensions["plan_runner"] = plan_runner or runner.submit

    api = Api(app)
    blueprints = (
        auth_rest.blp,
        dossiers.blp,
        items.blp,
        attachments.blp,
        documents.blp,
        sync.blp,
        handovers.blp,
        plans.blp,
        courier.blp,
        calendar_rest.blp,
        reports.blp,
        public.blp,
        *reference.blps,
    )
    for blp in blueprints:
        api.register_blueprint(blp)
    app.register_blueprint(docs.bp)
    pages.register(app)
    limits.init_app(app, public.blp.name)
    errors.register(app)

    @app.before_request
    def _authenticate() -> None:
        # Authenticate before parsing bodies, so an anonymous caller learns nothing.
        path = request.path
        if path.startswith("/api/") and not path.startswith(PUBLIC_PATHS):
            deps.caller()

    @app.get("/healthz")
    def healthz() -> Any:
        """Liveness probe."""
        return jsonify(status="ok")

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    return app
