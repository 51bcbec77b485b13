"""Shared fixtures: a database (SQLite or the real PostgreSQL), a fake clock, the app, a world."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker

import postal_service.models  # noqa: F401  (registers every table)
from api import create_app
from postal_service.config import Settings
from postal_service.db import Base, make_engine, make_session_factory
from postal_service.enums import AgencyLevel, PostalPointKind, Role, Vehicle
from postal_service.models import Agency, Courier, PostalPoint, Procedure
from postal_service.services import auth
from postal_service.text import search_key
from postal_service.unit_of_work import UnitOfWork

DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")
IS_POSTGRES = DATABASE_URL.startswith("postgresql")
# Monday 23 November 2026, 09:00 in Vietnam.
START = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
TEST_SETTINGS = {"id_encryption_key": "test-enc-key", "id_hash_key": "test-hash-key"}


class FakeClock:
    """A clock that only moves when a test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        """Move forward by a timedelta's keyword arguments; return the new time."""
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """One engine per test session; PostgreSQL's schema is rebuilt once."""
    eng = make_engine(DATABASE_URL)
    if IS_POSTGRES:
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        Base.metadata.create_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Any]]:
    """A session factory on an empty database."""
    if IS_POSTGRES:
        factory = make_session_factory(engine)
        yield factory
        names = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        fresh = make_engine("sqlite://")
        Base.metadata.create_all(fresh)
        yield make_session_factory(fresh)
        fresh.dispose()


@pytest.fixture
def uow(session_factory: sessionmaker[Any]) -> UnitOfWork:
    """A unit of work on the test database."""
    return UnitOfWork(session_factory)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting on a Monday morning in Vietnam."""
    return FakeClock()


@pytest.fixture
def settings() -> Settings:
    """Settings with test keys."""
    return Settings().with_overrides(TEST_SETTINGS)


@pytest.fixture
def app(session_factory: sessionmaker[Any], clock: FakeClock) -> Flask:
    """The app on the test database and the fake clock."""
    application = create_app(
        overrides={**TEST_SETTINGS, "public_rate_limit": "1000 per minute"},
        session_factory=session_factory,
        clock=clock,
    )
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


# Thái Nguyên: phường Phan Đình Phùng (5443) and another commune of the province.
COMMUNE = 5443
OTHER_COMMUNE = 5710
HOURS = [["07:30", "11:30"], ["13:30", "17:00"]]
DOCUMENTS = [
    {"name": "Tờ khai đề nghị cấp đổi giấy phép lái xe", "original": True, "copies": 0},
    {"name": "Bản sao giấy phép lái xe", "original": False, "copies": 1},
]


@dataclass
class World:
    """A small province: two postal points, two agencies, couriers and one user per role."""

    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        """Authorization header of a named user."""
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def build_world(uow: UnitOfWork, now: datetime) -> World:
    """Insert reference data and users; return their tokens and ids."""
    world = World()
    with uow:
        s = uow.session
        points = [
            PostalPoint(code=code, name=name, kind=PostalPointKind.POST_OFFICE,
                        address="1 Đường Hoàng Văn Thụ", commune_code=COMMUNE,
                        lat=21.59, lon=105.84, opening_hours=HOURS)
            for code, name in (("BC01", "Bưu cục Thái Nguyên"), ("BC02", "Bưu cục Đại Từ"))
        ]
        agencies = [
            Agency(code=code, name=name, level=AgencyLevel.PROVINCE, address="Số 10",
                   commune_code=COMMUNE, lat=21.6, lon=105.85, office_hours=HOURS)
            for code, name in (("SGTVT", "Sở Xây dựng"), ("STP", "Sở Tư pháp"))
        ]
        s.add_all(points + agencies)
        s.flush()
        procs = [
            Procedure(national_code=code, name=name, search_name=search_key(name),
                      agency_id=agency.id, bcci_allowed=allowed, fee_vnd=135000,
                      processing_days=5, documents=DOCUMENTS)
            for code, name, agency, allowed in (
                ("1.002804", "Cấp đổi giấy phép lái xe", agencies[0], True),
                ("2.000488", "Cấp phiếu lý lịch tư pháp", agencies[1], True),
                ("1.000001", "Thủ tục không qua bưu chính", agencies[0], False),
            )
        ]
        couriers = [
            Courier(code=code, full_name=name, phone="+84912345678", postal_point_id=pp.id,
                    vehicle=Vehicle.MOTORBIKE, capacity_items=40, shift_start="07:30",
                    shift_end="17:00")
            for code, name, pp in (("BT01", "Lê Văn Bình", points[0]),
                                   ("BT02", "Trần Thị Hoa", points[0]),
                                   ("BT03", "Phạm Văn Cường", points[1]))
        ]
        s.add_all(procs + couriers)
        s.flush()
        for obj in points + agencies + couriers:
            world.ids[obj.code] = obj.id
        uow.commit()
    users = {
        "admin": (Role.ADMIN, {}),
        "supervisor": (Role.SUPERVISOR, {}),
        "clerk": (Role.CLERK, {"postal_point_id": world.ids["BC01"]}),
        "clerk2": (Role.CLERK, {"postal_point_id": world.ids["BC02"]}),
        "courier": (Role.COURIER, {"courier_id": world.ids["BT01"]}),
        "courier2": (Role.COURIER, {"courier_id": world.ids["BT02"]}),
        "courier3": (Role.COURIER, {"courier_id": world.ids["BT03"]}),
        "officer": (Role.AGENCY_OFFICER, {"agency_id": world.ids["SGTVT"]}),
        "officer2": (Role.AGENCY_OFFICER, {"agency_id": world.ids["STP"]}),
        "onestop": (Role.INTEGRATION, {}),
    }
    for name, (role, binding) in users.items():
        auth.create_user(uow, username=name, full_name=name, role=role, password=None,
                         now=now, **binding)
        world.tokens[name] = auth.issue_token(uow, name, now=now, ttl=timedelta(days=1)).token
    return world


@pytest.fixture
def world(uow: UnitOfWork, clock: FakeClock) -> World:
    """The small province with a user of every role."""
    return build_world(uow, clock.now)


def intake_body(**overrides: Any) -> dict[str, Any]:
    """A valid counter-intake body."""
    body: dict[str, Any] = {
        "procedure_code": "1.002804",
        "service_type": "both",
        "dossier_code": "000.00.15.H10-261123-0001",
        "citizen": {
            "name": "Nguyễn Văn An",
            "phone": "0912 345 678",
            "address": "Số 5, tổ 3, phường Phan Đình Phùng",
            "commune_code": COMMUNE,
            "id_type": "cccd",
            "id_number": "019085001234",
        },
        "documents": [DOCUMENTS[0], DOCUMENTS[1]],
        "fee_vnd": 135000,
    }
    body.update(overrides)
    return body


@pytest.fixture
def registered(client: FlaskClient, world: World) -> dict[str, Any]:
    """A dossier registered at BC01's counter for SGTVT; returns the response body."""
    resp = client.post("/api/v1/intakes", json=intake_body(), headers=world.auth("clerk"))
    assert resp.status_code == 201, resp.json
    return resp.json  # type: ignore[no-any-return]
