"""Reference data: postal points, agencies, procedures, couriers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from postal_service.db import Base, str_enum
from postal_service.enums import AgencyLevel, PostalPointKind, Vehicle


class PostalPoint(Base):
    """A post office or cultural post point that takes dossiers and returns results."""

    __tablename__ = "postal_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[PostalPointKind] = mapped_column(str_enum(PostalPointKind))
    address: Mapped[str] = mapped_column(String(300))
    commune_code: Mapped[int]
    lat: Mapped[float]
    lon: Mapped[float]
    # [["07:00", "11:30"], ["13:30", "17:00"]] in local time.
    opening_hours: Mapped[list[list[str]]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)


class Agency(Base):
    """A state agency that receives dossiers and issues results."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[AgencyLevel] = mapped_column(str_enum(AgencyLevel))
    address: Mapped[str] = mapped_column(String(300))
    commune_code: Mapped[int]
    lat: Mapped[float]
    lon: Mapped[float]
    office_hours: Mapped[list[list[str]]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)


class Procedure(Base):
    """An administrative procedure (TTHC) with its published document list."""

    __tablename__ = "procedures"

    id: Mapped[int] = mapped_column(primary_key=True)
    national_code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower-case, diacritics removed: lets "cap doi giay phep" find "Cấp đổi giấy phép".
    search_name: Mapped[str] = mapped_column(String(300), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    bcci_allowed: Mapped[bool] = mapped_column(default=True)
    fee_vnd: Mapped[int] = mapped_column(default=0)
    processing_days: Mapped[int]
    # [{"name": "...", "original": true, "copies": 0}, ...]
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)

    agency: Mapped[Agency] = relationship(lazy="joined")


class Courier(Base):
    """A courier (bưu tá) attached to one postal point."""

    __tablename__ = "couriers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(20))
    postal_point_id: Mapped[int] = mapped_column(ForeignKey("postal_points.id"))
    vehicle: Mapped[Vehicle] = mapped_column(str_enum(Vehicle))
    capacity_items: Mapped[int]
    shift_start: Mapped[str] = mapped_column(String(5))
    shift_end: Mapped[str] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(default=True)
