"""Items: list, detail with history, events, cancellation."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE

from api import deps
from api.idempotency import (
    current_key,
    idempotent,
    idempotent_in_one_transaction,
    json_response,
)
from api.schemas.items import (
    CancelIn,
    EventIn,
    EventRecordedOut,
    ItemOut,
    ItemPageOut,
    ItemQueryIn,
    dump_recorded,
)
from postal_service import queries
from postal_service.errors import InvalidInput
from postal_service.models import Item
from postal_service.queries import ItemFilter, Page
from postal_service.s10 import is_valid
from postal_service.services import custody, custody_events
from postal_service.services.custody import EventRequest

blp = Blueprint(
    "items", __name__, url_prefix="/api/v1/items", description="Items in custody"
)


def _code(code: str) -> str:
    code = code.strip().upper()
    if not is_valid(code):
        raise InvalidInput(
            "Not a valid S10 item code (e.g. RR123456785VN)", field="code"
        )
    return code


@blp.get("")
@blp.arguments(ItemQueryIn, location="query", unknown=RAISE)
@blp.response(200, ItemPageOut)
def list_items(args: dict[str, Any]) -> Page:
    """Items the caller handles, most urgent first."""
    flt = ItemFilter(
        state=args["state"],
        leg_kind=args["leg_kind"],
        postal_point_code=args["postal_point"],
        agency_code=args["agency"],
        due_before=args["due_before"],
        due_after=args["due_after"],
        dossier_code=args["dossier_code"],
    )
    return queries.list_items(
        deps.uow(), deps.caller(), flt, page=args["page"], page_size=args["page_size"]
    )


@blp.get("/<code>")
@blp.response(200, ItemOut)
def item_detail(code: str) -> Item:
    """One item with its dossier and full chain of custody."""
    return queries.item_detail(deps.uow(), deps.caller(), _code(code))


@blp.post("/<code>/events")
@idempotent_in_one_transaction
# A schema instance, not the class: webargs would build (deep-copy) one per request.
@blp.arguments(EventIn())
@blp.response(201, EventRecordedOut)
def record_event(body: dict[str, Any], code: str) -> Response:
    """Append a custody event (scan, handover, confirmation, delivery, failed attempt).

    Answers the item's state after the event and the stored event; the dossier and
    the whole history are at ``GET /items/{code}``.
    """
    req = EventRequest(**body)
    recorded = custody_events.record(
        deps.request_uow(),
        deps.caller(),
        _code(code),
        req,
        settings=deps.settings(),
        now=deps.now(),
        idempotency_key=current_key(),
    )
    # The schema documents the answer; dump_recorded builds it (the hot path).
    return json_response(dump_recorded(recorded), 201)


@blp.post("/<code>/cancel")
@idempotent
@blp.arguments(CancelIn)
@blp.response(200, ItemOut)
def cancel_item(body: dict[str, Any], code: str) -> Item:
    """Cancel an item that has not yet left the postal point or the citizen's home."""
    return custody.cancel_item(
        deps.uow(),
        deps.caller(),
        _code(code),
        reason=body["reason"],
        settings=deps.settings(),
        now=deps.now(),
        idempotency_key=current_key(),
    )
