"""Reading reference data: lists with search, one row by code, the commune picker.

Reference data is not personal data, so any authenticated role may read it. The
exception is a courier's phone number: only province-wide staff and the clerks of the
courier's own postal point, who dispatch them, see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from sqlalchemy import func, select

from postal_service.access import Caller
from postal_service.communes import Commune, communes_of_province
from postal_service.communes import provinces as all_provinces
from postal_service.enums import AgencyLevel, Role, Vehicle
from postal_service.errors import InvalidInput, NotFound
from postal_service.models import Agency, Courier, PostalPoint, Procedure
from postal_service.text import search_key
from postal_service.unit_of_work import UnitOfWork

T = TypeVar("T")
Coded = TypeVar("Coded", PostalPoint, Agency, Courier)
PROVINCE_STAFF = frozenset({Role.ADMIN, Role.SUPERVISOR})


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of a reference list."""

    items: list[T]
    page: int
    page_size: int
    total: int


@dataclass(frozen=True)
class ListQuery:
    """Search text, whether to include deactivated rows, and the page."""

    q: str | None = None
    include_inactive: bool = False
    page: int = 1
    page_size: int = 50


@dataclass(frozen=True)
class CourierView:
    """A courier as the caller may see them: the phone only for those who dispatch them."""

    code: str
    full_name: str
    phone: str | None
    postal_point_code: str
    vehicle: Vehicle
    capacity_items: int
    shift_start: str
    shift_end: str
    active: bool


def by_code(
    uow: UnitOfWork, model: type[Coded], code: str, *, missing_field: str | None = None
) -> Coded:
    """The row with ``code``; NotFound, or with ``missing_field`` an active one or InvalidInput."""
    found = uow.session.scalar(select(model).where(model.code == code))
    what = model.__tablename__[:-1].replace("_", " ")
    if missing_field is not None and (found is None or not found.active):
        raise InvalidInput(f"No active {what} {code}", field=missing_field)
    if found is None:
        raise NotFound(f"No {what} {code}")
    return found


def procedure_by_code(uow: UnitOfWork, code: str) -> Procedure:
    """The procedure with national code ``code``, or NotFound."""
    found = uow.session.scalar(select(Procedure).where(Procedure.national_code == code))
    if found is None:
        raise NotFound(f"No procedure {code}")
    return found


def courier_view(caller: Caller, courier: Courier, point_code: str) -> CourierView:
    """The courier as ``caller`` may see them."""
    sees_phone = caller.role in PROVINCE_STAFF or (
        caller.role is Role.CLERK and caller.postal_point_id == courier.postal_point_id
    )
    return CourierView(
        code=courier.code,
        full_name=courier.full_name,
        phone=courier.phone if sees_phone else None,
        postal_point_code=point_code,
        vehicle=courier.vehicle,
        capacity_items=courier.capacity_items,
        shift_start=courier.shift_start,
        shift_end=courier.shift_end,
        active=courier.active,
    )


def _matches(q: str | None, *texts: str) -> bool:
    words = search_key(q or "").split()
    haystack = search_key(" ".join(texts))
    return all(w in haystack for w in words)


def _page(rows: Sequence[T], query: ListQuery) -> Listing[T]:
    start = (query.page - 1) * query.page_size
    chunk = list(rows[start : start + query.page_size])
    return Listing(chunk, query.page, query.page_size, len(rows))


# Postal points, agencies and couriers number tens to hundreds per province, so they
# are filtered in Python: that matches names without diacritics on every database.
def list_postal_points(uow: UnitOfWork, query: ListQuery) -> Listing[PostalPoint]:
    """Postal points by code, matching ``q`` in code, name or address."""
    with uow:
        rows = uow.session.scalars(select(PostalPoint).order_by(PostalPoint.code))
        found = [
            p
            for p in rows
            if (p.active or query.include_inactive)
            and _matches(query.q, p.code, p.name, p.address)
        ]
        return _page(found, query)


def get_postal_point(uow: UnitOfWork, code: str) -> PostalPoint:
    """One postal point by code."""
    with uow:
        return by_code(uow, PostalPoint, code)


