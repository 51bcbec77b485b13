"""Public tracking by item code or dossier code: no log-in, masked, rate-limited."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api import deps
from api.limits import limiter
from api.schemas.public import TrackingOut
from postal_service import queries

blp = Blueprint(
    "public", __name__, url_prefix="/api/v1/public", description="Public tracking"
)


@blp.get("/track/<code>")
@limiter.limit(lambda: deps.settings().public_rate_limit)
@blp.response(200, TrackingOut)
@blp.doc(security=[])
def track(code: str) -> dict[str, Any]:
    """Status history of a dossier by its S10 item code or one-stop dossier code."""
    if len(code) > 40:
        code = code[:40]
    return {"code": code, "items": queries.track(deps.uow(), code)}
