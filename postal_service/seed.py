"""Demo data: Thái Nguyên (province 19, which took in the former Bắc Kạn in July 2025).

Postal points and agencies sit in the province's real communes, but every coordinate
is SYNTHETIC: drawn at random inside the box lat 21.35-22.65, lon 105.45-106.25, not
surveyed. Every demo user (admin, supervisor, clerk.bc001..., courier.bt001...,
officer.<agency code>, onestop) has the password ``demo1234``. Dossiers are created
and moved only through the services, in time order with the clock moving forward, so
every history is one the state machine accepts.
"""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import func, select

from postal_service.access import Caller
from postal_service.communes import communes_of_province
from postal_service.config import Settings
from postal_service.enums import AgencyLevel, Role
from postal_service.enums import PostalPointKind as Kind
from postal_service.models import (
    Agency,
    Courier,
    Dossier,
    Item,
    PostalPoint,
    Procedure,
    TrackingEvent,
    User,
)
from postal_service.security import hash_password
from postal_service.seed_data import (
    BOX,
    COMMUNE_AGENCIES,
    CULTURAL_POINT_HOURS,
    EXTRA_COURIERS,
    OFFICE_HOURS,
    POST_HOURS,
    PROCEDURES,
    PROVINCE_CODE,
    PROVINCIAL_AGENCIES,
    VEHICLES,
    name,
    street,
)
from postal_service.seed_traffic import Traffic, plan_stories
from postal_service.services import reference
from postal_service.services.reference import (
    AgencyFields,
    CourierFields,
    DocumentSpec,
    PostalPointFields,
    ProcedureFields,
)
from postal_service.unit_of_work import UnitOfWork

DEMO_PASSWORD = "demo1234"
POINTS = 49


def seed_demo(
    uow: UnitOfWork, settings: Settings, *, now: datetime, seed: int = 1
) -> str:
    """Load the demo province once; return a one-line summary."""
    with uow:
        if uow.session.scalar(
            select(PostalPoint.id).where(PostalPoint.code == "BC001")
        ):
            return (
                "Demo data already present (postal point BC001 exists): nothing done."
            )
    rng = random.Random(seed)
    password_hash = hash_password(DEMO_PASSWORD)  # once: Argon2 is slow on purpose
    staff: list[UserRow] = [
        ("admin", "Quản trị hệ thống", Role.ADMIN, {}),
        ("supervisor", "Giám sát Bưu điện tỉnh", Role.SUPERVISOR, {}),
        ("onestop", "Hệ thống Một cửa điện tử tỉnh", Role.INTEGRATION, {}),
    ]
    callers = _add_users(uow, staff, password_hash, now)
    _reference_data(uow, callers["admin"], rng)
    callers |= _add_users(uow, _bound_users(uow, rng), password_hash, now)
    Traffic(uow, settings, now).run(plan_stories(uow, callers, rng, now), rng)
    return _summary(uow)


def _coords(rng: random.Random) -> tuple[float, float]:
    lat_min, lat_max, lon_min, lon_max = BOX
    return round(rng.uniform(lat_min, lat_max), 5), round(
        rng.uniform(lon_min, lon_max), 5
    )


def _short(commune_name: str) -> str:
    return commune_name.removeprefix("Phường ").removeprefix("Xã ")


