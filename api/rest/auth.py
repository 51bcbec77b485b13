"""Log in, log out, who am I."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_smorest import Blueprint

from api import deps
from api.schemas.auth import LoginIn, MeOut, TokenOut
from postal_service.services import auth
from postal_service.services.auth import IssuedToken, Profile

blp = Blueprint(
    "auth", __name__, url_prefix="/api/v1/auth", description="Log-in and tokens"
)


@blp.post("/token")
@blp.arguments(LoginIn)
@blp.response(201, TokenOut)
@blp.doc(security=[])
def log_in(body: dict[str, Any]) -> IssuedToken:
    """Exchange a username and password for a bearer token."""
    ttl = timedelta(hours=deps.settings().token_ttl_hours)
    return auth.log_in(
        deps.uow(), body["username"], body["password"], now=deps.now(), ttl=ttl
    )


@blp.post("/revoke")
@blp.response(204)
def log_out() -> None:
    """Revoke the token this request carries."""
    deps.caller()
    token = deps.bearer_token()
    assert token is not None  # deps.caller() has checked it
    auth.revoke_token(deps.uow(), token, now=deps.now(), cache=deps.token_cache())


@blp.get("/me")
@blp.response(200, MeOut)
def me() -> Profile:
    """The caller behind this token: name, role, and what they are bound to."""
    return auth.profile(deps.uow(), deps.caller())
