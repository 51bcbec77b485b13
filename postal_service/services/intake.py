"""Clerk and one-stop use cases that create dossiers: counter intake, home-pickup requests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from postal_service.access import Caller
from postal_service.communes import find_commune
from postal_service.config import Settings
from postal_service.enums import (
    EndpointKind,
    EventType,
    IdType,
    ItemState,
    LegKind,
    Role,
    ServiceType,
    TransitScope,
)
from postal_service.errors import Conflict, InvalidInput, NotFound
from postal_service.models import (
    Agency,
    Dossier,
    Item,
    PostalPoint,
    Procedure,
    TrackingEvent,
)
from postal_service.security import IdNumberVault
from postal_service.serials import next_s10_code
from postal_service.services.calendar import (
    DEFAULT_TARGETS,
    load_calendar,
    load_targets,
    scope_between,
)
from postal_service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Citizen:
    """The applicant's contact, as the service needs it to carry the dossier."""

    name: str
    phone: str
    address: str
    commune_code: int
    lat: float | None = None
    lon: float | None = None
    id_type: IdType | None = None
    id_number: str | None = None


@dataclass(frozen=True)
class DossierRequest:
    """What a clerk (or the one-stop system) registers."""

    procedure_code: str
    service_type: ServiceType
    citizen: Citizen
    documents: list[dict[str, Any]] = field(default_factory=list)
    dossier_code: str | None = None
    fee_vnd: int = 0
    note: str | None = None
    postal_point_code: str | None = None
    appointment_date: date | None = None


def transit_days(
    citizen_commune: int,
    agency_commune: int,
    *,
    with_slip: bool,
    targets: dict[TransitScope, tuple[int, int]] | None = None,
) -> int:
    """J+n transit target (TT 17 Art. 7) between a citizen's and an agency's communes."""
    days, days_with_slip = (targets or DEFAULT_TARGETS)[
        scope_between(citizen_commune, agency_commune)
    ]
    return days_with_slip if with_slip else days


def _procedure(uow: UnitOfWork, code: str) -> Procedure:
    proc = uow.session.scalar(select(Procedure).where(Procedure.national_code == code))
    if proc is None or not proc.active:
        raise InvalidInput(f"No procedure with code {code}", field="procedure_code")
    if not proc.bcci_allowed:
        raise InvalidInput(
            f"Procedure {code} is not offered through the postal service",
            field="procedure_code",
        )
    return proc


def _check_documents(proc: Procedure, documents: list[dict[str, Any]]) -> None:
    # QĐ 45: the clerk must not ask for documents beyond the procedure's published list.
    published = {d["name"] for d in proc.documents}
    for i, doc in enumerate(documents):
        if doc["name"] not in published:
            raise InvalidInput(
                f"'{doc['name']}' is not on the published list of procedure "
                f"{proc.national_code}",
                field=f"documents.{i}.name",
            )


def _postal_point(uow: UnitOfWork, caller: Caller, code: str | None) -> PostalPoint:
    if caller.role is Role.CLERK:
        point = uow.session.get(PostalPoint, caller.postal_point_id)
    elif code is None:
        raise InvalidInput("postal_point_code is required", field="postal_point_code")
    else:
        point = uow.session.scalar(select(PostalPoint).where(PostalPoint.code == code))
    if point is None or not point.active:
        raise InvalidInput(f"No postal point {code}", field="postal_point_code")
    return point


def _new_dossier(
    uow: UnitOfWork,
    caller: Caller,
    req: DossierRequest,
    *,
    settings: Settings,
    now: datetime,
) -> tuple[Dossier, Procedure, PostalPoint]:
    if find_commune(req.citizen.commune_code) is None:
        raise InvalidInput("No such commune code", field="citizen.commune_code")
    proc = _procedure(uow, req.procedure_code)
    _check_documents(proc, req.documents)
    point = _postal_point(uow, caller, req.postal_point_code)
    if req.dossier_code and uow.session.scalar(
        select(Dossier.id).where(Dossier.dossier_code == req.dossier_code)
    ):
        raise Conflict(
            f"Dossier {req.dossier_code} is already registered", field="dossier_code"
        )
    vault = IdNumberVault(settings.id_encryption_key, settings.id_hash_key)
    number = req.citizen.id_number
    c = req.citizen
    dossier = Dossier(
        dossier_code=req.dossier_code,
        procedure_id=proc.id,
        agency_id=proc.agency_id,
        postal_point_id=point.id,
        service_type=req.service_type,
        citizen_name=c.name,
        citizen_phone=c.phone,
        citizen_address=c.address,
        citizen_commune_code=c.commune_code,
        citizen_lat=c.lat,
        citizen_lon=c.lon,
        citizen_id_type=c.id_type,
        citizen_id_cipher=vault.encrypt(number) if number else None,
        citizen_id_hash=vault.keyed_hash(number) if number else None,
        citizen_id_last4=vault.normalise(number)[-4:] if number else None,
        documents=req.documents,
        fee_vnd=req.fee_vnd,
        appointment_date=req.appointment_date,
        note=req.note,
        created_at=now,
        created_by_id=caller.user_id,
    )
    uow.session.add(dossier)
    return dossier, proc, point


