"""The ``Idempotency-Key`` header: a retried mutating request gets the first response."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

from flask import Response, g, jsonify, request
from flask_smorest.utils import deepupdate

from api import deps
from postal_service.errors import InvalidInput
from postal_service.services import idempotency
from postal_service.services.idempotency import StoredResponse

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
_REPLAYED_HEADERS = ("Location", "ETag")
IDEMPOTENCY_PARAMETER = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "maxLength": MAX_KEY_LENGTH},
    "description": "Any unique string (a UUID). A retry with the same key and body gets "
    "the first response again; the same key with another body gets 422.",
}


def _multipart() -> str:
    """A multipart body by its fields and files' digests: each retry has a new boundary."""
    parts: dict[str, Any] = {k: request.form.getlist(k) for k in sorted(request.form)}
    for name in sorted(request.files):
        digests = []
        for upload in request.files.getlist(name):
            digests.append(hashlib.sha256(upload.stream.read()).hexdigest())
            upload.stream.seek(0)
        parts[f"file:{name}"] = digests
    return json.dumps(parts, sort_keys=True)


def _fingerprint() -> str:
    if request.mimetype == "multipart/form-data":
        canonical = _multipart()
    else:
        body = request.get_data(cache=True)
        try:
            canonical = json.dumps(json.loads(body or b"null"), sort_keys=True)
        except ValueError:
            canonical = body.decode("utf-8", "replace")
    raw = f"{request.method} {request.path}?{request.query_string.decode()} {canonical}"
    return hashlib.sha256(raw.encode()).hexdigest()


def current_key() -> str | None:
    """The Idempotency-Key of this request, validated."""
    key = request.headers.get(HEADER)
    if key is None:
        return None
    if not key.strip() or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters", field=HEADER
        )
    return key.strip()


def json_response(body: Any, status: int) -> Response:
    """``body`` as JSON, like flask-smorest's; the wrappers store it without re-parsing."""
    resp = jsonify(body)
    resp.status_code = status
    resp.json_body = body  # type: ignore[attr-defined]
    return resp


def _body(resp: Response) -> Any:
    """The JSON body to store for ``resp``: the view's own object when it left it."""
    if hasattr(resp, "json_body"):
        return resp.json_body
    return resp.get_json(silent=True)


def _replay(stored: StoredResponse) -> Response:
    resp = Response(
        json.dumps(stored.body) if stored.body is not None else b"",
        status=stored.status_code,
        mimetype="application/json",
    )
    resp.headers.update(stored.headers)
    resp.headers["Idempotent-Replayed"] = "true"
    return resp


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Make a mutating view honour the Idempotency-Key header."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = current_key()
        if key is None:
            return view(*args, **kwargs)
        caller = deps.caller()
        claim = idempotency.begin(
            deps.uow(),
            user_id=caller.user_id,
            key=key,
            fingerprint=_fingerprint(),
            now=deps.now(),
        )
        if isinstance(claim, StoredResponse):
            return _replay(claim)
        try:
            resp = view(*args, **kwargs)
        except BaseException:
            idempotency.release(deps.uow(), claim)
            raise
        if not isinstance(resp, Response) or resp.status_code >= 500:
            idempotency.release(deps.uow(), claim)
            return resp
        headers = {h: resp.headers[h] for h in _REPLAYED_HEADERS if h in resp.headers}
        idempotency.complete(
            deps.uow(),
            claim,
            status_code=resp.status_code,
            body=_body(resp),
            headers=headers,
        )
        return resp

    wrapper._apidoc = deepupdate(  # type: ignore[attr-defined]
        getattr(view, "_apidoc", {}),
        {"manual_doc": {"parameters": [IDEMPOTENCY_PARAMETER]}},
    )
    return wrapper


def idempotent_in_one_transaction(view: Callable[..., Any]) -> Callable[..., Any]:
    """Like :func:`idempotent`, in one transaction: the view's work and its response.

    The view works in ``deps.request_uow()`` and does not commit. Its response is
    stored under the key in the same transaction, and both commit together. The key
    is checked afterwards, not claimed first: when the request fails, or its key turns
    out to be taken (a retry, or a concurrent duplicate, which waits on the key's
    unique index), its work is rolled back and the stored response replayed -- or
    422 if the key was used for another request.
    """

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = current_key()
        caller = deps.caller()
        with deps.uow() as uow:
            g.request_uow = uow
            try:
                try:
                    resp = view(*args, **kwargs)
                    if not isinstance(resp, Response) or resp.status_code >= 500:
                        return resp  # leaving the block rolls back
                    if key is not None:
                        idempotency.record_in(
                            uow,
                            user_id=caller.user_id,
                            key=key,
                            fingerprint=_fingerprint(),
                            now=deps.now(),
                            status_code=resp.status_code,
                            body=_body(resp),
                            headers={
                                h: resp.headers[h]
                                for h in _REPLAYED_HEADERS
                                if h in resp.headers
                            },
                        )
                    uow.commit()
                    return resp
                except Exception:
                    if key is None:
                        raise
                    uow.session.rollback()
                    stored = idempotency.stored_response(
                        uow, user_id=caller.user_id, key=key, fingerprint=_fingerprint()
                    )
                    if stored is None:
                        raise
                    return _replay(stored)
            finally:
                g.pop("request_uow", None)

    wrapper._apidoc = deepupdate(  # type: ignore[attr-defined]
        getattr(view, "_apidoc", {}),
        {"manual_doc": {"parameters": [IDEMPOTENCY_PARAMETER]}},
    )
    return wrapper
