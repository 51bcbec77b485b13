"""One error shape for the whole API: RFC 9457 ``application/problem+json``."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from postal_service.errors import (
    Conflict,
    Forbidden,
    IdempotencyMismatch,
    InvalidInput,
    InvalidTransition,
    NotFound,
    PostalError,
    Unauthorized,
)

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"

_DOMAIN: dict[type[PostalError], tuple[int, str, str]] = {
    NotFound: (404, "not-found", "Not found"),
    InvalidTransition: (409, "invalid-transition", "Invalid transition"),
    Conflict: (409, "conflict", "Conflict"),
    InvalidInput: (422, "validation-error", "Invalid input"),
    IdempotencyMismatch: (422, "idempotency-key-reused", "Idempotency-Key reused"),
    Unauthorized: (401, "unauthorized", "Unauthorized"),
    Forbidden: (403, "forbidden", "Forbidden"),
}
_HTTP_SLUG = {
    400: "bad-request",
    401: "unauthorized",
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
}


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response:
    """Build a problem+json response."""
    body = {
        "type": f"/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    resp = Response(json.dumps(body), status=status, mimetype=PROBLEM)
    for name, value in (headers or {}).items():
        resp.headers[name] = value
    return resp


def _flatten(messages: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        yield prefix or "_schema", messages
    elif isinstance(messages, list):
        for i, value in enumerate(messages):
            yield from _flatten(value, f"{prefix}.{i}")
    else:
        yield prefix or "_schema", [str(messages)]


def field_errors(messages: Any) -> dict[str, list[str]]:
    """Flatten webargs messages ``{"json": {"citizen": {"phone": [..]}}}`` to dotted paths."""
    if isinstance(messages, dict) and len(messages) == 1:
        location, inner = next(iter(messages.items()))
        if location in ("json", "form", "files"):
            messages = inner
    return dict(_flatten(messages))


def handle_http(exc: HTTPException) -> Response:
    """Werkzeug/webargs/limiter errors, keeping headers such as ``Allow``."""
    status = exc.code or 500
    headers = {
        k: v
        for k, v in exc.get_headers()
        if k.lower() not in ("content-type", "content-length")
    }
    data = getattr(exc, "data", None) or {}
    extra: dict[str, Any] = {}
    detail = exc.description or ""
    if "messages" in data:
        extra["errors"] = field_errors(data["messages"])
        names = ", ".join(sorted(extra["errors"]))
        detail = f"Invalid input: {names}"
        headers.update(data.get("headers") or {})
    slug = _HTTP_SLUG.get(status, f"http-{status}")
    return problem(status, slug, exc.name, detail, headers=headers, **extra)


def handle_domain(exc: PostalError) -> Response:
    """Domain errors raised by services."""
    status, slug, title = next(
        (v for cls, v in _DOMAIN.items() if isinstance(exc, cls)),
        (400, "bad-request", "Bad"),
    )
    extra: dict[str, Any] = {}
    if exc.field:
        extra["errors"] = {exc.field: [exc.message]}
    if isinstance(exc, InvalidTransition):
        extra["allowed_events"] = exc.allowed
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return problem(status, slug, title, exc.message, headers=headers, **extra)


def handle_unexpected(exc: Exception) -> Response:
    """Anything else: log it (no request body, so no personal data) and answer 500."""
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem(
        500, "internal-error", "Internal error", "Something went wrong on our side"
    )


def register(app: Flask) -> None:
    """Install the handlers (after flask-smorest, so ours win)."""
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(PostalError, handle_domain)
    app.register_error_handler(Exception, handle_unexpected)
