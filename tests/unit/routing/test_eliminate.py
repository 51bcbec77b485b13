"""Route elimination between search phases: one courier fewer, every rule still kept."""

from __future__ import annotations

import dataclasses

from routing_plans import as_plan

from routing import (
    Problem,
    SearchOptions,
    Task,
    TimeWindow,
    check_plan,
    eliminate,
    plan_routes,
)
from routing.construct import plan_cost
from routing.distances import TravelData
from routing.eliminate import (
    eliminate_route,
    fewest_couriers,
    solve_in_phases,
    stops_per_shift,
)
from routing.planner import default_alternative

H = 3600


def _one_task_per_courier(problem: Problem) -> list[list[str]]:
    """A feasible but wasteful plan: task k on courier k, pickup first."""
    routes: list[list[str]] = [[] for _ in problem.vehicles]
    for k, task in enumerate(problem.tasks):
        routes[k] = [s.id for s in task.stops]
    return routes


def _far_apart_pairs(make_problem, make_courier, make_stop) -> Problem:
    """Two pairs whose windows overlap exactly, far apart: one courier cannot do both."""
    window = TimeWindow(1000, 1100)
    tasks = [
        Task(
            f"t{k}",
            pickup=make_stop(f"p{k}", x, 0, window),
            delivery=make_stop(f"d{k}", x, 50, TimeWindow(1000, 1200)),
        )
        for k, x in enumerate((-900, 900))
    ]
    return make_problem(tasks, [make_courier(f"c{i}") for i in range(2)])


def test_an_emptied_route_puts_every_task_back_on_fewer_couriers(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(5, 6, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=6) for i in range(6)])
    travel = TravelData(problem, plane)
    before = _one_task_per_courier(problem)

    after = eliminate_route(problem, travel, before)

    assert after is not None
    assert sum(1 for r in after if r) == sum(1 for r in before if r) - 1
    plan = as_plan(problem, travel, after)
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()


def test_optional_tasks_of_the_emptied_route_come_back_too(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = [
        dataclasses.replace(t, penalty=1)
        for t in make_random_pairs(8, 4, windows=False)
    ]
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=10) for i in range(4)]
    )
    travel = TravelData(problem, plane)

    after = eliminate_route(problem, travel, _one_task_per_courier(problem))

    assert after is not None
    served = {problem.stop(s)[0].id for r in after for s in r}
    assert served == {t.id for t in tasks}
    assert check_plan(problem, as_plan(problem, travel, after), provider=plane) == []


def test_no_route_is_emptied_when_its_tasks_fit_nowhere_else(
    plane, make_problem, make_courier, make_stop
):
    problem = _far_apart_pairs(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)

    assert eliminate_route(problem, travel, _one_task_per_courier(problem)) is None


def test_a_route_with_locked_stops_is_never_emptied(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(2, 2, windows=False)
    locked = make_courier("c0", capacity=10, locked_stop_ids=(tasks[0].pickup.id,))
    problem = make_problem(tasks, [locked, make_courier("c1", capacity=10)])
    travel = TravelData(problem, plane)
    before = _one_task_per_courier(problem)

    after = eliminate_route(problem, travel, before)

    assert after is not None
    assert after[1] == []
    assert after[0][0] == tasks[0].pickup.id
    plan = as_plan(problem, travel, after)
    assert check_plan(problem, plan, provider=plane) == []


def test_phased_search_is_never_worse_than_its_warm_start(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(13, 10, windows=True)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=5) for i in range(10)]
    )
    travel = TravelData(problem, plane)
    seed = _one_task_per_courier(problem)

    raw = solve_in_phases(
        problem,
        travel,
        options=SearchOptions(phases=3),
        time_limit_s=1.5,
        warm_routes=seed,
    )

    assert raw is not None
    routes = [list(r) for r in raw.routes]
    plan = as_plan(problem, travel, routes)
    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
    assert plan_cost(problem, travel, routes) <= plan_cost(problem, travel, seed)
    assert raw.wall_time_s < 3.0


def test_plan_routes_in_phases_keeps_every_rule_on_two_workers(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(17, 12, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=4) for i in range(5)])
    options = SearchOptions(phases=2)

    plan = plan_routes(
        problem,
        provider=plane,
        time_limit_s=2.0,
        options=options,
        workers=2,
        alternative=dataclasses.replace(
            options, first_solution="SAVINGS", phases=3, partial=True
        ),
    )

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
    assert "phases" in plan.stats.strategy


