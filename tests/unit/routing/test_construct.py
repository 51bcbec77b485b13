"""Our own first plan: every route it builds keeps windows, capacity, shifts and pairs."""

from __future__ import annotations

import dataclasses
import random

from routing_plans import as_plan

from routing import (
    DropReason,
    EuclideanProvider,
    Problem,
    Task,
    TimeWindow,
    check_plan,
)
from routing.construct import construct, plan_cost
from routing.distances import TravelData

H = 3600


def _served(routes: list[list[str]], problem: Problem) -> set[str]:
    return {problem.stop(s)[0].id for r in routes for s in r}


def _office_tasks(seed: int, count: int, make_stop, office_hours) -> list[Task]:
    """Home -> agency and agency -> home tasks; agencies close for lunch."""
    rng = random.Random(seed)
    tasks = []
    for k in range(count):
        slot = rng.randrange(8 * H, 15 * H, 1800)
        home = make_stop(
            f"h{k}",
            rng.uniform(-4000, 4000),
            rng.uniform(-4000, 4000),
            TimeWindow(slot, slot + 2 * H),
            service_s=300,
        )
        agency = make_stop(
            f"a{k}",
            rng.choice([-3000, 0, 3000]),
            rng.choice([-3000, 3000]),
            *office_hours,
            service_s=600,
        )
        pickup, delivery = (home, agency) if k % 2 else (agency, home)
        tasks.append(
            Task(
                f"t{k}",
                pickup=pickup,
                delivery=delivery,
                items=rng.randint(1, 3),
                penalty=None if k % 3 == 0 else 50_000,
            )
        )
    return tasks


def test_constructed_routes_keep_office_hours_capacity_and_precedence(
    plane, make_stop, make_problem, make_courier, office_hours
):
    tasks = _office_tasks(5, 30, make_stop, office_hours)
    problem = make_problem(
        tasks,
        [
            make_courier(f"c{i}", capacity=4, shift=TimeWindow(7 * H, 18 * H))
            for i in range(8)
        ],
    )
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    plan = as_plan(problem, travel, routes)
    assert check_plan(problem, plan, provider=plane) == []
    assert {t.id for t in tasks if t.must_serve} <= _served(routes, problem)
    for route in routes:
        for task in {problem.stop(s)[0] for s in route}:
            assert route.index(task.pickup.id) < route.index(task.delivery.id)


def test_a_courier_reaching_an_agency_at_lunch_serves_it_in_the_afternoon(
    plane, make_stop, make_problem, make_courier, office_hours
):
    # The home opens at 11:00 only; the agency is 40 minutes on: after 11:30.
    home = make_stop("home", 0, 1000, TimeWindow(11 * H, 11 * H + 600))
    agency = make_stop("agency", 0, 3400, *office_hours)
    problem = make_problem(
        [Task("dossier", pickup=home, delivery=agency)],
        [make_courier(shift=TimeWindow(7 * H, 18 * H))],
    )
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    plan = as_plan(problem, travel, routes)
    assert routes == [["home", "agency"]]
    assert plan.routes[0].stops[1].start >= 13 * H + 1800
    assert check_plan(problem, plan, provider=plane) == []


def test_depot_loads_and_pickups_to_the_depot_never_exceed_capacity(
    plane, make_stop, make_problem, make_courier
):
    # Four deliveries from the depot and four pickups to it, two items each, on
    # couriers carrying four: no route may take more than two of either.
    tasks = [
        Task(f"d{k}", delivery=make_stop(f"d{k}", 100 * k, 500), items=2)
        for k in range(4)
    ] + [
        Task(f"p{k}", pickup=make_stop(f"p{k}", 100 * k, -500), items=2)
        for k in range(4)
    ]
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=4) for i in range(4)])
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    plan = as_plan(problem, travel, routes)
    assert _served(routes, problem) == {t.id for t in tasks}
    assert max(r.load_at_start for r in plan.routes) <= 4
    assert check_plan(problem, plan, provider=plane) == []


def test_an_optional_task_is_left_out_when_it_costs_more_than_its_penalty(
    plane, make_stop, make_problem, make_courier
):
    near = Task("near", delivery=make_stop("near", 100, 0), penalty=10_000)
    far = Task("far", delivery=make_stop("far", 0, 20_000), penalty=10_000)
    must = Task("must", delivery=make_stop("must", 30_000, 0))
    problem = make_problem([near, far, must])
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    assert _served(routes, problem) == {"near", "must"}
    plan = as_plan(problem, travel, routes)
    assert [(d.task_id, d.reason) for d in plan.dropped] == [
        ("far", DropReason.CROWDED_OUT)
    ]
    assert check_plan(problem, plan, provider=plane) == []


def test_routes_respect_the_maximum_duration(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(7, 16, windows=True)
    vehicles = [make_courier(f"c{i}", max_duration_s=H + 1800) for i in range(6)]
    problem = make_problem(tasks, vehicles)
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    plan = as_plan(problem, travel, routes)
    assert all(r.duration_s <= H + 1800 for r in plan.routes)
    assert check_plan(problem, plan, provider=plane) == []


def test_locked_stops_stay_first_and_their_tasks_are_completed_by_their_courier(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(8, 10, windows=False)
    locked = (tasks[3].pickup.id, tasks[0].pickup.id)
    vehicles = [make_courier("c1", capacity=6, locked_stop_ids=locked)] + [
        make_courier(f"c{i}", capacity=6) for i in (2, 3)
    ]
    problem = make_problem(tasks, vehicles)
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    assert tuple(routes[0][:2]) == locked
    assert {tasks[3].delivery.id, tasks[0].delivery.id} <= set(routes[0])
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_a_feasible_warm_start_is_kept_and_completed(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(9, 8, windows=False)
    problem = make_problem(tasks, [make_courier(f"c{i}") for i in range(2)])
    travel = TravelData(problem, plane)
    seed = [[tasks[5].pickup.id, tasks[5].delivery.id], []]

    routes = construct(problem, travel, initial=seed)

    assert [s for s in routes[0] if s in seed[0]] == seed[0]
    assert _served(routes, problem) == {t.id for t in tasks}
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_a_task_reserved_for_a_courier_goes_to_that_courier(
    make_stop, make_problem, make_courier
):
    plane = EuclideanProvider()
    task = Task(
        "reserved",
        pickup=make_stop("p", 10, 10),
        delivery=make_stop("d", 20, 20),
        vehicle_ids=("c3",),
    )
    problem = make_problem([task], [make_courier(f"c{i}") for i in (1, 2, 3)])
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    assert routes == [[], [], ["p", "d"]]


def test_the_cost_of_constructed_routes_counts_fixed_costs_and_penalties(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task("a", delivery=make_stop("a", 300, 400)),
        Task("b", delivery=make_stop("b", 90_000, 0), penalty=7),
    ]
    vehicles = [dataclasses.replace(make_courier(), fixed_cost=1000)]
    problem = make_problem(tasks, vehicles)
    travel = TravelData(problem, plane)

    routes = construct(problem, travel)

    assert routes == [["a"]]
    assert plan_cost(problem, travel, routes) == 1000 + 500 + 500 + 7
