"""An independent feasibility checker: walks a plan against its problem, no OR-Tools.

Written from the problem's definition only (it shares no scheduling code with the
solver) so that it can catch the solver's mistakes as well as a hand-made plan's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from routing.distances import GeodesicProvider, TravelData, TravelTimeProvider
from routing.model import Problem, StopKind, Vehicle
from routing.plan import Plan, Route


class ViolationKind(StrEnum):
    """The rule a plan breaks."""

    UNKNOWN_VEHICLE = "unknown_vehicle"
    UNKNOWN_STOP = "unknown_stop"
    DUPLICATE_VISIT = "duplicate_visit"
    VEHICLE_NOT_ALLOWED = "vehicle_not_allowed"
    TRAVEL_TIME = "travel_time"
    SERVICE_TIME = "service_time"
    TIME_WINDOW = "time_window"
    SHIFT = "shift"
    MAX_DURATION = "max_duration"
    CAPACITY = "capacity"
    PAIRING = "pairing"
    PRECEDENCE = "precedence"
    LOCKED = "locked"
    MUST_SERVE_DROPPED = "must_serve_dropped"
    UNACCOUNTED = "unaccounted"
    INCONSISTENT = "inconsistent"


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, about one route, stop or task."""

    kind: ViolationKind
    subject: str
    message: str


def check_plan(
    problem: Problem,
    plan: Plan,
    *,
    provider: TravelTimeProvider | None = None,
) -> list[Violation]:
    """List every rule of ``problem`` that ``plan`` breaks; empty when feasible.

    Parameters
    ----------
    problem
        The problem the plan claims to solve.
    plan
        Any plan: from ``plan_routes``, edited by hand, or rebuilt from storage.
    provider
        The travel times the plan was made with (default :class:`GeodesicProvider`).

    Returns
    -------
    list[Violation]
        Windows, capacities, pairing and precedence, shifts, durations, locks,
        must-serve tasks, and reported figures that do not add up.

    Raises
    ------
    KeyError
        When a vehicle's speed profile is unknown to the provider.
    """
    travel = TravelData(
        problem, provider if provider is not None else GeodesicProvider()
    )
    found: list[Violation] = []
    vehicles = {v.id: v for v in problem.vehicles}
    where: dict[str, tuple[str, int]] = {}
    for route in plan.routes:
        vehicle = vehicles.get(route.vehicle_id)
        if vehicle is None:
            found.append(
                _v(ViolationKind.UNKNOWN_VEHICLE, route.vehicle_id, "no such courier")
            )
            continue
        found += _check_route(problem, travel, vehicle, route, where)
    found += _check_tasks(problem, plan, where)
    return found


def _v(kind: ViolationKind, subject: str, message: str) -> Violation:
    return Violation(kind, subject, message)


def _check_route(
    problem: Problem,
    travel: TravelData,
    vehicle: Vehicle,
    route: Route,
    where: dict[str, tuple[str, int]],
) -> list[Violation]:
    found: list[Violation] = []
    known = [s for s in route.stops if problem.has_stop(s.stop_id)]
    for visit in route.stops:
        if not problem.has_stop(visit.stop_id):
            found.append(_v(ViolationKind.UNKNOWN_STOP, visit.stop_id, "no such stop"))
    for position, visit in enumerate(known):
        if visit.stop_id in where:
            found.append(
                _v(ViolationKind.DUPLICATE_VISIT, visit.stop_id, "visited twice")
            )
        where[visit.stop_id] = (vehicle.id, position)
        task = problem.stop(visit.stop_id)[0]
        if task.vehicle_ids and vehicle.id not in task.vehicle_ids:
            found.append(
                _v(ViolationKind.VEHICLE_NOT_ALLOWED, task.id, f"not for {vehicle.id}")
            )
    ids = [s.stop_id for s in known]
    locked = list(vehicle.locked_stop_ids)
    if ids[: len(locked)] != locked:
        found.append(
            _v(ViolationKind.LOCKED, vehicle.id, "visited stops not kept first")
        )
    found += _check_times(problem, travel, vehicle, route)
    found += _check_loads(problem, vehicle, route)
    return found


