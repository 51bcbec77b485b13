"""A courier's phone sends its offline queue."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from api import deps
from api.schemas.operations import SyncIn, SyncOut
from postal_service.services import sync
from postal_service.services.custody import EventRequest
from postal_service.services.sync import SyncEvent

blp = Blueprint("sync", __name__, url_prefix="/api/v1/sync", description="Offline sync")


def _event(body: dict[str, Any]) -> SyncEvent:
    fields = {
        k: v for k, v in body.items() if k not in ("item_code", "client_event_id")
    }
    return SyncEvent(
        item_code=body["item_code"],
        client_event_id=body["client_event_id"],
        event=EventRequest(**fields),
    )


@blp.post("")
@blp.arguments(SyncIn())  # an instance: webargs would build one per request
@blp.response(200, SyncOut)
def sync_events(body: dict[str, Any]) -> dict[str, Any]:
    """Apply queued events in the order they happened; each is idempotent by its id.

    Every event gets an outcome (recorded, duplicate, rejected with a reason), so the
    device can drop what the server has and show the courier what it refused.
    """
    results = sync.sync_events(
        deps.uow(),
        deps.caller(),
        [_event(e) for e in body["events"]],
        settings=deps.settings(),
        now=deps.now(),
    )
    return {"results": results}
