"""Dossiers, the items (legs) that carry them, and their append-only tracking events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from postal_service.custody import Derived, Fact, replay
from postal_service.db import Base, UTCDateTime, str_enum
from postal_service.enums import (
    EndpointKind,
    EventType,
    IdType,
    ItemState,
    LegKind,
    Role,
    ServiceType,
)
from postal_service.models.reference import Agency, Courier, PostalPoint, Procedure


class Dossier(Base):
    """A citizen's administrative dossier and the contact needed to carry it."""

    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    postal_point_id: Mapped[int] = mapped_column(
        ForeignKey("postal_points.id"), index=True
    )
    service_type: Mapped[ServiceType] = mapped_column(str_enum(ServiceType))
    citizen_name: Mapped[str] = mapped_column(String(120))
    citizen_phone: Mapped[str] = mapped_column(String(20))
    citizen_address: Mapped[str] = mapped_column(String(300))
    citizen_commune_code: Mapped[int]
    citizen_lat: Mapped[float | None]
    citizen_lon: Mapped[float | None]
    citizen_id_type: Mapped[IdType | None] = mapped_column(str_enum(IdType))
    # The ID number is stored encrypted; lookups and checks use the keyed hash.
    citizen_id_cipher: Mapped[str | None] = mapped_column(Text)
    citizen_id_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    citizen_id_last4: Mapped[str | None] = mapped_column(String(4))
    documents: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    fee_vnd: Mapped[int] = mapped_column(default=0)
    appointment_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    personal_data_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    procedure: Mapped[Procedure] = relationship(lazy="joined")
    agency: Mapped[Agency] = relationship(lazy="joined")
    postal_point: Mapped[PostalPoint] = relationship(lazy="joined")
    items: Mapped[list[Item]] = relationship(
        # Lazy: loading one item must not pull in its siblings and their histories.
        back_populates="dossier",
        order_by="Item.id",
        lazy="select",
    )


class Item(Base):
    """One leg of a dossier, a sealed bag with its S10 code, in one custody state."""

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_state_due", "state", "due_at"),
        Index("ix_items_courier_state", "courier_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    s10_code: Mapped[str] = mapped_column(String(13), unique=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    leg_kind: Mapped[LegKind] = mapped_column(str_enum(LegKind))
    state: Mapped[ItemState] = mapped_column(str_enum(ItemState))
    origin_kind: Mapped[EndpointKind] = mapped_column(str_enum(EndpointKind))
    destination_kind: Mapped[EndpointKind] = mapped_column(str_enum(EndpointKind))
    # The postal point and agency at the two ends; they scope who may see the item.
    postal_point_id: Mapped[int] = mapped_column(
        ForeignKey("postal_points.id"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    courier_id: Mapped[int | None] = mapped_column(ForeignKey("couriers.id"))
    home_address: Mapped[str | None] = mapped_column(String(300))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_event_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_attempts: Mapped[int] = mapped_column(default=0)
    # After a failed delivery the citizen is invited again, not before this day (local).
    next_attempt_on: Mapped[date | None] = mapped_column(Date)

    dossier: Mapped[Dossier] = relationship(back_populates="items", lazy="joined")
    courier: Mapped[Courier | None] = relationship(lazy="joined")
    events: Mapped[list[TrackingEvent]] = relationship(
        back_populates="item",
        order_by="(TrackingEvent.occurred_at, TrackingEvent.id)",
        lazy="selectin",
    )

    def apply(self, derived: Derived) -> None:
        """Take on the state and dates derived from the full, ordered history."""
        self.state = derived.state
        self.last_event_at = derived.last_event_at
        self.submitted_at = derived.submitted_at
        self.delivered_at = derived.delivered_at
        self.closed_at = derived.closed_at
        self.failed_attempts = derived.failed_attempts
        self.courier_id = derived.courier_id

    def derive_with(self, new: TrackingEvent) -> Derived:
        """Replay the stored history plus ``new``; raises ``InvalidTransition`` if illegal."""
        facts = [e.fact() for e in self.events]
        facts.append(new.fact(seq=len(facts) + 1_000_000_000))
        return replay(self.leg_kind, facts)


class TrackingEvent(Base):
    """An append-only fact in the chain of custody."""

    __tablename__ = "tracking_events"
    __table_args__ = (UniqueConstraint("item_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    type: Mapped[EventType] = mapped_column(str_enum(EventType))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[Role | None] = mapped_column(str_enum(Role))
    courier_id: Mapped[int | None] = mapped_column(ForeignKey("couriers.id"))
    place: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    note: Mapped[str | None] = mapped_column(String(500))
    proof: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))

    item: Mapped[Item] = relationship(back_populates="events")
    courier: Mapped[Courier | None] = relationship(lazy="joined")

    def fact(self, seq: int | None = None) -> Fact:
        """The part of this event that the state machine folds."""
        return Fact(
            type=self.type,
            occurred_at=self.occurred_at,
            seq=self.id if seq is None else seq,
            courier_id=self.courier_id,
        )


@event.listens_for(TrackingEvent, "before_update")
def _events_are_append_only(_mapper: Any, _conn: Any, target: TrackingEvent) -> None:
    raise RuntimeError(f"tracking event {target.id} is append-only")
