"""What a postal point's couriers must do on a day, as the route planner's problem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from postal_service.calendar import local_date
from postal_service.enums import (
    EndpointKind,
    ItemState,
    LegKind,
    PlanStatus,
    StopAction,
)
from postal_service.models import (
    Agency,
    Courier,
    CourierRoute,
    Item,
    PostalPoint,
    RoutePlan,
    RouteStop,
)
from routing import Depot, Problem, Stop, Task, TimeWindow, Vehicle

AGENCY_SERVICE_S = 600  # count the items and sign the handover record
HOME_SERVICE_S = 300  # check the ID, sign, collect fees
# Dropping a task costs as much as driving this many metres: far more than any detour,
# so only what cannot fit (capacity, office hours, shifts) is left for another day,
# and what is due soonest is kept first.
PENALTY_DUE_TODAY = 10_000_000
PENALTY_DUE_TOMORROW = 2_000_000
PENALTY_LATER = 500_000


Place = tuple[EndpointKind, int | None, str | None, float, float]


@dataclass(frozen=True)
class StopPlace:
    """Where a planned stop is, for the courier's screen."""

    item_id: int
    action: StopAction
    place_kind: EndpointKind
    agency_id: int | None
    address: str | None
    lat: float
    lon: float


@dataclass(frozen=True)
class PlanningInput:
    """The planner's problem and how to map its stops back to items and places."""

    problem: Problem | None
    places: dict[str, StopPlace]
    couriers: dict[str, int]


def seconds(hhmm: str) -> int:
    """'07:30' -> seconds after midnight."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 3600 + int(minutes) * 60


def _windows(hours: list[list[str]]) -> tuple[TimeWindow, ...]:
    return tuple(TimeWindow(seconds(a), seconds(b)) for a, b in hours)


def _penalty(item: Item, day: date) -> int:
    if item.due_at is None:
        return PENALTY_LATER
    due = local_date(item.due_at)
    if due <= day:
        return PENALTY_DUE_TODAY
    return PENALTY_DUE_TOMORROW if (due - day).days <= 1 else PENALTY_LATER


def _busy_item_ids(session: Session, point_id: int, day: date) -> set[int]:
    """Items on a route that a courier has already started today."""
    rows = session.scalars(
        select(RouteStop.item_id)
        .join(CourierRoute, CourierRoute.id == RouteStop.route_id)
        .join(RoutePlan, RoutePlan.id == CourierRoute.plan_id)
        .where(
            RoutePlan.postal_point_id == point_id,
            RoutePlan.service_date == day,
            RoutePlan.status == PlanStatus.PUBLISHED,
            CourierRoute.started_at.is_not(None),
        )
    )
    return set(rows)


def build_input(
    session: Session, point: PostalPoint, day: date, *, not_before_s: int = 0
) -> PlanningInput:
    """Collect what is due and who is on shift at ``point`` on ``day``.

    ``not_before_s`` (seconds after local midnight) is when a plan made during the day
    can start at the earliest: nobody leaves before the plan exists.
    """
    couriers = session.scalars(
        select(Courier).where(
            Courier.postal_point_id == point.id, Courier.active.is_(True)
        )
    ).all()
    depot = Depot(id=f"pp{point.id}", location=(point.lat, point.lon))
    vehicles = tuple(
        Vehicle(
            id=f"c{c.id}",
            start_depot=depot.id,
            end_depot=depot.id,
            shift=TimeWindow(
                max(seconds(c.shift_start), min(not_before_s, seconds(c.shift_end))),
                seconds(c.shift_end),
            ),
            capacity=c.capacity_items,
            profile=c.vehicle.value,
        )
        for c in couriers
    )
    busy = _busy_item_ids(session, point.id, day)
    items = session.scalars(
        select(Item)
        .where(
            Item.postal_point_id == point.id,
            Item.state.in_([ItemState.AWAITING_PICKUP, ItemState.AT_POSTAL_POINT]),
        )
        .order_by(Item.id)
    ).all()
    agencies = {a.id: a for a in session.scalars(select(Agency))}
    tasks: list[Task] = []
    places: dict[str, StopPlace] = {}
    for item in items:
        if item.id in busy:
            continue
        if item.next_attempt_on is not None and item.next_attempt_on > day:
            continue  # the citizen was invited for a later day
        task = _task(item, agencies[item.agency_id], point, day, places)
        if task is not None:
            tasks.append(task)
    problem = Problem((depot,), vehicles, tuple(tasks)) if vehicles else None
    return PlanningInput(
        problem, places, {v.id: c.id for v, c in zip(vehicles, couriers, strict=True)}
    )


def _task(
    item: Item,
    agency: Agency,
    point: PostalPoint,
    day: date,
    places: dict[str, StopPlace],
) -> Task | None:
    dossier = item.dossier
    home = (dossier.citizen_lat or point.lat, dossier.citizen_lon or point.lon)
    at_agency = Stop(
        id=f"i{item.id}-a",
        location=(agency.lat, agency.lon),
        service_s=AGENCY_SERVICE_S,
        windows=_windows(agency.office_hours),
    )
    at_home = Stop(id=f"i{item.id}-h", location=home, service_s=HOME_SERVICE_S)
    agency_place = (
        EndpointKind.AGENCY,
        agency.id,
        agency.address,
        agency.lat,
        agency.lon,
    )
    home_place: Place = (
        EndpointKind.ADDRESS,
        None,
        dossier.citizen_address,
        home[0],
        home[1],
    )
    pickup: Stop | None
    delivery: Stop | None
    pickup_place: Place | None
    delivery_place: Place
    if item.leg_kind in (LegKind.DOSSIER, LegKind.RETURN):
        if item.state is ItemState.AWAITING_PICKUP:
            pickup, delivery = at_home, at_agency
            pickup_place = home_place
        else:
            pickup, delivery, pickup_place = None, at_agency, None
        delivery_place = agency_place
    else:
        if item.state is ItemState.AWAITING_PICKUP:
            pickup, delivery, pickup_place = at_agency, at_home, agency_place
        else:
            pickup, delivery, pickup_place = None, at_home, None
        delivery_place = home_place
    if pickup is not None and pickup_place is not None:
        places[pickup.id] = StopPlace(item.id, StopAction.PICKUP, *pickup_place)
    if delivery is not None:
        places[delivery.id] = StopPlace(item.id, StopAction.DELIVERY, *delivery_place)
    return Task(
        id=f"i{item.id}",
        pickup=pickup,
        delivery=delivery,
        items=1,
        penalty=_penalty(item, day),
    )
