"""Small named scenarios for the route planner, on a plane where 1 metre takes 1 second."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from routing import (
    Depot,
    EuclideanProvider,
    Problem,
    Stop,
    Task,
    TimeWindow,
    Vehicle,
)

H = 3600
DAY = TimeWindow(0, 24 * H)
OFFICE_HOURS = (
    TimeWindow(7 * H + 1800, 11 * H + 1800),
    TimeWindow(13 * H + 1800, 17 * H),
)


@pytest.fixture
def plane() -> EuclideanProvider:
    """Straight-line distances in metres, travelled at one metre a second."""
    return EuclideanProvider(scale=1.0)


def stop(
    stop_id: str,
    x: float,
    y: float,
    *windows: TimeWindow,
    service_s: int = 0,
) -> Stop:
    """A stop at (x, y) on the plane."""
    return Stop(stop_id, (x, y), service_s, tuple(windows))


def courier(
    vehicle_id: str = "c1",
    *,
    capacity: int = 10,
    shift: TimeWindow = DAY,
    **kwargs: object,
) -> Vehicle:
    """A courier based at the depot "PP" at the origin."""
    return Vehicle(vehicle_id, "PP", "PP", shift, capacity, **kwargs)  # type: ignore[arg-type]


def problem(tasks: list[Task], vehicles: list[Vehicle] | None = None) -> Problem:
    """One depot at the origin, the given couriers (default one) and tasks."""
    return Problem(
        (Depot("PP", (0.0, 0.0)),),
        tuple(vehicles if vehicles is not None else [courier()]),
        tuple(tasks),
    )


def random_pairs(seed: int, pairs: int, *, windows: bool) -> list[Task]:
    """Pickup-and-delivery tasks at random places, with random 2-hour windows."""
    rng = random.Random(seed)
    tasks = []
    for k in range(pairs):
        opens = rng.randrange(0, 4 * H, 600)
        spots = []
        for role, later in (("p", 0), ("d", rng.randrange(0, 2 * H, 600))):
            window = (
                (TimeWindow(opens + later, opens + later + 2 * H),) if windows else ()
            )
            x, y = rng.uniform(-900, 900), rng.uniform(-900, 900)
            spots.append(stop(f"{role}{k}", x, y, *window, service_s=60))
        tasks.append(
            Task(f"t{k}", pickup=spots[0], delivery=spots[1], items=rng.randint(1, 3))
        )
    return tasks


@pytest.fixture
def make_stop() -> Callable[..., Stop]:
    """Build a stop on the plane: ``make_stop("a", x, y, *windows, service_s=0)``."""
    return stop


@pytest.fixture
def make_courier() -> Callable[..., Vehicle]:
    """Build a courier based at the origin depot "PP"."""
    return courier


@pytest.fixture
def make_problem() -> Callable[..., Problem]:
    """Build a problem with the origin depot: ``make_problem(tasks, vehicles=None)``."""
    return problem


@pytest.fixture
def make_random_pairs() -> Callable[..., list[Task]]:
    """Build seeded random pickup-and-delivery tasks."""
    return random_pairs


@pytest.fixture
def office_hours() -> tuple[TimeWindow, ...]:
    """An agency's morning and afternoon windows, closed for lunch 11:30-13:30."""
    return OFFICE_HOURS
