"""Reference data use cases: create, change and deactivate postal points, agencies,
procedures and couriers. Only admins and supervisors change reference data; reading
it is in ``reference_queries``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from postal_service.access import Caller
from postal_service.communes import find_commune
from postal_service.enums import AgencyLevel, PostalPointKind, Role, Vehicle
from postal_service.errors import Conflict, InvalidInput
from postal_service.models import Agency, Courier, PostalPoint, Procedure
from postal_service.services.reference_queries import (
    Coded,
    CourierView,
    by_code,
    courier_view,
    procedure_by_code,
)
from postal_service.text import search_key
from postal_service.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Place = TypeVar("Place", PostalPoint, Agency)
WRITERS = (Role.ADMIN, Role.SUPERVISOR)
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class PlaceFields:
    """Fields shared by postal points and agencies; on update, None keeps a value."""

    code: str | None = None
    name: str | None = None
    address: str | None = None
    commune_code: int | None = None
    lat: float | None = None
    lon: float | None = None
    active: bool | None = None


@dataclass(frozen=True)
class PostalPointFields(PlaceFields):
    """A postal point's fields; on update, None keeps a value."""

    kind: PostalPointKind | None = None
    opening_hours: list[list[str]] | None = None


@dataclass(frozen=True)
class AgencyFields(PlaceFields):
    """An agency's fields; on update, None keeps a value."""

    level: AgencyLevel | None = None
    office_hours: list[list[str]] | None = None


@dataclass(frozen=True)
class DocumentSpec:
    """One component of a procedure's published document list."""

    name: str
    original: bool
    copies: int = 0


@dataclass(frozen=True)
class ProcedureFields:
    """A procedure's fields (``code`` is its national code); on update, None keeps a value."""

    code: str | None = None
    name: str | None = None
    agency_code: str | None = None
    bcci_allowed: bool | None = None
    fee_vnd: int | None = None
    processing_days: int | None = None
    documents: list[DocumentSpec] | None = None
    active: bool | None = None


@dataclass(frozen=True)
class CourierFields:
    """A courier's fields; on update, None keeps a value."""

    code: str | None = None
    full_name: str | None = None
    phone: str | None = None
    postal_point_code: str | None = None
    vehicle: Vehicle | None = None
    capacity_items: int | None = None
    shift_start: str | None = None
    shift_end: str | None = None
    active: bool | None = None


_PLACE = ("code", "name", "address", "commune_code", "lat", "lon")
_REQUIRED: dict[type[Any], tuple[str, ...]] = {
    PostalPointFields: (*_PLACE, "kind", "opening_hours"),
    AgencyFields: (*_PLACE, "level", "office_hours"),
    ProcedureFields: ("code", "name", "agency_code", "processing_days", "documents"),
    CourierFields: ("code", "full_name", "phone", "postal_point_code", "vehicle"),
}
# Fields that are not columns of the same name; each use case maps them itself.
_MAPPED = frozenset({"code", "agency_code", "postal_point_code", "documents"})


def check_hours(windows: list[list[str]], field: str) -> None:
    """Raise ``InvalidInput`` unless ``windows`` are 1-2 ordered, disjoint HH:MM pairs."""
    if not 1 <= len(windows) <= 2:
        raise InvalidInput("Give one or two time windows", field=field)
    previous_end = ""
    for i, window in enumerate(windows):
        where = f"{field}.{i}"
        if len(window) != 2 or not all(_HHMM.match(t) for t in window):
            raise InvalidInput('A window is ["HH:MM", "HH:MM"]', field=where)
        start, end = window
        if start >= end:
            raise InvalidInput("A window must end after it starts", field=where)
        if start < previous_end:
            raise InvalidInput("Windows must be in order, not overlapping", field=where)
        previous_end = end


def _documents(docs: list[DocumentSpec]) -> list[dict[str, Any]]:
    if not 1 <= len(docs) <= 50:
        raise InvalidInput("List 1 to 50 documents", field="documents")
    seen: set[str] = set()
    for i, doc in enumerate(docs):
        key = search_key(doc.name)
        if not key or key in seen:
            raise InvalidInput("Name each document once", field=f"documents.{i}.name")
        if not 0 <= doc.copies <= 20 or not (doc.original or doc.copies):
            raise InvalidInput(
                "A document is an original, or 1 to 20 copies",
                field=f"documents.{i}.copies",
            )
        seen.add(key)
    return [
        {"name": d.name.strip(), "original": d.original, "copies": d.copies}
        for d in docs
    ]


def _fill(target: object, data: DataclassInstance, *, creating: bool) -> None:
    """Copy the given (non-None) fields; a creation must give every required one."""
    for name in _REQUIRED[type(data)] if creating else ():
        if getattr(data, name) is None:
            raise InvalidInput(f"{name} is required", field=name)
    for f in fields(data):
        value = getattr(data, f.name)
        if value is not None and f.name not in _MAPPED:
            setattr(target, f.name, value)


def _claim_code(
    uow: UnitOfWork, model: type[Coded], target: Coded, code: str | None
) -> None:
    if code is None or code == target.code:
        return
    if uow.session.scalar(select(model.id).where(model.code == code)) is not None:
        raise Conflict(f"The code {code} is already taken", field="code")
    target.code = code


