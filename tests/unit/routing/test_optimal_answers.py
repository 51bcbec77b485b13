"""On instances small enough to enumerate, the planner finds the optimal distance."""

from __future__ import annotations

import itertools

import pytest

from routing import EuclideanProvider, Problem, Stop, check_plan, plan_routes


def _start_of_service(stop: Stop, arrival: int) -> int | None:
    if not stop.windows:
        return arrival
    for window in stop.windows:
        if arrival <= window.end:
            return max(arrival, window.start)
    return None


def _route_cost(
    problem: Problem, plane: EuclideanProvider, order: tuple[Stop, ...]
) -> int | None:
    """Distance of one courier's route, or None if it breaks a rule (own walk)."""
    vehicle = problem.vehicles[0]
    locations = [problem.depots[0].location] + [s.location for s in order]
    matrix = plane.matrix([*locations, problem.depots[0].location], "")
    clock, load, metres = vehicle.shift.start, 0, 0
    seen: set[str] = set()
    for position, stop in enumerate(order, start=1):
        task, kind, _ = problem.stop(stop.id)
        if (
            kind == "delivery"
            and task.pickup is not None
            and task.pickup.id not in seen
        ):
            return None
        seen.add(stop.id)
        metres += matrix.distances_m[position - 1][position]
        start = _start_of_service(
            stop, clock + matrix.durations_s[position - 1][position]
        )
        if start is None:
            return None
        clock = start + stop.service_s
        load += task.items if kind == "pickup" else -task.items
        if load > vehicle.capacity:
            return None
    back = len(order)
    clock += matrix.durations_s[back][back + 1]
    metres += matrix.distances_m[back][back + 1]
    return metres if clock <= vehicle.shift.end else None


def _brute_force(problem: Problem, plane: EuclideanProvider, couriers: int) -> int:
    best: int | None = None
    tasks = problem.tasks
    for assignment in itertools.product(range(couriers), repeat=len(tasks)):
        total = 0
        for c in range(couriers):
            stops = [
                s
                for t, a in zip(tasks, assignment, strict=True)
                if a == c
                for s in t.stops
            ]
            costs = [
                _route_cost(problem, plane, p) for p in itertools.permutations(stops)
            ]
            feasible = [x for x in costs if x is not None]
            if not feasible:
                break
            total += min(feasible)
        else:
            best = total if best is None else min(best, total)
    assert best is not None, "the instance has no feasible plan"
    return best


@pytest.mark.parametrize(
    ("seed", "couriers", "capacity"),
    [(1, 1, 10), (2, 1, 3), (3, 1, 10), (4, 2, 3), (5, 2, 10)],
)
def test_a_tiny_pickup_and_delivery_day_gets_the_brute_force_optimal_distance(
    seed, couriers, capacity, plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(seed, 3, windows=True)
    vehicles = [make_courier(f"c{i}", capacity=capacity) for i in range(couriers)]
    problem = make_problem(tasks, vehicles)
    optimum = _brute_force(problem, plane, couriers)

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0)

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.distance_m == optimum
    assert plan.objective == optimum


def test_a_courier_with_deliveries_from_the_depot_takes_the_shortest_tour(
    plane, make_problem, make_stop
):
    corners = [
        (0, 500),
        (500, 500),
        (500, 0),
        (250, 250),
        (100, 400),
        (400, 100),
        (300, 450),
    ]
    from routing import Task

    tasks = [
        Task(f"t{i}", delivery=make_stop(f"s{i}", x, y))
        for i, (x, y) in enumerate(corners)
    ]
    problem = make_problem(tasks)
    optimum = _brute_force(problem, plane, 1)

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0)

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.distance_m == optimum
