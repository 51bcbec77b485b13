"""An agency (or the one-stop system) says a result is ready: the result leg begins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import select

from postal_service.access import Caller
from postal_service.config import Settings
from postal_service.enums import EventType, LegKind, Role, ServiceType
from postal_service.errors import Conflict, NotFound
from postal_service.models import Dossier, Item
from postal_service.services.intake import DossierRequest, _new_dossier, new_item
from postal_service.unit_of_work import UnitOfWork


def mark_result_ready(
    uow: UnitOfWork,
    caller: Caller,
    *,
    dossier_code: str,
    appointment_date: date | None,
    new_dossier: DossierRequest | None,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> Item:
    """Create the result leg of a dossier; register the dossier first if we never carried it.

    A citizen who filed online and chose home delivery is known to us only from here,
    so ``new_dossier`` carries their contact when ``dossier_code`` is new.
    """
    caller.require(Role.AGENCY_OFFICER, Role.INTEGRATION, Role.ADMIN)
    with uow:
        dossier = uow.session.scalar(
            select(Dossier).where(Dossier.dossier_code == dossier_code)
        )
        if dossier is None:
            if new_dossier is None:
                raise NotFound(f"No dossier {dossier_code}")
            req = replace(
                new_dossier, dossier_code=dossier_code, service_type=ServiceType.RECEIVE
            )
            dossier, _proc, _point = _new_dossier(
                uow, caller, req, settings=settings, now=now
            )
            uow.session.flush()
        if caller.role is Role.AGENCY_OFFICER and dossier.agency_id != caller.agency_id:
            raise NotFound(f"No dossier {dossier_code}")
        if dossier.service_type is ServiceType.SEND:
            raise Conflict(
                "The citizen did not ask the post to deliver this result",
                field="dossier_code",
            )
        if any(i.leg_kind is LegKind.RESULT for i in dossier.items):
            raise Conflict(
                f"The result of dossier {dossier_code} is already registered",
                field="dossier_code",
            )
        if appointment_date is not None:
            dossier.appointment_date = appointment_date
        item = new_item(
            uow,
            dossier,
            leg=LegKind.RESULT,
            creation=EventType.RESULT_READY,
            caller=caller,
            agency=dossier.agency,
            settings=settings,
            now=now,
            idempotency_key=idempotency_key,
        )
        uow.commit()
        return uow.fresh(Item, item.id)