def new_item(
    uow: UnitOfWork,
    dossier: Dossier,
    *,
    leg: LegKind,
    creation: EventType,
    caller: Caller,
    agency: Agency,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None,
) -> Item:
    """Create one leg of ``dossier`` with its S10 code, due time and creation event."""
    origin, destination = {
        (LegKind.DOSSIER, EventType.ACCEPTED_AT_COUNTER): (
            EndpointKind.POSTAL_POINT,
            EndpointKind.AGENCY,
        ),
        (LegKind.DOSSIER, EventType.PICKUP_REQUESTED): (
            EndpointKind.ADDRESS,
            EndpointKind.AGENCY,
        ),
        (LegKind.RESULT, EventType.RESULT_READY): (
            EndpointKind.AGENCY,
            EndpointKind.ADDRESS,
        ),
        (LegKind.RETURN, EventType.RETURN_REGISTERED): (
            EndpointKind.POSTAL_POINT,
            EndpointKind.AGENCY,
        ),
    }[(leg, creation)]
    days = transit_days(
        dossier.citizen_commune_code,
        agency.commune_code,
        with_slip=False,
        targets=load_targets(uow.session),
    )
    item = Item(
        s10_code=next_s10_code(uow.session, settings.s10_prefixes[leg.value]),
        dossier=dossier,
        leg_kind=leg,
        state=ItemState.AWAITING_PICKUP,
        origin_kind=origin,
        destination_kind=destination,
        postal_point_id=dossier.postal_point_id,
        agency_id=agency.id,
        home_address=dossier.citizen_address,
        due_at=load_calendar(uow.session).due_at(now, days),
        created_at=now,
        last_event_at=now,
    )
    creation_event = TrackingEvent(
        type=creation,
        occurred_at=now,
        recorded_at=now,
        actor_user_id=caller.user_id,
        actor_role=caller.role,
        idempotency_key=idempotency_key,
    )
    item.apply(item.derive_with(creation_event))
    item.events.append(creation_event)
    uow.session.add(item)
    return item


def _register(
    uow: UnitOfWork,
    caller: Caller,
    req: DossierRequest,
    *,
    creation: EventType,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None,
) -> Dossier:
    with uow:
        dossier, proc, _point = _new_dossier(
            uow, caller, req, settings=settings, now=now
        )
        if req.service_type in (ServiceType.SEND, ServiceType.BOTH):
            new_item(
                uow,
                dossier,
                leg=LegKind.DOSSIER,
                creation=creation,
                caller=caller,
                agency=proc.agency,
                settings=settings,
                now=now,
                idempotency_key=idempotency_key,
            )
        try:
            uow.commit()
        except IntegrityError as exc:  # a concurrent registration of the same code
            raise Conflict(
                "The dossier code is already registered", field="dossier_code"
            ) from exc
        return uow.fresh(Dossier, dossier.id, selectinload(Dossier.items))


def register_at_counter(
    uow: UnitOfWork,
    caller: Caller,
    req: DossierRequest,
    *,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> Dossier:
    """A clerk registers a dossier brought to the counter; its bag is at the postal point."""
    caller.require(Role.CLERK)
    if req.service_type is ServiceType.RECEIVE:
        raise InvalidInput(
            "A counter intake carries a dossier: use send or both", field="service_type"
        )
    return _register(
        uow,
        caller,
        req,
        creation=EventType.ACCEPTED_AT_COUNTER,
        settings=settings,
        now=now,
        idempotency_key=idempotency_key,
    )


def request_home_pickup(
    uow: UnitOfWork,
    caller: Caller,
    req: DossierRequest,
    *,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> Dossier:
    """Register a request to collect a dossier at the citizen's address."""
    caller.require(Role.CLERK, Role.INTEGRATION, Role.ADMIN)
    if req.service_type is ServiceType.RECEIVE:
        raise InvalidInput(
            "A pickup carries a dossier: use send or both", field="service_type"
        )
    return _register(
        uow,
        caller,
        req,
        creation=EventType.PICKUP_REQUESTED,
        settings=settings,
        now=now,
        idempotency_key=idempotency_key,
    )


def get_dossier_for_result(
    uow: UnitOfWork, caller: Caller, dossier_code: str
) -> Dossier:
    """Find a dossier the caller may create a result for, or raise NotFound."""
    dossier = uow.session.scalar(
        select(Dossier).where(Dossier.dossier_code == dossier_code)
    )
    if dossier is None or (
        caller.role is Role.AGENCY_OFFICER and dossier.agency_id != caller.agency_id
    ):
        raise NotFound(f"No dossier {dossier_code}")
    return dossier