def _commit(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError as exc:  # a concurrent request took the same code
        raise Conflict("The code is already taken", field="code") from exc


def _save_place(
    uow: UnitOfWork,
    caller: Caller,
    model: type[Place],
    code: str | None,
    data: PostalPointFields | AgencyFields,
) -> Place:
    caller.require(*WRITERS)
    with uow:
        place = model() if code is None else by_code(uow, model, code)
        _claim_code(uow, model, place, data.code)
        _fill(place, data, creating=code is None)
        if find_commune(place.commune_code) is None:
            raise InvalidInput("No such commune code", field="commune_code")
        if isinstance(place, PostalPoint):
            check_hours(place.opening_hours, "opening_hours")
        else:
            check_hours(place.office_hours, "office_hours")
        uow.session.add(place)
        _commit(uow)
        return place


def create_postal_point(
    uow: UnitOfWork, caller: Caller, data: PostalPointFields
) -> PostalPoint:
    """Add a postal point that takes dossiers and returns results."""
    return _save_place(uow, caller, PostalPoint, None, data)


def update_postal_point(
    uow: UnitOfWork, caller: Caller, code: str, data: PostalPointFields
) -> PostalPoint:
    """Change the given fields of a postal point (``active=False`` deactivates it)."""
    return _save_place(uow, caller, PostalPoint, code, data)


def create_agency(uow: UnitOfWork, caller: Caller, data: AgencyFields) -> Agency:
    """Add a state agency that receives dossiers and issues results."""
    return _save_place(uow, caller, Agency, None, data)


def update_agency(
    uow: UnitOfWork, caller: Caller, code: str, data: AgencyFields
) -> Agency:
    """Change the given fields of an agency (``active=False`` deactivates it)."""
    return _save_place(uow, caller, Agency, code, data)


def _save_procedure(
    uow: UnitOfWork, caller: Caller, code: str | None, data: ProcedureFields
) -> Procedure:
    caller.require(*WRITERS)
    with uow:
        if code is None:
            proc = Procedure(bcci_allowed=True, fee_vnd=0, active=True)
        else:
            proc = procedure_by_code(uow, code)
        if data.code is not None and data.code != proc.national_code:
            taken = select(Procedure.id).where(Procedure.national_code == data.code)
            if uow.session.scalar(taken) is not None:
                raise Conflict(f"The code {data.code} is already taken", field="code")
            proc.national_code = data.code
        if data.agency_code is not None:
            agency = by_code(uow, Agency, data.agency_code, missing_field="agency_code")
            proc.agency = agency
        if data.documents is not None:
            proc.documents = _documents(data.documents)
        _fill(proc, data, creating=code is None)
        proc.search_name = search_key(proc.name)
        if proc.fee_vnd < 0:
            raise InvalidInput("A fee cannot be negative", field="fee_vnd")
        if not 0 <= proc.processing_days <= 365:
            raise InvalidInput("0 to 365 days", field="processing_days")
        uow.session.add(proc)
        _commit(uow)
        return uow.fresh(Procedure, proc.id)


def create_procedure(
    uow: UnitOfWork, caller: Caller, data: ProcedureFields
) -> Procedure:
    """Publish an administrative procedure with its document list."""
    return _save_procedure(uow, caller, None, data)


def update_procedure(
    uow: UnitOfWork, caller: Caller, code: str, data: ProcedureFields
) -> Procedure:
    """Change the given fields of a procedure (``active=False`` withdraws it)."""
    return _save_procedure(uow, caller, code, data)


def _save_courier(
    uow: UnitOfWork, caller: Caller, code: str | None, data: CourierFields
) -> CourierView:
    caller.require(*WRITERS)
    with uow:
        if code is None:
            courier = Courier(
                capacity_items=40, shift_start="07:30", shift_end="17:00", active=True
            )
        else:
            courier = by_code(uow, Courier, code)
        _claim_code(uow, Courier, courier, data.code)
        if data.postal_point_code is not None:
            point = by_code(
                uow,
                PostalPoint,
                data.postal_point_code,
                missing_field="postal_point_code",
            )
            courier.postal_point_id = point.id
        _fill(courier, data, creating=code is None)
        if not 1 <= courier.capacity_items <= 500:
            raise InvalidInput("1 to 500 items", field="capacity_items")
        start, end = courier.shift_start, courier.shift_end
        if not (_HHMM.match(start) and _HHMM.match(end)) or start >= end:
            raise InvalidInput(
                "A shift runs from HH:MM to a later HH:MM", field="shift_end"
            )
        uow.session.add(courier)
        _commit(uow)
        point = uow.session.get_one(PostalPoint, courier.postal_point_id)
        return courier_view(caller, courier, point.code)


def create_courier(uow: UnitOfWork, caller: Caller, data: CourierFields) -> CourierView:
    """Add a courier to a postal point (shift 07:30-17:00 and 40 items by default)."""
    return _save_courier(uow, caller, None, data)


def update_courier(
    uow: UnitOfWork, caller: Caller, code: str, data: CourierFields
) -> CourierView:
    """Change the given fields of a courier (``active=False`` takes them off duty)."""
    return _save_courier(uow, caller, code, data)


def deactivate_postal_point(uow: UnitOfWork, caller: Caller, code: str) -> None:
    """Stop offering a postal point; its history stays."""
    update_postal_point(uow, caller, code, PostalPointFields(active=False))


def deactivate_agency(uow: UnitOfWork, caller: Caller, code: str) -> None:
    """Stop sending dossiers to an agency; its history stays."""
    update_agency(uow, caller, code, AgencyFields(active=False))


def deactivate_procedure(uow: UnitOfWork, caller: Caller, code: str) -> None:
    """Withdraw a procedure from intake; its history stays."""
    update_procedure(uow, caller, code, ProcedureFields(active=False))


def deactivate_courier(uow: UnitOfWork, caller: Caller, code: str) -> None:
    """Take a courier off duty for good; their history stays."""
    update_courier(uow, caller, code, CourierFields(active=False))
