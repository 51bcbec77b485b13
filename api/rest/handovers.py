"""Handover records between couriers and agencies."""

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from flask_smorest import Blueprint
from marshmallow import RAISE

from api import deps
from api.idempotency import idempotent
from api.schemas.handovers import (
    HandoverConfirmIn,
    HandoverOpenIn,
    HandoverOut,
    HandoverQueryIn,
)
from postal_service.models import Handover
from postal_service.services import documents, handovers
from postal_service.services.handovers import LineCount

blp = Blueprint(
    "handovers",
    __name__,
    url_prefix="/api/v1/handovers",
    description="Handover records",
)


@blp.post("")
@idempotent
@blp.arguments(HandoverOpenIn)
@blp.response(201, HandoverOut)
def open_handover(body: dict[str, Any]) -> tuple[Handover, int, dict[str, str]]:
    """A courier at an agency opens a handover listing its items."""
    handover = handovers.open_handover(
        deps.uow(),
        deps.caller(),
        agency_code=body["agency_code"],
        kind=body["kind"],
        item_codes=body["item_codes"],
        settings=deps.settings(),
        now=deps.now(),
        occurred_at=body["occurred_at"],
    )
    location = url_for("handovers.get_handover", handover_id=handover.id)
    return handover, 201, {"Location": location}


@blp.get("")
@blp.arguments(HandoverQueryIn, location="query", unknown=RAISE)
@blp.response(200, HandoverOut(many=True))
def list_handovers(args: dict[str, Any]) -> list[Handover]:
    """Handovers the caller is party to (an officer: their agency's), newest first."""
    return handovers.list_handovers(deps.uow(), deps.caller(), status=args["status"])


@blp.get("/<int:handover_id>")
@blp.response(200, HandoverOut)
def get_handover(handover_id: int) -> Handover:
    """One handover record."""
    return handovers.get_handover(deps.uow(), deps.caller(), handover_id)


@blp.get("/<int:handover_id>/record.pdf")
@blp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="application/pdf",
    description="Biên bản giao nhận, A4",
)
def handover_record(handover_id: int) -> Response:
    """The printed handover record, with each item's outcome and the signatures."""
    pdf = documents.handover_record_pdf(deps.uow(), deps.caller(), handover_id)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="handover-{handover_id}.pdf"'
        },
    )


@blp.post("/<int:handover_id>/confirm")
@idempotent
@blp.arguments(HandoverConfirmIn)
@blp.response(200, HandoverOut)
def confirm_handover(body: dict[str, Any], handover_id: int) -> Handover:
    """The agency officer marks each item received, missing or damaged, and signs."""
    return handovers.confirm_handover(
        deps.uow(),
        deps.caller(),
        handover_id,
        counts=[LineCount(**line) for line in body["lines"]],
        officer_name=body["officer_name"],
        settings=deps.settings(),
        now=deps.now(),
    )
