"""Test support: the fake clock, a small province (World), request helpers."""

from __future__ import annotations

import os
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

import postal_service.models  # noqa: F401  (registers every table)
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


# Thái Nguyên: phường Phan Đình Phùng (5443) and another commune of the province.
COMMUNE = 5443
OTHER_COMMUNE = 5710
HOURS = [["07:30", "11:30"], ["13:30", "17:00"]]
DOCUMENTS = [
    {"name": "Tờ khai đề nghị cấp đổi giấy phép lái xe", "original": True, "copies": 0},
    {"name": "Bản sao giấy phép lái xe", "original": False, "copies": 1},
]


# The world's users, as page headers show them.
FULL_NAMES = {
    "admin": "Quản trị hệ thống",
    "supervisor": "Đỗ Minh Tuấn",
    "clerk": "Nguyễn Thị Mai",
    "clerk2": "Vũ Văn Long",
    "courier": "Lê Văn Bình",
    "courier2": "Trần Thị Hoa",
    "courier3": "Phạm Văn Cường",
    "officer": "Hoàng Thị Thu",
    "officer2": "Đặng Quốc Việt",
    "onestop": "Hệ thống một cửa",
}


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
            PostalPoint(
                code=code,
                name=name,
                kind=PostalPointKind.POST_OFFICE,
                address="1 Đường Hoàng Văn Thụ",
                commune_code=COMMUNE,
                lat=21.59,
                lon=105.84,
                opening_hours=HOURS,
            )
            for code, name in (
                ("BC01", "Bưu cục Thái Nguyên"),
                ("BC02", "Bưu cục Đại Từ"),
            )
        ]
        agencies = [
            Agency(
                code=code,
                name=name,
                level=AgencyLevel.PROVINCE,
                address="Số 10",
                commune_code=COMMUNE,
                lat=21.6,
                lon=105.85,
                office_hours=HOURS,
            )
            for code, name in (("SGTVT", "Sở Xây dựng"), ("STP", "Sở Tư pháp"))
        ]
        s.add_all(points + agencies)
        s.flush()
        procs = [
            Procedure(
                national_code=code,
                name=name,
                search_name=search_key(name),
                agency_id=agency.id,
                bcci_allowed=allowed,
                fee_vnd=135000,
                processing_days=5,
                documents=DOCUMENTS,
            )
            for code, name, agency, allowed in (
                ("1.002804", "Cấp đổi giấy phép lái xe", agencies[0], True),
                ("2.000488", "Cấp phiếu lý lịch tư pháp", agencies[1], True),
                ("1.000001", "Thủ tục không qua bưu chính", agencies[0], False),
            )
        ]
        couriers = [
            Courier(
                code=code,
                full_name=name,
                phone="+84912345678",
                postal_point_id=pp.id,
                vehicle=Vehicle.MOTORBIKE,
                capacity_items=40,
                shift_start="07:30",
                shift_end="17:00",
            )
            for code, name, pp in (
                ("BT01", "Lê Văn Bình", points[0]),
                ("BT02", "Trần Thị Hoa", points[0]),
                ("BT03", "Phạm Văn Cường", points[1]),
            )
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
        auth.create_user(
            uow,
            username=name,
            full_name=FULL_NAMES[name],
            role=role,
            password=None,
            now=now,
            **binding,
        )
        world.tokens[name] = auth.issue_token(
            uow, name, now=now, ttl=timedelta(days=60)
        ).token
    return world


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


class Actions:
    """Requests a test makes as the province's users, with the fake clock's time."""

    def __init__(self, client: FlaskClient, world: World, clock: FakeClock) -> None:
        self.client, self.world, self.clock = client, world, clock

    def event(
        self, who: str, code: str, type_: str, *, key: str | None = None, **fields: Any
    ) -> Any:
        """Post one event as ``who``; occurred_at defaults to the clock's now."""
        body = {"type": type_, "occurred_at": self.clock.now.isoformat(), **fields}
        headers = self.world.auth(who)
        if key:
            headers["Idempotency-Key"] = key
        return self.client.post(
            f"/api/v1/items/{code}/events", json=body, headers=headers
        )

    def intake(self, who: str = "clerk", **overrides: Any) -> Any:
        """Register a dossier at the counter."""
        return self.client.post(
            "/api/v1/intakes",
            json=intake_body(**overrides),
            headers=self.world.auth(who),
        )

    def pickup(self, who: str = "clerk", **overrides: Any) -> Any:
        """Register a home pickup."""
        return self.client.post(
            "/api/v1/pickups",
            json=intake_body(**overrides),
            headers=self.world.auth(who),
        )

    def result_ready(self, who: str = "officer", **body: Any) -> Any:
        """Say a result is ready."""
        return self.client.post(
            "/api/v1/results", json=body, headers=self.world.auth(who)
        )

    def item(self, who: str, code: str) -> Any:
        """Read an item."""
        return self.client.get(f"/api/v1/items/{code}", headers=self.world.auth(who))

    def count(self, path: str = "/api/v1/items", who: str = "admin") -> int:
        """How many rows a list endpoint reports."""
        return int(self.client.get(path, headers=self.world.auth(who)).json["total"])


def confirmed_dossier(act: Actions) -> str:
    """Take a counter dossier all the way to the agency's confirmation; return its code."""
    code = str(act.intake().json["items"][0]["s10_code"])
    act.clock.advance(minutes=20)
    assert (
        act.event("clerk", code, "dispatched", courier_code="BT01").status_code == 201
    )
    act.clock.advance(minutes=40)
    assert act.event("courier", code, "handed_over").status_code == 201
    act.clock.advance(minutes=5)
    assert act.event("officer", code, "receipt_confirmed").status_code == 201
    return code


def quick_solver(problem: Any, _time_limit_s: int) -> Any:
    """The real planner with a short time limit, for tests."""
    from routing import plan_routes

    return plan_routes(problem, time_limit_s=1)


def png(width: int = 8, height: int = 8) -> bytes:
    """A valid PNG made here, so the tests ship no binary files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
