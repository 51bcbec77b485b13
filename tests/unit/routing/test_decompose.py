"""A day split by postal point: parts planned apart, merged into one checked plan."""

from __future__ import annotations

import random

import pytest

from routing import (
    Depot,
    Problem,
    Task,
    TimeWindow,
    Vehicle,
    check_plan,
    plan_routes,
)
from routing.decompose import SubMatrices, should_decompose, split_by_depot
from routing.distances import TravelData

H = 3600
SHIFT = TimeWindow(7 * H, 18 * H)
# Three postal points 12 km apart (3 h 20 min) on a plane where a metre takes a
# second; each point's tasks are within 2 km of it.
POINTS = {"PA": (0.0, 0.0), "PB": (12_000.0, 0.0), "PC": (0.0, 12_000.0)}


def _day(seed: int, per_point: int, couriers: int = 2) -> Problem:
    rng = random.Random(seed)
    tasks = []
    for name, (x, y) in POINTS.items():
        for k in range(per_point):
            slot = rng.randrange(8 * H, 14 * H, 1800)

            def near(
                label: str, x: float = x, y: float = y, k: int = k, name: str = name
            ) -> tuple[str, tuple[float, float]]:
                return (
                    f"{name}-{label}{k}",
                    (x + rng.uniform(-2000, 2000), y + rng.uniform(-2000, 2000)),
                )

            from routing import Stop

            home_id, home_at = near("h")
            agency_id, agency_at = near("a")
            tasks.append(
                Task(
                    f"{name}-t{k}",
                    pickup=Stop(
                        home_id, home_at, 300, (TimeWindow(slot, slot + 3 * H),)
                    ),
                    delivery=Stop(agency_id, agency_at, 600),
                    items=rng.randint(1, 2),
                    penalty=None if k % 2 == 0 else 30_000,
                )
            )
    vehicles = tuple(
        Vehicle(f"{name}-c{i}", name, name, SHIFT, capacity=6)
        for name in POINTS
        for i in range(couriers)
    )
    depots = tuple(Depot(name, at) for name, at in POINTS.items())
    return Problem(depots, vehicles, tuple(tasks))


def _courier_of(plan) -> dict[str, str]:
    return {s.task_id: r.vehicle_id for r in plan.routes for s in r.stops}


def test_each_task_goes_to_the_part_of_its_nearest_postal_point(plane):
    problem = _day(1, 6)
    travel = TravelData(problem, plane)

    parts = split_by_depot(problem, travel)

    assert sorted(p.depot_id for p in parts) == sorted(POINTS)
    for part in parts:
        assert {v.start_depot for v in part.problem.vehicles} == {part.depot_id}
        assert {t.id.split("-")[0] for t in part.problem.tasks} == {part.depot_id}
    assert sorted(t.id for p in parts for t in p.problem.tasks) == sorted(
        t.id for t in problem.tasks
    )


def test_a_part_travels_with_exactly_the_whole_problems_times(plane):
    problem = _day(2, 4)
    travel = TravelData(problem, plane)
    part = split_by_depot(problem, travel)[1]

    sub = TravelData(part.problem, SubMatrices(travel))

    for a, b in [("PB-h0", "PB-a1"), ("PB-a2", "PB-h3")]:
        whole = travel.leg(
            "motorbike", travel.stop_location[a], travel.stop_location[b]
        )
        assert sub.leg("motorbike", sub.stop_location[a], sub.stop_location[b]) == whole


@pytest.mark.parametrize("workers", [1, 2])
def test_merged_plan_serves_every_task_once_or_drops_it_with_a_reason(plane, workers):
    problem = _day(3, 8)

    plan = plan_routes(
        problem, provider=plane, time_limit_s=3.0, by_depot=True, workers=workers
    )

    assert check_plan(problem, plan, provider=plane) == []
    served = _courier_of(plan)
    dropped = {d.task_id for d in plan.dropped}
    assert served.keys().isdisjoint(dropped)
    assert served.keys() | dropped == {t.id for t in problem.tasks}
    assert {t.id for t in problem.tasks if t.must_serve} <= served.keys()
    # Each point's tasks stay on that point's couriers.
    for task_id, vehicle_id in served.items():
        assert task_id.split("-")[0] == vehicle_id.split("-")[0]
    assert [r.vehicle_id for r in plan.routes] == [v.id for v in problem.vehicles]
    assert plan.stats.status.startswith("BY_DEPOT")


def test_a_task_reserved_for_another_points_courier_is_planned_in_that_part(plane):
    base = _day(4, 3)
    moved = [
        Task(t.id, t.pickup, t.delivery, t.items, t.penalty, ("PB-c1",))
        if t.id == "PA-t0"
        else t
        for t in base.tasks
    ]
    problem = Problem(base.depots, base.vehicles, tuple(moved))

    plan = plan_routes(problem, provider=plane, time_limit_s=2.0, by_depot=True)

    assert _courier_of(plan)["PA-t0"] == "PB-c1"
    assert check_plan(problem, plan, provider=plane) == []


def test_a_must_serve_task_its_own_point_cannot_fit_goes_to_another_point(plane):
    # Point PA's only courier works the morning; PA's task opens at 14:00. PB's
    # courier, 10 km away, has the whole day and serves it.
    from routing import Stop

    task = Task(
        "late",
        pickup=Stop("late-h", (500.0, 500.0), 60, (TimeWindow(14 * H, 15 * H),)),
        delivery=Stop("late-a", (800.0, 0.0), 60),
    )
    problem = Problem(
        (Depot("PA", POINTS["PA"]), Depot("PB", (10_000.0, 0.0))),
        (
            Vehicle("PA-c0", "PA", "PA", TimeWindow(7 * H, 12 * H), capacity=5),
            Vehicle("PB-c0", "PB", "PB", TimeWindow(7 * H, 23 * H), capacity=5),
        ),
        (task,),
    )

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0, by_depot=True)

    assert _courier_of(plan) == {"late": "PB-c0"}
    assert check_plan(problem, plan, provider=plane) == []


def test_small_problems_keep_one_search_unless_told(plane):
    small = _day(5, 2)

    assert not should_decompose(small, None)
    assert should_decompose(small, True)
    assert not should_decompose(_day(5, 70), False)
    assert should_decompose(_day(5, 70), None)


def test_replanning_by_depot_keeps_visited_stops_and_is_never_worse(plane):
    import dataclasses

    problem = _day(6, 6)
    morning = plan_routes(problem, provider=plane, time_limit_s=2.0, by_depot=True)
    busiest = max(morning.routes, key=lambda r: len(r.stops))
    visited = tuple(s.stop_id for s in busiest.stops[:2])
    vehicles = tuple(
        dataclasses.replace(v, locked_stop_ids=visited)
        if v.id == busiest.vehicle_id
        else v
        for v in problem.vehicles
    )
    replanned = Problem(problem.depots, vehicles, problem.tasks)

    afternoon = plan_routes(
        replanned, provider=plane, time_limit_s=2.0, by_depot=True, warm_start=morning
    )

    route = afternoon.route_of(busiest.vehicle_id)
    assert tuple(s.stop_id for s in route.stops[:2]) == visited
    assert afternoon.objective <= morning.objective
    assert check_plan(replanned, afternoon, provider=plane) == []
