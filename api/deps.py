"""What views need from the app: a unit of work, settings, the clock and the caller."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import cast

from flask import current_app, g, request

from postal_service.access import Caller
from postal_service.config import Settings
from postal_service.errors import Unauthorized
from postal_service.services import auth
from postal_service.services.token_cache import TokenCache
from postal_service.unit_of_work import UnitOfWork


def uow() -> UnitOfWork:
    """A fresh unit of work on the app's session factory."""
    return UnitOfWork(current_app.extensions["session_factory"])


def request_uow() -> UnitOfWork:
    """The open unit of work of a view wrapped in ``idempotent_in_one_transaction``."""
    return cast(UnitOfWork, g.request_uow)


def settings() -> Settings:
    """The app's settings."""
    return cast(Settings, current_app.extensions["settings"])


def now() -> datetime:
    """The current time, from the app's clock (a fake one in tests)."""
    clock = cast(Callable[[], datetime], current_app.extensions["clock"])
    return clock()


def token_cache() -> TokenCache:
    """This process's cache of recently authenticated tokens."""
    return cast(TokenCache, current_app.extensions["token_cache"])


def caller() -> Caller:
    """The authenticated caller, or 401."""
    if "caller" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Log in and send 'Authorization: Bearer <token>'")
        g.caller = auth.authenticate(
            uow(), token.strip(), now=now(), cache=token_cache()
        )
    return cast(Caller, g.caller)


def bearer_token() -> str | None:
    """The raw bearer token of this request, if any."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
