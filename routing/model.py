"""The route planner's problem: frozen dataclasses that callers build from their own data.

Units: times are integer seconds from the start of the day (any fixed integer unit works,
as long as every time, service time and travel time uses it); distances are integer metres.
Locations are ``(latitude, longitude)`` pairs in degrees for the geographic providers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Location = tuple[float, float]


class InvalidProblem(ValueError):
    """The problem is inconsistent (unknown depot, duplicate id, bad window...)."""


class StopKind(StrEnum):
    """What a courier does at a stop: load items or hand them over."""

    PICKUP = "pickup"
    DELIVERY = "delivery"


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """An interval in which service may START; arriving earlier means waiting."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise InvalidProblem(f"time window ends before it starts: {self}")


@dataclass(frozen=True, slots=True)
class Depot:
    """A postal point where couriers start and end their day."""

    id: str
    location: Location


@dataclass(frozen=True, slots=True)
class Stop:
    """A place a courier visits for one task.

    ``windows`` are sorted, disjoint intervals for the start of service (an agency open
    07:30-11:30 and 13:30-17:00 has two); an empty tuple means "any time in the shift".
    """

    id: str
    location: Location
    service_s: int = 0
    windows: tuple[TimeWindow, ...] = ()

    def __post_init__(self) -> None:
        if self.service_s < 0:
            raise InvalidProblem(f"stop {self.id}: negative service time")
        for earlier, later in zip(self.windows, self.windows[1:], strict=False):
            if later.start <= earlier.end:
                raise InvalidProblem(f"stop {self.id}: windows overlap or are unsorted")


@dataclass(frozen=True, slots=True)
class Task:
    """Carry ``items`` from ``pickup`` to ``delivery`` on one courier, pickup first.

    A task with only a ``delivery`` is loaded at the courier's start depot; a task with
    only a ``pickup`` is unloaded at the courier's end depot. ``penalty=None`` means the
    task must be served; otherwise it may be dropped at that cost (in metres of
    driving, the objective's unit), which is how urgency from a deadline is expressed.
    ``vehicle_ids`` restricts which couriers may serve it (empty: any).
    """

    id: str
    pickup: Stop | None = None
    delivery: Stop | None = None
    items: int = 1
    penalty: int | None = None
    vehicle_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.pickup is None and self.delivery is None:
            raise InvalidProblem(f"task {self.id} has neither pickup nor delivery")
        if self.items < 0:
            raise InvalidProblem(f"task {self.id}: negative items")
        if self.penalty is not None and self.penalty < 0:
            raise InvalidProblem(f"task {self.id}: negative penalty")

    @property
    def stops(self) -> tuple[Stop, ...]:
        """The task's stops in the order they must be visited."""
        return tuple(s for s in (self.pickup, self.delivery) if s is not None)

    @property
    def must_serve(self) -> bool:
        """Whether the plan may not drop this task."""
        return self.penalty is None


@dataclass(frozen=True, slots=True)
class Vehicle:
    """A courier for one day.

    ``locked_stop_ids`` are stops already visited (re-planning in the middle of the
    day): they stay the first stops of this courier's route, in this order, and their
    tasks must be completed by this courier.
    """

    id: str
    start_depot: str
    end_depot: str
    shift: TimeWindow
    capacity: int
    profile: str = "motorbike"
    max_duration_s: int | None = None
    fixed_cost: int = 0
    locked_stop_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Depots, couriers and tasks of one planning run; validated on construction."""

    depots: tuple[Depot, ...]
    vehicles: tuple[Vehicle, ...]
    tasks: tuple[Task, ...]
    _stop_index: dict[str, tuple[Task, StopKind, Stop]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, tuple[Task, StopKind, Stop]] = {}
        for task in self.tasks:
            for kind, stop in (
                (StopKind.PICKUP, task.pickup),
                (StopKind.DELIVERY, task.delivery),
            ):
                if stop is None:
                    continue
                if stop.id in index:
                    raise InvalidProblem(f"duplicate stop id {stop.id}")
                index[stop.id] = (task, kind, stop)
        object.__setattr__(self, "_stop_index", index)
        self._validate(index)

    def _validate(self, index: dict[str, tuple[Task, StopKind, Stop]]) -> None:
        for what, ids in (
            ("depot", [d.id for d in self.depots]),
            ("vehicle", [v.id for v in self.vehicles]),
            ("task", [t.id for t in self.tasks]),
        ):
            if len(set(ids)) != len(ids):
                raise InvalidProblem(f"duplicate {what} id")
        if not self.vehicles:
            raise InvalidProblem("a problem needs at least one vehicle")
        depot_ids = {d.id for d in self.depots}
        vehicle_ids = {v.id for v in self.vehicles}
        locked: set[str] = set()
        for vehicle in self.vehicles:
            if {vehicle.start_depot, vehicle.end_depot} - depot_ids:
                raise InvalidProblem(f"vehicle {vehicle.id}: unknown depot")
            if vehicle.capacity < 0:
                raise InvalidProblem(f"vehicle {vehicle.id}: negative capacity")
            for stop_id in vehicle.locked_stop_ids:
                if stop_id not in index or stop_id in locked:
                    raise InvalidProblem(
                        f"vehicle {vehicle.id}: bad locked stop {stop_id}"
                    )
                locked.add(stop_id)
        for task in self.tasks:
            if set(task.vehicle_ids) - vehicle_ids:
                raise InvalidProblem(f"task {task.id}: unknown vehicle")

    def stop(self, stop_id: str) -> tuple[Task, StopKind, Stop]:
        """Return the task, the kind and the stop for a stop id."""
        return self._stop_index[stop_id]

    def has_stop(self, stop_id: str) -> bool:
        """Whether a stop with this id belongs to one of the tasks."""
        return stop_id in self._stop_index

    def depot(self, depot_id: str) -> Depot:
        """Return the depot with this id."""
        return next(d for d in self.depots if d.id == depot_id)

    def has_pairs(self) -> bool:
        """Whether some task is a pickup-and-delivery pair (both stops on the route)."""
        return any(t.pickup is not None and t.delivery is not None for t in self.tasks)

    def locked_task_ids(self) -> set[str]:
        """Ids of tasks that have a locked stop, hence must be completed."""
        return {
            self._stop_index[s][0].id for v in self.vehicles for s in v.locked_stop_ids
        }