def _reference_data(uow: UnitOfWork, admin: Caller, rng: random.Random) -> None:
    """Postal points, agencies, procedures and couriers, through the services."""
    communes = communes_of_province(PROVINCE_CODE)
    chosen = [communes[0], *rng.sample(communes[1:], POINTS - 1)]
    offices: list[str] = []
    for i, commune in enumerate(chosen, start=1):
        ward = commune.name.startswith("Phường")
        kind = Kind.POST_OFFICE if ward or i % 2 else Kind.CULTURAL_POST_POINT
        label = f"Bưu cục {_short(commune.name)}"
        if i == 1:
            kind, label = Kind.TRANSACTION_CENTER, "Trung tâm Giao dịch Bưu điện tỉnh"
        elif kind is Kind.CULTURAL_POST_POINT:
            label = f"Điểm Bưu điện - Văn hóa xã {_short(commune.name)}"
        lat, lon = _coords(rng)
        hours = CULTURAL_POINT_HOURS if kind is Kind.CULTURAL_POST_POINT else POST_HOURS
        point = PostalPointFields(
            code=f"BC{i:03d}",
            name=label,
            kind=kind,
            address=street(rng, commune.name),
            commune_code=commune.code,
            lat=lat,
            lon=lon,
            opening_hours=hours,
        )
        reference.create_postal_point(uow, admin, point)
        if kind is not Kind.CULTURAL_POST_POINT:
            offices.append(f"BC{i:03d}")
    agencies = [(c, n, AgencyLevel.PROVINCE, chosen[0]) for c, n in PROVINCIAL_AGENCIES]
    for commune in rng.sample(chosen[1:], COMMUNE_AGENCIES):
        level = "phường" if commune.name.startswith("Phường") else "xã"
        label = f"UBND {level} {_short(commune.name)}"
        agencies.append((f"UB{commune.code:05d}", label, AgencyLevel.COMMUNE, commune))
    for code, label, agency_level, commune in agencies:
        lat, lon = _coords(rng)
        place = AgencyFields(
            code=code,
            name=label,
            level=agency_level,
            address=street(rng, commune.name),
            commune_code=commune.code,
            lat=lat,
            lon=lon,
            office_hours=OFFICE_HOURS,
        )
        reference.create_agency(uow, admin, place)
    communal = [code for code, _, level, _ in agencies if level is AgencyLevel.COMMUNE]
    for i, (code, label, agency, fee, days, allowed, docs) in enumerate(PROCEDURES):
        # The model binds a procedure to one agency, so each commune procedure is
        # given to one People's Committee.
        owner = communal[i % len(communal)] if agency == "UBND" else agency
        proc = ProcedureFields(
            code=code,
            name=label,
            agency_code=owner,
            bcci_allowed=allowed,
            fee_vnd=fee,
            processing_days=days,
            documents=[DocumentSpec(*doc) for doc in docs],
        )
        reference.create_procedure(uow, admin, proc)
    every_point = [f"BC{i:03d}" for i in range(1, POINTS + 1)]
    homes = sorted(every_point + rng.sample(offices, EXTRA_COURIERS))
    for i, point_code in enumerate(homes, start=1):
        courier = CourierFields(
            code=f"BT{i:03d}",
            full_name=name(rng),
            phone=f"+8491{rng.randrange(10**7):07d}",
            postal_point_code=point_code,
            vehicle=rng.choice(VEHICLES),
            capacity_items=rng.randint(30, 60),
            shift_start="07:30",
            shift_end="17:00",
        )
        reference.create_courier(uow, admin, courier)


UserRow = tuple[str, str, Role, dict[str, int]]


def _add_users(
    uow: UnitOfWork, rows: list[UserRow], password_hash: str, now: datetime
) -> dict[str, Caller]:
    """Insert users sharing one password hash; return them as callers by username."""
    with uow:
        users = [
            User(
                username=username,
                full_name=full_name,
                role=role,
                password_hash=password_hash,
                created_at=now,
                **binding,
            )
            for username, full_name, role, binding in rows
        ]
        uow.session.add_all(users)
        uow.commit()
        return {
            u.username: Caller(
                u.id, u.role, u.postal_point_id, u.courier_id, u.agency_id
            )
            for u in users
        }


def _bound_users(uow: UnitOfWork, rng: random.Random) -> list[UserRow]:
    """A clerk per postal point, a user per courier, an officer per agency."""
    with uow:
        s = uow.session
        points = s.scalars(select(PostalPoint).order_by(PostalPoint.code)).all()
        couriers = s.scalars(select(Courier).order_by(Courier.code)).all()
        agencies = s.scalars(select(Agency).order_by(Agency.code)).all()
    rows: list[UserRow] = [
        (f"clerk.{p.code.lower()}", name(rng), Role.CLERK, {"postal_point_id": p.id})
        for p in points
    ]
    rows += [
        (
            f"courier.{c.code.lower()}",
            c.full_name,
            Role.COURIER,
            {"courier_id": c.id, "postal_point_id": c.postal_point_id},
        )
        for c in couriers
    ]
    rows += [
        (
            f"officer.{a.code.lower()}",
            name(rng),
            Role.AGENCY_OFFICER,
            {"agency_id": a.id},
        )
        for a in agencies
    ]
    return rows


def _summary(uow: UnitOfWork) -> str:
    """One line: what the demo province now holds."""
    with uow:
        s = uow.session
        counts = {
            label: s.scalar(select(func.count()).select_from(model)) or 0
            for label, model in (
                ("postal points", PostalPoint),
                ("agencies", Agency),
                ("procedures", Procedure),
                ("couriers", Courier),
                ("users", User),
                ("dossiers", Dossier),
                ("items", Item),
                ("events", TrackingEvent),
            )
        }
    listed = ", ".join(f"{n} {label}" for label, n in counts.items())
    return f"Seeded Thái Nguyên (province {PROVINCE_CODE}): {listed}; password {DEMO_PASSWORD}."
