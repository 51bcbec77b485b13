"""The route planner's answer: per courier the ordered stops with their times and loads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from routing.model import StopKind


class DropReason(StrEnum):
    """Why a task is not in the plan."""

    CAPACITY = "capacity"
    UNREACHABLE = "unreachable"
    CROWDED_OUT = "crowded_out"


@dataclass(frozen=True, slots=True)
class PlannedStop:
    """One visit: when the courier arrives, waits, serves and leaves, and the load after."""

    stop_id: str
    task_id: str
    kind: StopKind
    arrival: int
    wait: int
    start: int
    departure: int
    load_after: int
    distance_m: int
    travel_s: int


@dataclass(frozen=True, slots=True)
class Route:
    """A courier's day: leave the start depot, visit ``stops`` in order, return.

    ``distance_m`` and ``travel_s`` include the last leg back to the end depot, whose
    own figures are ``return_distance_m`` and ``return_travel_s``.
    """

    vehicle_id: str
    stops: tuple[PlannedStop, ...]
    departure: int
    arrival: int
    load_at_start: int
    distance_m: int
    travel_s: int
    return_distance_m: int
    return_travel_s: int

    @property
    def duration_s(self) -> int:
        """Time from leaving the start depot to arriving at the end depot."""
        return self.arrival - self.departure


@dataclass(frozen=True, slots=True)
class DroppedTask:
    """A task left out of the plan and the reason."""

    task_id: str
    reason: DropReason
    detail: str


@dataclass(frozen=True, slots=True)
class SolverStats:
    """How the plan was found."""

    status: str
    wall_time_s: float
    strategy: str
    workers: int = 1
    warm_started: bool = False


@dataclass(frozen=True, slots=True)
class Plan:
    """Routes of the couriers that go out, tasks dropped, the objective, statistics.

    ``routes`` holds one route per vehicle of the problem, in the problem's order;
    a courier who stays at the depot has an empty route.
    """

    routes: tuple[Route, ...]
    dropped: tuple[DroppedTask, ...]
    objective: int
    stats: SolverStats

    @property
    def distance_m(self) -> int:
        """Total distance driven by all couriers."""
        return sum(r.distance_m for r in self.routes)

    @property
    def vehicles_used(self) -> int:
        """How many couriers leave their depot."""
        return sum(1 for r in self.routes if r.stops)

    def route_of(self, vehicle_id: str) -> Route:
        """Return the route of one courier."""
        return next(r for r in self.routes if r.vehicle_id == vehicle_id)


class NoRouteFound(Exception):
    """No plan serves every must-serve task within windows, capacities and shifts."""

    def __init__(self, message: str, unserved: tuple[DroppedTask, ...] = ()) -> None:
        super().__init__(message)
        self.unserved = unserved


__all__ = [
    "DropReason",
    "DroppedTask",
    "NoRouteFound",
    "Plan",
    "PlannedStop",
    "Route",
    "SolverStats",
]
