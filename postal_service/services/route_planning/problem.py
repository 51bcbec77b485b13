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
            CourierRoute.superseded_at.is_(None),
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
    *,
    not_before_s: int | None = None,
    vehicle_ids: tuple[str, ...] = (),
) -> Task | None:
    dossier = item.dossier
    home = (dossier.citizen_lat or point.lat, dossier.citizen_lon or point.lon)
    agency_windows = _windows(agency.office_hours)
    home_windows: tuple[TimeWindow, ...] = ()
    if not_before_s is not None:
        agency_windows = not_before(agency_windows, not_before_s)
        home_windows = not_before(home_windows, not_before_s)
    at_agency = Stop(
        id=f"i{item.id}-a",
        location=(agency.lat, agency.lon),
        service_s=AGENCY_SERVICE_S,
        windows=agency_windows,
    )
    at_home = Stop(
        id=f"i{item.id}-h",
        location=home,
        service_s=HOME_SERVICE_S,
        windows=home_windows,
    )
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
        vehicle_ids=vehicle_ids,
    )


DAY_END_S = 24 * 3600 - 1
_DELIVERY_DONE = {
    ItemState.AWAITING_CONFIRMATION,
    ItemState.DELIVERED,
    ItemState.DELIVERY_FAILED,
    ItemState.RETURNED,
}


def not_before(windows: tuple[TimeWindow, ...], start_s: int) -> tuple[TimeWindow, ...]:
    """The part of ``windows`` (none: the whole day) from ``start_s`` on."""
    spans = windows or (TimeWindow(0, DAY_END_S),)
    return tuple(
        TimeWindow(max(w.start, start_s), w.end) for w in spans if w.end >= start_s
    ) or (TimeWindow(DAY_END_S, DAY_END_S),)


def stop_done(item: Item, action: StopAction) -> bool:
    """Whether the courier has already done this stop, judged by the item's state."""
    if action is StopAction.PICKUP:
        return item.state not in (ItemState.AWAITING_PICKUP, ItemState.AT_POSTAL_POINT)
    return item.state in _DELIVERY_DONE


def build_route_input(
    session: Session, route: CourierRoute, urgent: Item, *, now_s: int
) -> PlanningInput:
    """One started route plus an urgent item: done stops locked first, the rest re-planned.

    Stops not yet done may only start from ``now_s`` (seconds after local midnight).
    """
    plan = route.plan
    point, courier = plan.postal_point, route.courier
    depot = Depot(id=f"pp{point.id}", location=(point.lat, point.lon))
    vehicle_id = f"c{courier.id}"
    places: dict[str, StopPlace] = {}
    by_item: dict[int, list[RouteStop]] = {}
    for rs in route.stops:
        by_item.setdefault(rs.item_id, []).append(rs)
    tasks: list[Task] = []
    locked: list[str] = []
    for item_id, visits in by_item.items():
        item = visits[0].item
        if item.state is ItemState.CANCELLED:
            continue
        built: dict[StopAction, Stop] = {}
        for rs in visits:
            sid = f"i{item_id}-{'p' if rs.action is StopAction.PICKUP else 'd'}"
            windows = _windows(rs.agency.office_hours) if rs.agency else ()
            if stop_done(item, rs.action):
                locked.append(sid)
            else:
                windows = not_before(windows, now_s)
            service = AGENCY_SERVICE_S if rs.agency else HOME_SERVICE_S
            built[rs.action] = Stop(sid, (rs.lat, rs.lon), service, windows)
            places[sid] = StopPlace(
                item_id,
                rs.action,
                rs.place_kind,
                rs.agency_id,
                rs.address,
                rs.lat,
                rs.lon,
            )
        tasks.append(
            Task(
                id=f"i{item_id}",
                pickup=built.get(StopAction.PICKUP),
                delivery=built.get(StopAction.DELIVERY),
                penalty=PENALTY_DUE_TODAY,
                vehicle_ids=(vehicle_id,),
            )
        )
    agency = session.get(Agency, urgent.agency_id)
    assert agency is not None
    extra = _task(
        urgent,
        agency,
        point,
        plan.service_date,
        places,
        not_before_s=now_s,
        vehicle_ids=(vehicle_id,),
    )
    if extra is not None:
        tasks.append(extra)
    vehicle = Vehicle(
        id=vehicle_id,
        start_depot=depot.id,
        end_depot=depot.id,
        shift=TimeWindow(seconds(courier.shift_start), seconds(courier.shift_end)),
        capacity=courier.capacity_items,
        profile=courier.vehicle.value,
        locked_stop_ids=tuple(sid for sid in _in_route_order(route, locked)),
    )
    problem = Problem((depot,), (vehicle,), tuple(tasks))
    return PlanningInput(problem, places, {vehicle_id: courier.id})


def _in_route_order(route: CourierRoute, locked: list[str]) -> list[str]:
    order = {
        f"i{rs.item_id}-{'p' if rs.action is StopAction.PICKUP else 'd'}": rs.seq
        for rs in route.stops
    }
    return sorted(locked, key=order.__getitem__)
