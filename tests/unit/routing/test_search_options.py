"""Every search strategy the planner offers returns a plan that keeps every rule."""

from __future__ import annotations

import pytest

from routing import (
    DropReason,
    NoRouteFound,
    SearchOptions,
    Task,
    check_plan,
    plan_routes,
)

STRATEGIES = {
    "hard must-serve": SearchOptions(hard_must_serve=True),
    "fleet phase": SearchOptions(fleet_phase=0.3),
    "nearest neighbours only": SearchOptions(neighbors_ratio=0.3),
    "hard must-serve, fleet phase": SearchOptions(
        hard_must_serve=True, fleet_phase=0.3
    ),
    "full propagation": SearchOptions(full_propagation=True),
    "larger GLS lambda": SearchOptions(gls_lambda=0.3),
    "GLS penalties per courier": SearchOptions(gls_courier_classes=False),
    "one phase": SearchOptions(phases=1),
    "three phases": SearchOptions(phases=3),
    "two phases, whole routes only": SearchOptions(phases=2, partial=False),
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
        alternative=SearchOptions(hard_must_serve=True, fleet_phase=0.3),
    )

    assert plan.stats.workers == 2
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.distance_m <= _out_and_back(tasks)


def test_hard_must_serve_still_names_the_task_that_cannot_be_served(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task("huge", delivery=make_stop("h", 100, 0), items=30),
        Task("small", delivery=make_stop("s", 0, 100), items=1),
    ]
    problem = make_problem(tasks, [make_courier(capacity=10)])

    with pytest.raises(NoRouteFound) as raised:
        plan_routes(
            problem,
            provider=plane,
            time_limit_s=1.0,
            options=SearchOptions(hard_must_serve=True),
        )

    assert [(d.task_id, d.reason) for d in raised.value.unserved] == [
        ("huge", DropReason.CAPACITY)
    ]


def test_hard_must_serve_still_drops_an_optional_task_not_worth_its_detour(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task("near", delivery=make_stop("n", 100, 0)),
        Task("far", delivery=make_stop("f", 5000, 0), penalty=10),
    ]
    problem = make_problem(tasks)

    plan = plan_routes(
        problem,
        provider=plane,
        time_limit_s=1.0,
        options=SearchOptions(hard_must_serve=True),
    )

    assert [d.task_id for d in plan.dropped] == ["far"]
    assert check_plan(problem, plan, provider=plane) == []


def test_a_fleet_phase_lets_two_couriers_share_a_day_one_could_not_do(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task(f"t{k}", delivery=make_stop(f"s{k}", 1000 * (k % 2 * 2 - 1), 10 * k))
        for k in range(6)
    ]
    couriers = [make_courier(f"c{i}", capacity=3) for i in range(3)]
    problem = make_problem(tasks, couriers)

    plan = plan_routes(
        problem,
        provider=plane,
        time_limit_s=1.0,
        options=SearchOptions(fleet_phase=0.5),
    )

    assert plan.dropped == ()
    assert plan.vehicles_used >= 2
    assert check_plan(problem, plan, provider=plane) == []