def _check_times(
    problem: Problem,
    travel: TravelData,
    vehicle: Vehicle,
    route: Route,
) -> list[Violation]:
    found: list[Violation] = []
    if not route.stops:
        return found
    subject = vehicle.id
    if route.departure < vehicle.shift.start:
        found.append(_v(ViolationKind.SHIFT, subject, "leaves before the shift starts"))
    here = travel.depot_location[vehicle.start_depot]
    clock = route.departure
    metres = 0
    for visit in route.stops:
        if not problem.has_stop(visit.stop_id):
            continue
        _, _, stop = problem.stop(visit.stop_id)
        there = travel.stop_location[stop.id]
        leg_m, leg_s = travel.leg(vehicle.profile, here, there)
        metres += leg_m
        if visit.arrival < clock + leg_s:
            found.append(_v(ViolationKind.TRAVEL_TIME, stop.id, "arrives too early"))
        if visit.start < visit.arrival:
            found.append(
                _v(ViolationKind.SERVICE_TIME, stop.id, "served before arrival")
            )
        if stop.windows and not any(
            w.start <= visit.start <= w.end for w in stop.windows
        ):
            found.append(
                _v(ViolationKind.TIME_WINDOW, stop.id, f"served at {visit.start}")
            )
        if visit.departure < visit.start + stop.service_s:
            found.append(_v(ViolationKind.SERVICE_TIME, stop.id, "service cut short"))
        clock = visit.departure
        here = there
    leg_m, leg_s = travel.leg(
        vehicle.profile, here, travel.depot_location[vehicle.end_depot]
    )
    metres += leg_m
    if route.arrival < clock + leg_s:
        found.append(
            _v(ViolationKind.TRAVEL_TIME, subject, "back at the depot too early")
        )
    if route.arrival > vehicle.shift.end:
        found.append(_v(ViolationKind.SHIFT, subject, f"back at {route.arrival}"))
    limit = vehicle.max_duration_s
    if limit is not None and route.arrival - route.departure > limit:
        found.append(_v(ViolationKind.MAX_DURATION, subject, "route too long"))
    if metres != route.distance_m:
        found.append(
            _v(
                ViolationKind.INCONSISTENT,
                subject,
                f"distance is {metres}, not {route.distance_m}",
            )
        )
    return found


def _check_loads(problem: Problem, vehicle: Vehicle, route: Route) -> list[Violation]:
    found: list[Violation] = []
    stop_ids = [s.stop_id for s in route.stops if problem.has_stop(s.stop_id)]
    load = sum(
        problem.stop(s)[0].items for s in stop_ids if problem.stop(s)[0].pickup is None
    )
    if load > vehicle.capacity:
        found.append(
            _v(ViolationKind.CAPACITY, vehicle.id, f"leaves with {load} items")
        )
    for visit in route.stops:
        if not problem.has_stop(visit.stop_id):
            continue
        task, kind, _ = problem.stop(visit.stop_id)
        load += task.items if kind is StopKind.PICKUP else -task.items
        if load > vehicle.capacity:
            found.append(
                _v(ViolationKind.CAPACITY, visit.stop_id, f"{load} items aboard")
            )
        if load != visit.load_after:
            found.append(
                _v(ViolationKind.INCONSISTENT, visit.stop_id, f"load is {load}")
            )
    return found


def _check_tasks(
    problem: Problem, plan: Plan, where: dict[str, tuple[str, int]]
) -> list[Violation]:
    found: list[Violation] = []
    dropped = {d.task_id for d in plan.dropped}
    for task in problem.tasks:
        visited = [where[s.id] for s in task.stops if s.id in where]
        if not visited:
            if task.must_serve:
                found.append(
                    _v(ViolationKind.MUST_SERVE_DROPPED, task.id, "not served")
                )
            elif task.id not in dropped:
                found.append(
                    _v(ViolationKind.UNACCOUNTED, task.id, "neither served nor dropped")
                )
            continue
        if task.id in dropped:
            found.append(_v(ViolationKind.UNACCOUNTED, task.id, "served and dropped"))
        if len(visited) != len(task.stops):
            found.append(_v(ViolationKind.PAIRING, task.id, "only half served"))
        elif len(visited) == 2:
            (pickup_vehicle, pickup_at), (delivery_vehicle, delivery_at) = visited
            if pickup_vehicle != delivery_vehicle:
                found.append(_v(ViolationKind.PAIRING, task.id, "two couriers"))
            elif pickup_at > delivery_at:
                found.append(_v(ViolationKind.PRECEDENCE, task.id, "delivered first"))
    return found