def list_agencies(
    uow: UnitOfWork, query: ListQuery, *, level: AgencyLevel | None = None
) -> Listing[Agency]:
    """Agencies by code, matching ``q`` in code or name, optionally of one level."""
    with uow:
        rows = uow.session.scalars(select(Agency).order_by(Agency.code))
        found = [
            a
            for a in rows
            if (a.active or query.include_inactive)
            and (level is None or a.level is level)
            and _matches(query.q, a.code, a.name)
        ]
        return _page(found, query)


def get_agency(uow: UnitOfWork, code: str) -> Agency:
    """One agency by code."""
    with uow:
        return by_code(uow, Agency, code)


def list_procedures(
    uow: UnitOfWork,
    query: ListQuery,
    *,
    agency_code: str | None = None,
    bcci_allowed: bool | None = None,
) -> Listing[Procedure]:
    """Procedures whose name (with or without diacritics) or national code match ``q``."""
    stmt = select(Procedure)
    for word in search_key(query.q or "").split():
        stmt = stmt.where(
            Procedure.search_name.contains(word, autoescape=True)
            | Procedure.national_code.contains(word, autoescape=True)
        )
    if not query.include_inactive:
        stmt = stmt.where(Procedure.active.is_(True))
    if bcci_allowed is not None:
        stmt = stmt.where(Procedure.bcci_allowed.is_(bcci_allowed))
    if agency_code is not None:
        stmt = stmt.join(Agency, Agency.id == Procedure.agency_id).where(
            Agency.code == agency_code
        )
    with uow:
        total = uow.session.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = uow.session.scalars(
            stmt.order_by(Procedure.national_code)
            .offset((query.page - 1) * query.page_size)
            .limit(query.page_size)
        ).all()
        return Listing(list(rows), query.page, query.page_size, total or 0)


def get_procedure(uow: UnitOfWork, code: str) -> Procedure:
    """One procedure by national code."""
    with uow:
        return procedure_by_code(uow, code)


def list_couriers(
    uow: UnitOfWork,
    caller: Caller,
    query: ListQuery,
    *,
    postal_point_code: str | None = None,
) -> Listing[CourierView]:
    """Couriers by code, matching ``q`` in code or name, optionally of one postal point."""
    stmt = (
        select(Courier, PostalPoint.code)
        .join(PostalPoint, PostalPoint.id == Courier.postal_point_id)
        .order_by(Courier.code)
    )
    if postal_point_code is not None:
        stmt = stmt.where(PostalPoint.code == postal_point_code)
    with uow:
        found = [
            courier_view(caller, courier, point_code)
            for courier, point_code in uow.session.execute(stmt)
            if (courier.active or query.include_inactive)
            and _matches(query.q, courier.code, courier.full_name)
        ]
        return _page(found, query)


def get_courier(uow: UnitOfWork, caller: Caller, code: str) -> CourierView:
    """One courier by code."""
    with uow:
        courier = by_code(uow, Courier, code)
        point = uow.session.get_one(PostalPoint, courier.postal_point_id)
        return courier_view(caller, courier, point.code)


@lru_cache(maxsize=64)
def _province_communes(province_code: int) -> tuple[tuple[Commune, str], ...]:
    return tuple((c, search_key(c.name)) for c in communes_of_province(province_code))


def list_provinces() -> list[tuple[int, str]]:
    """The 34 provinces as (code, name)."""
    return all_provinces()


def search_communes(
    province_code: int | None, q: str | None, *, page: int, page_size: int
) -> Listing[Commune]:
    """Communes of one province (or all), whose name matches ``q`` without diacritics."""
    codes = [c for c, _ in all_provinces()]
    if province_code is not None:
        if province_code not in codes:
            raise InvalidInput(
                f"No province with code {province_code}", field="province"
            )
        codes = [province_code]
    words = search_key(q or "").split()
    found = [
        commune
        for code in codes
        for commune, key in _province_communes(code)
        if all(w in key for w in words)
    ]
    return _page(found, ListQuery(page=page, page_size=page_size))
