"""Times and loads along a sequence of stops: what the plan reports for each visit."""

from __future__ import annotations

from collections.abc import Sequence

from routing.distances import TravelData
from routing.model import Problem, Stop, StopKind, TimeWindow, Vehicle
from routing.plan import PlannedStop, Route


def earliest_start(stop: Stop, arrival: int) -> int:
    """Earliest service start at or after ``arrival``; ``arrival`` if no window is left."""
    if not stop.windows:
        return arrival
    for window in stop.windows:
        if arrival <= window.end:
            return max(arrival, window.start)
    return arrival


def current_window(stop: Stop, start: int) -> TimeWindow | None:
    """The window that contains ``start``, if any."""
    if not stop.windows:
        return TimeWindow(start, 2**62)
    return next((w for w in stop.windows if w.start <= start <= w.end), None)


def load_at_start(problem: Problem, stop_ids: Sequence[str]) -> int:
    """Items loaded at the start depot: those of delivery-only tasks on the route."""
    total = 0
    for stop_id in stop_ids:
        task, _, _ = problem.stop(stop_id)
        if task.pickup is None:
            total += task.items
    return total


def _forward(
    problem: Problem,
    travel: TravelData,
    vehicle: Vehicle,
    stop_ids: Sequence[str],
    departure: int,
    starts: Sequence[int] | None,
) -> Route:
    load = load_at_start(problem, stop_ids)
    first_load = load
    here = travel.depot_location[vehicle.start_depot]
    clock = departure
    planned: list[PlannedStop] = []
    total_m = total_s = 0
    for position, stop_id in enumerate(stop_ids):
        task, kind, stop = problem.stop(stop_id)
        there = travel.stop_location[stop_id]
        metres, seconds = travel.leg(vehicle.profile, here, there)
        arrival = clock + seconds
        start = earliest_start(stop, arrival) if starts is None else starts[position]
        start = max(start, arrival)
        load += task.items if kind is StopKind.PICKUP else -task.items
        planned.append(
            PlannedStop(
                stop_id=stop_id,
                task_id=task.id,
                kind=kind,
                arrival=arrival,
                wait=start - arrival,
                start=start,
                departure=start + stop.service_s,
                load_after=load,
                distance_m=metres,
                travel_s=seconds,
            )
        )
        total_m += metres
        total_s += seconds
        clock = start + stop.service_s
        here = there
    metres, seconds = travel.leg(
        vehicle.profile, here, travel.depot_location[vehicle.end_depot]
    )
    return Route(
        vehicle_id=vehicle.id,
        stops=tuple(planned),
        departure=departure,
        arrival=clock + seconds,
        load_at_start=first_load,
        distance_m=total_m + metres,
        travel_s=total_s + seconds,
        return_distance_m=metres,
        return_travel_s=seconds,
    )


def _useful_delay(problem: Problem, route: Route) -> int:
    """How much later the courier can leave without arriving back later (waits absorbed)."""
    waited = 0
    delay = 2**62
    for visit in route.stops:
        _, _, stop = problem.stop(visit.stop_id)
        waited += visit.wait
        window = current_window(stop, visit.start)
        room = 0 if window is None else window.end - visit.start
        delay = min(delay, waited + room)
    return max(0, min(delay, waited))


def schedule_route(
    problem: Problem,
    travel: TravelData,
    vehicle: Vehicle,
    stop_ids: Sequence[str],
    starts: Sequence[int] | None = None,
) -> Route:
    """Schedule a route: earliest service everywhere, leaving the depot as late as useful.

    With ``starts`` (service start times chosen by the solver) those are used instead.
    """
    departure = vehicle.shift.start
    if starts is not None:
        return _forward(problem, travel, vehicle, stop_ids, departure, starts)
    route = _forward(problem, travel, vehicle, stop_ids, departure, None)
    delay = _useful_delay(problem, route)
    if delay == 0:
        return route
    return _forward(problem, travel, vehicle, stop_ids, departure + delay, None)


def route_violations(problem: Problem, vehicle: Vehicle, route: Route) -> list[str]:
    """Short reasons why a scheduled route breaks windows, capacity or the shift."""
    problems: list[str] = []
    if route.load_at_start > vehicle.capacity:
        problems.append("capacity")
    for visit in route.stops:
        _, _, stop = problem.stop(visit.stop_id)
        if visit.load_after > vehicle.capacity:
            problems.append("capacity")
        if current_window(stop, visit.start) is None:
            problems.append("window")
    if route.arrival > vehicle.shift.end or route.departure < vehicle.shift.start:
        problems.append("shift")
    if vehicle.max_duration_s is not None and route.duration_s > vehicle.max_duration_s:
        problems.append("duration")
    return problems
