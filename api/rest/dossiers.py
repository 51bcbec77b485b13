"""Creating dossiers and their legs: counter intake, home pickups, results ready."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_smorest import Blueprint

from api import deps
from api.idempotency import current_key, idempotent
from api.schemas.items import DossierIn, DossierOut, ItemOut, ResultReadyIn
from postal_service.enums import ServiceType
from postal_service.models import Dossier, Item
from postal_service.services import intake, results
from postal_service.services.intake import Citizen, DossierRequest

blp = Blueprint(
    "dossiers", __name__, url_prefix="/api/v1", description="Dossier intake and results"
)


def to_request(body: dict[str, Any], **overrides: Any) -> DossierRequest:
    """Turn a loaded DossierIn into the service's request."""
    fields = {**body, **overrides}
    return DossierRequest(
        procedure_code=fields["procedure_code"],
        service_type=fields.get("service_type", ServiceType.RECEIVE),
        citizen=Citizen(**fields["citizen"]),
        documents=fields.get("documents", []),
        dossier_code=fields.get("dossier_code"),
        fee_vnd=fields.get("fee_vnd", 0),
        note=fields.get("note"),
        postal_point_code=fields.get("postal_point_code"),
        appointment_date=fields.get("appointment_date"),
    )


def _created(dossier: Dossier) -> tuple[Dossier, int, dict[str, str]]:
    headers = {}
    if dossier.items:
        code = dossier.items[0].s10_code
        headers["Location"] = url_for("items.item_detail", code=code)
    return dossier, 201, headers


@blp.post("/intakes")
@idempotent
@blp.arguments(DossierIn)
@blp.response(201, DossierOut)
def register_at_counter(body: dict[str, Any]) -> tuple[Dossier, int, dict[str, str]]:
    """A clerk registers a dossier brought to the counter; returns it with its S10 code."""
    dossier = intake.register_at_counter(
        deps.uow(),
        deps.caller(),
        to_request(body),
        settings=deps.settings(),
        now=deps.now(),
        idempotency_key=current_key(),
    )
    return _created(dossier)


@blp.post("/pickups")
@idempotent
@blp.arguments(DossierIn)
@blp.response(201, DossierOut)
def request_home_pickup(body: dict[str, Any]) -> tuple[Dossier, int, dict[str, str]]:
    """Register a request to collect a dossier at the citizen's address."""
    dossier = intake.request_home_pickup(
        deps.uow(),
        deps.caller(),
        to_request(body),
        settings=deps.settings(),
        now=deps.now(),
        idempotency_key=current_key(),
    )
    return _created(dossier)


@blp.post("/results")
@idempotent
@blp.arguments(ResultReadyIn)
@blp.response(201, ItemOut)
def mark_result_ready(body: dict[str, Any]) -> tuple[Item, int, dict[str, str]]:
    """An agency officer or the one-stop system says a result is ready for collection."""
    new = to_request(body["dossier"]) if body.get("dossier") else None
    item = results.mark_result_ready(
        deps.uow(),
        deps.caller(),
        dossier_code=body["dossier_code"],
        appointment_date=body.get("appointment_date"),
        new_dossier=new,
        settings=deps.settings(),
        now=deps.now(),
        idempotency_key=current_key(),
    )
    return item, 201, {"Location": url_for("items.item_detail", code=item.s10_code)}