def test_a_partial_elimination_leaves_out_only_tasks_of_the_emptied_route(
    plane, make_problem, make_courier, make_stop
):
    problem = _far_apart_pairs(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    before = _one_task_per_courier(problem)

    after = eliminate_route(problem, travel, before, partial=True)

    assert after is not None
    assert sum(1 for r in after if r) == 1
    kept = next(r for r in after if r)
    assert kept in before
    plan = as_plan(problem, travel, after)
    assert check_plan(problem, plan, provider=plane) != []  # a must-serve task is out
    assert len(plan.dropped) == 1


def test_two_workers_on_a_day_without_pairs_keep_every_rule(
    plane, make_problem, make_courier, make_stop
):
    # Deliveries from the depot and pickups to it: the second worker starts from savings
    # and restarts from its best plan perturbed, 64 times a round.
    tasks = []
    for k in range(14):
        x, y = (k * 137) % 1700 - 850, (k * 291) % 1700 - 850
        spot = make_stop(f"s{k}", x, y, TimeWindow(0, 4 * H), service_s=60)
        if k % 3:
            tasks.append(Task(f"t{k}", delivery=spot, items=2))
        else:
            tasks.append(Task(f"t{k}", pickup=spot, items=2))
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=8) for i in range(4)])
    assert default_alternative(problem).first_solution == "SAVINGS"
    assert default_alternative(problem).restarts == 64

    plan = plan_routes(problem, provider=plane, time_limit_s=2.0, workers=2)

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()


def test_stops_per_shift_is_the_shift_over_service_plus_nearest_travel(
    plane, make_problem, make_courier, make_stop
):
    # Two stops 200 m apart at 1 m/s: each costs its service plus 200 s.
    task = Task(
        "t0",
        pickup=make_stop("p0", 0, 100, service_s=50),
        delivery=make_stop("d0", 0, 300, service_s=150),
    )
    whole_shift = make_problem([task], [make_courier(shift=TimeWindow(0, 3000))])
    capped = make_problem(
        [task], [make_courier(shift=TimeWindow(0, 3000), max_duration_s=1500)]
    )

    assert stops_per_shift(whole_shift, TravelData(whole_shift, plane)) == 10.0
    assert stops_per_shift(capped, TravelData(capped, plane)) == 5.0


def test_fewest_couriers_is_the_work_over_the_longest_shifts(
    plane, make_problem, make_courier, make_stop
):
    # Two pairs out on either side of the depot, 1000 s of service at each stop: the
    # work is 4 x 1000 s of service plus 100 + 200 s of travel to reach each side's
    # two places, 4600 s.
    tasks = [
        Task(
            f"t{k}",
            pickup=make_stop(f"p{k}", 0, 100 * side, service_s=1000),
            delivery=make_stop(f"d{k}", 0, 300 * side, service_s=1000),
        )
        for k, side in enumerate((1, -1))
    ]

    def bound(*couriers) -> int:
        problem = make_problem(tasks, list(couriers))
        return fewest_couriers(problem, TravelData(problem, plane))

    shift = TimeWindow(0, 3000)
    # One pair per courier takes 2600 s: two couriers of 3000 s are enough and needed.
    assert bound(*(make_courier(f"c{i}", shift=shift) for i in range(4))) == 2
    assert (
        bound(*(make_courier(f"c{i}", shift=TimeWindow(0, 5000)) for i in range(2)))
        == 1
    )
    capped = [make_courier(f"c{i}", shift=shift, max_duration_s=2000) for i in range(4)]
    assert bound(*capped) == 3
    # The longest shifts count first.
    assert (
        bound(
            make_courier("short1", shift=TimeWindow(0, 1000)),
            make_courier("long", shift=TimeWindow(0, 4000)),
            make_courier("short2", shift=TimeWindow(0, 1000)),
        )
        == 2
    )
    # Not even every courier is enough: the bound is the whole fleet.
    assert bound(make_courier("c0", shift=TimeWindow(0, 1000))) == 1


def test_automatic_phases_only_for_pairs_on_long_routes(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    searches: list[float] = []
    real_solve = eliminate.solve

    def counting_solve(*args, **kwargs):  # the real search, counted
        searches.append(kwargs["time_limit_s"])
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(eliminate, "solve", counting_solve)
    # Ten minutes at every stop: a 5-hour shift holds fewer than 25 stops, a day more.
    tasks = [
        dataclasses.replace(
            t,
            pickup=dataclasses.replace(t.pickup, service_s=600),
            delivery=dataclasses.replace(t.delivery, service_s=600),
        )
        for t in make_random_pairs(3, 4, windows=False)
    ]
    long_day = make_problem(tasks, [make_courier(f"c{i}") for i in range(2)])
    short_day = make_problem(
        tasks,
        [make_courier(f"c{i}", shift=TimeWindow(0, 5 * H)) for i in range(2)],
    )
    long_travel, short_travel = (
        TravelData(long_day, plane),
        TravelData(short_day, plane),
    )
    assert stops_per_shift(long_day, long_travel) >= eliminate.LONG_ROUTE_STOPS
    assert stops_per_shift(short_day, short_travel) < eliminate.LONG_ROUTE_STOPS

    for day, travel, phases in (
        (long_day, long_travel, 2),
        (short_day, short_travel, 1),
    ):
        searches.clear()
        raw = solve_in_phases(day, travel, options=SearchOptions(), time_limit_s=0.4)
        assert raw is not None
        assert len(searches) == phases
        plan = as_plan(day, travel, [list(r) for r in raw.routes])
        assert check_plan(day, plan, provider=plane) == []
