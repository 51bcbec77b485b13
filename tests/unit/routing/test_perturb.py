"""Ruin and recreate between rounds: a different plan, every rule still kept."""

from __future__ import annotations

import random

from routing_plans import as_plan

from routing import Depot, Problem, Task, TimeWindow, Vehicle, check_plan
from routing.distances import TravelData
from routing.perturb import ruin_and_recreate


def _spread_plan(problem: Problem) -> list[list[str]]:
    """Task k on courier k mod n, pickup first: feasible without windows."""
    routes: list[list[str]] = [[] for _ in problem.vehicles]
    for k, task in enumerate(problem.tasks):
        routes[k % len(routes)] += [s.id for s in task.stops]
    return routes


def _spread_day(
    plane, make_problem, make_courier, make_random_pairs, *, seed, pairs, couriers
) -> tuple[Problem, TravelData, list[list[str]]]:
    """Random pairs without windows on roomy couriers, with ``_spread_plan``."""
    tasks = make_random_pairs(seed, pairs, windows=False)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(couriers)]
    )
    return problem, TravelData(problem, plane), _spread_plan(problem)


def test_the_perturbed_plan_differs_and_keeps_every_rule(
    plane, make_problem, make_courier, make_random_pairs
):
    problem, travel, before = _spread_day(
        plane,
        make_problem,
        make_courier,
        make_random_pairs,
        seed=7,
        pairs=20,
        couriers=4,
    )

    after = ruin_and_recreate(problem, travel, before, random.Random(1), share=0.3)

    assert after != before
    plan = as_plan(problem, travel, after)
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
    assert sorted(s for r in after for s in r) == sorted(s for r in before for s in r)


def test_the_same_seed_gives_the_same_plan(
    plane, make_problem, make_courier, make_random_pairs
):
    problem, travel, before = _spread_day(
        plane,
        make_problem,
        make_courier,
        make_random_pairs,
        seed=8,
        pairs=12,
        couriers=3,
    )

    first = ruin_and_recreate(problem, travel, before, random.Random(5), share=0.4)
    second = ruin_and_recreate(problem, travel, before, random.Random(5), share=0.4)

    assert first == second


def test_locked_stops_stay_first_on_their_courier(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(9, 6, windows=False)
    locked = (tasks[0].pickup.id,)
    couriers = [
        make_courier("c0", capacity=30, locked_stop_ids=locked),
        make_courier("c1", capacity=30),
    ]
    problem = make_problem(tasks, couriers)
    travel = TravelData(problem, plane)
    before = _spread_plan(problem)

    for seed in range(6):
        after = ruin_and_recreate(
            problem, travel, before, random.Random(seed), share=1.0
        )
        assert after[0][0] == locked[0]
        assert tasks[0].delivery.id in after[0]
        plan = as_plan(problem, travel, after)
        assert check_plan(problem, plan, provider=plane) == []


def test_with_the_same_couriers_one_kept_home_stays_home(make_stop, plane):
    # Three pairs around (1000, 0) and three around (0, 1000), all on c0 from the
    # depot at the origin; c1 lives at a depot by the second three, so once taken out
    # (all of them, here) they cost least on a route of c1's own.
    tasks = [
        Task(
            f"t{k}",
            pickup=make_stop(f"p{k}", x + 30 * k, y + 40),
            delivery=make_stop(f"d{k}", x + 30 * k, y - 40),
        )
        for k, (x, y) in enumerate([(1000, 0)] * 3 + [(0, 1000)] * 3)
    ]
    problem = Problem(
        (Depot("PP", (0.0, 0.0)), Depot("Q", (0.0, 1000.0))),
        (
            Vehicle("c0", "PP", "PP", TimeWindow(0, 86400), 10),
            Vehicle("c1", "Q", "Q", TimeWindow(0, 86400), 10),
        ),
        tuple(tasks),
    )
    travel = TravelData(problem, plane)
    before = [[s.id for t in tasks for s in t.stops], []]

    free = ruin_and_recreate(problem, travel, before, random.Random(0), share=1.0)
    kept = ruin_and_recreate(
        problem, travel, before, random.Random(0), share=1.0, same_couriers=True
    )

    assert free[1] != []  # without the option, c1 gets the tasks taken out
    assert kept[1] == []
    plan = as_plan(problem, travel, kept)
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
