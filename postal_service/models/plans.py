"""Route plans for a postal point's day, their couriers' routes and the stops."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from postal_service.db import Base, UTCDateTime, str_enum
from postal_service.enums import EndpointKind, PlanStatus, StopAction
from postal_service.models.items import Item
from postal_service.models.reference import Agency, Courier, PostalPoint


class RoutePlan(Base):
    """One planning run for a postal point and a service day."""

    __tablename__ = "route_plans"
    __table_args__ = (
        Index("ix_route_plans_point_day", "postal_point_id", "service_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    postal_point_id: Mapped[int] = mapped_column(ForeignKey("postal_points.id"))
    service_date: Mapped[date] = mapped_column(Date)
    status: Mapped[PlanStatus] = mapped_column(str_enum(PlanStatus))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    time_limit_s: Mapped[int]
    error: Mapped[str | None] = mapped_column(String(500))
    objective: Mapped[int | None]
    distance_m: Mapped[int | None]
    # [{"item_code", "reason", "detail"}] for every task the plan leaves out.
    dropped: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    stats: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Set for an urgent insertion: the started route it amends and the item it adds.
    amends_route_id: Mapped[int | None] = mapped_column(
        # use_alter: routes point at plans and this points back; created after both.
        ForeignKey("courier_routes.id", use_alter=True)
    )
    urgent_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))

    postal_point: Mapped[PostalPoint] = relationship(lazy="joined")
    routes: Mapped[list[CourierRoute]] = relationship(
        back_populates="plan",
        order_by="CourierRoute.id",
        lazy="selectin",
        foreign_keys="CourierRoute.plan_id",
    )


class CourierRoute(Base):
    """One courier's route in a plan."""

    __tablename__ = "courier_routes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("route_plans.id"), index=True)
    courier_id: Mapped[int] = mapped_column(ForeignKey("couriers.id"), index=True)
    departure: Mapped[datetime] = mapped_column(UTCDateTime())
    arrival: Mapped[datetime] = mapped_column(UTCDateTime())
    distance_m: Mapped[int]
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When an urgent insertion replaced this route by an amended copy.
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    plan: Mapped[RoutePlan] = relationship(
        back_populates="routes", foreign_keys=[plan_id]
    )
    courier: Mapped[Courier] = relationship(lazy="joined")
    stops: Mapped[list[RouteStop]] = relationship(
        back_populates="route", order_by="RouteStop.seq", lazy="selectin"
    )


class RouteStop(Base):
    """A visit on a route: one item picked up or handed over at one place."""

    __tablename__ = "route_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("courier_routes.id"), index=True)
    seq: Mapped[int]
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    action: Mapped[StopAction] = mapped_column(str_enum(StopAction))
    place_kind: Mapped[EndpointKind] = mapped_column(str_enum(EndpointKind))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    address: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float]
    lon: Mapped[float]
    eta: Mapped[datetime] = mapped_column(UTCDateTime())
    wait_s: Mapped[int]
    departure: Mapped[datetime] = mapped_column(UTCDateTime())
    load_after: Mapped[int]

    route: Mapped[CourierRoute] = relationship(back_populates="stops")
    item: Mapped[Item] = relationship(lazy="joined")
    agency: Mapped[Agency | None] = relationship(lazy="joined")
