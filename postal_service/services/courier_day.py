"""A courier's day: today's route from the published plan, and starting it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from postal_service.access import Caller
from postal_service.enums import PlanStatus, Role
from postal_service.errors import Conflict, NotFound
from postal_service.models import CourierRoute, RoutePlan
from postal_service.unit_of_work import UnitOfWork


def _route(
    uow: UnitOfWork, caller: Caller, day: date, *, lock: bool = False
) -> CourierRoute:
    caller.require(Role.COURIER)
    query = (
        select(CourierRoute)
        .join(RoutePlan, RoutePlan.id == CourierRoute.plan_id)
        .where(
            CourierRoute.courier_id == caller.courier_id,
            RoutePlan.service_date == day,
            RoutePlan.status == PlanStatus.PUBLISHED,
            CourierRoute.superseded_at.is_(None),
        )
        .order_by(CourierRoute.id.desc())
        .limit(1)
    )
    if lock:
        query = query.with_for_update(of=CourierRoute)
    route = uow.session.scalar(query)
    if route is None:
        raise NotFound(f"No published route for you on {day:%d/%m/%Y}")
    return route


def my_route(uow: UnitOfWork, caller: Caller, day: date) -> CourierRoute:
    """The caller's published route for ``day``, stops in order."""
    with uow:
        return _route(uow, caller, day)


def start_route(
    uow: UnitOfWork, caller: Caller, day: date, *, now: datetime
) -> CourierRoute:
    """Mark the route started: from now on re-planning keeps it as it is."""
    with uow:
        route = _route(uow, caller, day, lock=True)
        if route.started_at is not None:
            raise Conflict(f"The route was started at {route.started_at.isoformat()}")
        route.started_at = now
        uow.commit()
        return uow.fresh(CourierRoute, route.id)
