"""Handover records (biên bản giao nhận) between a courier and an agency, and incidents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from postal_service.db import Base, UTCDateTime, str_enum
from postal_service.enums import HandoverKind, HandoverStatus, LineOutcome
from postal_service.models.items import Item
from postal_service.models.reference import Agency, Courier, PostalPoint


class Handover(Base):
    """One handover record: the items a courier hands to or takes from an agency."""

    __tablename__ = "handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    kind: Mapped[HandoverKind] = mapped_column(str_enum(HandoverKind))
    status: Mapped[HandoverStatus] = mapped_column(str_enum(HandoverStatus))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"), index=True)
    postal_point_id: Mapped[int] = mapped_column(ForeignKey("postal_points.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # For a dossier handover this is the legal submission time of every item received.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    officer_name: Mapped[str | None] = mapped_column(String(120))

    agency: Mapped[Agency] = relationship(lazy="joined")
    courier: Mapped[Courier] = relationship(lazy="joined")
    postal_point: Mapped[PostalPoint] = relationship(lazy="joined")
    lines: Mapped[list[HandoverLine]] = relationship(
        back_populates="handover", order_by="HandoverLine.id", lazy="selectin"
    )


class HandoverLine(Base):
    """One item of a handover and what the officer found."""

    __tablename__ = "handover_lines"
    __table_args__ = (UniqueConstraint("handover_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    outcome: Mapped[LineOutcome] = mapped_column(str_enum(LineOutcome))
    note: Mapped[str | None] = mapped_column(String(500))
    appointment_date: Mapped[date | None] = mapped_column(Date)

    handover: Mapped[Handover] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship(lazy="joined")


class Incident(Base):
    """A discrepancy found at a handover: an item missing or damaged."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handovers.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[LineOutcome] = mapped_column(str_enum(LineOutcome))
    note: Mapped[str | None] = mapped_column(String(500))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
