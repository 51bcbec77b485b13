"""Every search strategy the planner offers returns a plan that keeps every rule."""

from __future__ import annotations

import pytest

from routing import SearchOptions, check_plan, plan_routes

STRATEGIES = {
    "ruin and recreate": SearchOptions(ruin_recreate=True),
    "ruin and recreate, short strings": SearchOptions(ruin_recreate=True, ruin_size=3),
    "hard must-serve": SearchOptions(hard_must_serve=True),
    "full propagation": SearchOptions(full_propagation=True),
    "larger GLS lambda": SearchOptions(gls_lambda=0.3),
}


def _out_and_back(tasks) -> int:
    """Distance of serving every task on its own round trip: a feasible upper bound."""
    return sum(
        2 * (abs(s.location[0]) + abs(s.location[1])) for t in tasks for s in t.stops
    )


@pytest.mark.parametrize("options", STRATEGIES.values(), ids=STRATEGIES.keys())
def test_each_strategy_serves_every_pair_within_windows_and_capacity(
    options, plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(7, 12, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=4) for i in range(4)])

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0, options=options)

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
    assert plan.distance_m <= _out_and_back(tasks)
    assert plan.stats.strategy == options.label


@pytest.mark.parametrize("options", STRATEGIES.values(), ids=STRATEGIES.keys())
def test_each_strategy_matches_the_default_on_a_tiny_day_it_can_solve_optimally(
    options, plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(3, 3, windows=True)
    problem = make_problem(tasks, [make_courier("c1", capacity=10)])
    default = plan_routes(problem, provider=plane, time_limit_s=1.0)

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0, options=options)

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.distance_m <= default.distance_m


def test_the_second_worker_can_be_given_its_own_strategy(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(11, 10, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(3)])

    plan = plan_routes(
        problem,
        provider=plane,
        time_limit_s=2.0,
        workers=2,
        alternative=SearchOptions(ruin_recreate=True),
    )

    assert plan.stats.workers == 2
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.distance_m <= _out_and_back(tasks)
