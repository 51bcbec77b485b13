"""A worker's round in the two-worker search: searches from perturbed restarts."""

from __future__ import annotations

import dataclasses
import multiprocessing
import pickle
import random
import time

import pytest
from routing_plans import as_plan, spy_on

from routing import SearchOptions, Task, check_plan, cooperate, relax
from routing.construct import construct, plan_cost
from routing.distances import TravelData


def _spy_on_solve(monkeypatch, *, first_finds_nothing: bool = False) -> list[dict]:
    """Record the keyword arguments of every search ``cooperate`` starts (the real
    search runs; with ``first_finds_nothing`` the first one returns no plan)."""
    calls: list[dict] = []
    real_solve = cooperate.solve

    def spy(*args, **kwargs):
        calls.append(kwargs)
        if first_finds_nothing and len(calls) == 1:
            return None
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(cooperate, "solve", spy)
    return calls


def _round(problem, travel, *, restarts, seed, seconds, collect=None, idle=()):
    """One worker's round of ``seconds`` with ``restarts`` searches from ``seed``."""
    return cooperate._search_round(
        problem,
        travel,
        SearchOptions(restarts=restarts),
        cooperate._Round(until=time.time() + seconds, seed=seed),
        collect or (lambda routes: None),
        random.Random(0),
        idle,
    )


@pytest.mark.parametrize("restarts", [1, 3])
def test_a_childs_round_searches_once_per_restart_each_from_a_new_start(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch, restarts
):
    tasks = make_random_pairs(5, 10, windows=True)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=5) for i in range(10)]
    )
    travel = TravelData(problem, plane)
    seed = [[s.id for s in t.stops] for t in tasks]
    calls = _spy_on_solve(monkeypatch)
    seen: list[list[list[str]]] = []

    best = _round(
        problem,
        travel,
        restarts=restarts,
        seed=seed,
        seconds=1.5 * restarts,
        collect=seen.append,
    )
    starts = [c["warm_routes"] for c in calls]

    assert best is not None
    assert len(starts) == restarts
    assert starts[0] == seed
    # Each later search starts from the best plan so far, perturbed: every stop once,
    # and no longer the seed (which the first search left behind).
    every_stop = sorted(s.id for t in tasks for s in t.stops)
    for later in starts[1:]:
        assert later is not None
        assert sorted(s for r in later for s in r) == every_stop
        assert later != seed
    routes = [list(r) for r in best.routes]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []
    assert best.objective == min(plan_cost(problem, travel, r) for r in seen)
    assert best.objective < plan_cost(problem, travel, seed)


def test_a_round_with_couriers_kept_home_is_one_search_that_leaves_them_home(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    tasks = make_random_pairs(6, 8, windows=False)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(4)]
    )
    travel = TravelData(problem, plane)
    seed = [[s.id for t in tasks[:4] for s in t.stops], [], [], []]
    seed[1] = [s.id for t in tasks[4:] for s in t.stops]
    calls = _spy_on_solve(monkeypatch)

    best = _round(problem, travel, restarts=4, seed=seed, seconds=2.0, idle=[2, 3])

    assert [c["idle"] for c in calls] == [[2, 3]]
    assert best is not None
    assert best.routes[2] == () and best.routes[3] == ()


def test_a_large_day_gets_fewer_restarts_each_long_enough(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(7, 50, windows=False)  # 100 stops
    problem = make_problem(tasks, [make_courier("c0", capacity=100)])
    options = SearchOptions(restarts=64)
    per_search = cooperate.RESTART_S_PER_STOP * 100

    assert cooperate._searches(problem, options, 64 * per_search, ()) == 64
    assert cooperate._searches(problem, options, 10 * per_search, ()) == 10
    assert cooperate._searches(problem, options, 0.5 * per_search, ()) == 1
    assert cooperate._searches(problem, options, 64 * per_search, [0]) == 1


def test_when_a_search_finds_no_plan_the_rest_of_the_round_goes_to_one_search(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    tasks = make_random_pairs(8, 6, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(6)])
    travel = TravelData(problem, plane)
    calls = _spy_on_solve(monkeypatch, first_finds_nothing=True)

    best = _round(problem, travel, restarts=8, seed=None, seconds=2.0)
    limits = [c["time_limit_s"] for c in calls]

    assert len(limits) == 2
    assert limits[0] == pytest.approx(2.0 / 8, abs=0.1)
    assert limits[1] > 1.5  # everything left, not another eighth
    assert best is not None
    routes = [list(r) for r in best.routes]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_a_fleet_that_cannot_shrink_is_not_asked_to_again(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    # Each courier alone may carry its own two tasks: a round with one courier fewer
    # can never serve everything, so it is tried once, and the other rounds restart
    # this process from the recombined plan perturbed.
    tasks = make_random_pairs(9, 6, windows=False)
    couriers = [make_courier(f"c{i}", capacity=10) for i in range(3)]
    tasks = [
        dataclasses.replace(t, vehicle_ids=(couriers[k // 2].id,))
        for k, t in enumerate(tasks)
    ]
    problem = make_problem(tasks, couriers)
    travel = TravelData(problem, plane)
    calls = _spy_on_solve(monkeypatch)
    put_back = spy_on(monkeypatch, cooperate, "put_back")

    # An ejection share of five times the budget: each try is cut at its round's end.
    began = time.monotonic()
    raw = cooperate.solve_together(
        problem,
        travel,
        options=SearchOptions(rounds=4, late=0.0, ejection=5.0),
        second=SearchOptions(late=0.0),
        time_limit_s=4.0,
    )

    rounds = [c for c in calls if c.get("solution_limit") is None]
    assert len(rounds) == 4
    assert [bool(c["idle"]) for c in rounds] == [False, True, False, False]
    # The ejection pool was asked to put back what that round left out: the tasks
    # of the courier kept home, which only that courier may serve. It could not,
    # and was to give up by the end of its round, within the budget (not 20 s on).
    home = {problem.vehicles[v].id for v in rounds[1]["idle"]}
    assert len(put_back) == 1
    assert set(put_back[0]["task_ids"]) == {
        t.id for t in tasks if set(t.vehicle_ids) <= home
    }
    assert put_back[0]["deadline"] <= began + 4.0
    assert raw is not None
    routes = [list(r) for r in raw.routes]
    assert sum(1 for r in routes if r) == 3
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_the_recombinations_end_before_the_limit_leaving_time_to_finish(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    tasks = make_random_pairs(10, 8, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=6) for i in range(4)])
    travel = TravelData(problem, plane)
    budgets: list[tuple[float, float]] = []
    real = cooperate.RoutePool.recombine

    def recombine(self, incumbent, time_limit_s, **kwargs):
        budgets.append((time.time(), time_limit_s))
        return real(self, incumbent, time_limit_s, **kwargs)

    monkeypatch.setattr(cooperate.RoutePool, "recombine", recombine)
    limit = 3.0

    began = time.time()
    raw = cooperate.solve_together(
        problem,
        travel,
        options=SearchOptions(rounds=2, late=0.0),
        second=SearchOptions(late=0.0),
        time_limit_s=limit,
    )

    # Each recombination was to end by the search's own end, FINISH_S before the
    # limit (the last one used to be given the time up to the limit itself).
    search_end = began + limit - cooperate.FINISH_S
    assert len(budgets) >= 2
    for start, budget in budgets:
        assert start + budget <= max(search_end, start + 0.01) + 0.005
    assert raw is not None
    routes = [list(r) for r in raw.routes]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_a_round_with_late_allowed_searches_through_late_plans_and_pools_punctual_ones(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    tasks = make_random_pairs(3, 8, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}") for i in range(3)])
    travel = TravelData(problem, plane)
    through = spy_on(monkeypatch, cooperate, "search_through_late")
    seen: list[list[list[str]]] = []

    best = cooperate._search_round(
        problem,
        travel,
        SearchOptions(restarts=2, late=0.05),
        cooperate._Round(until=time.time() + 3.0, seed=None),
        seen.append,
        random.Random(0),
    )

    assert len(through) == 2
    assert best is not None and seen
    assert all(relax.punctual(problem, travel, routes) for routes in seen)
    routes = [list(r) for r in best.routes]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_late_plans_are_searched_in_every_other_round_and_with_couriers_home(
    make_problem, make_courier, make_random_pairs, make_stop
):
    with_pairs = make_problem(make_random_pairs(1, 3, windows=True))
    deliveries = make_problem(
        [Task("t", delivery=make_stop("d", 10, 0))], [make_courier("c1")]
    )
    auto = SearchOptions()

    late = [cooperate._for_round(with_pairs, auto, done).late for done in range(5)]

    assert late == [0.0, cooperate.AUTO_LATE, 0.0, cooperate.AUTO_LATE, 0.0]
    assert (
        cooperate._for_round(with_pairs, auto, 2, idle=[1]).late == cooperate.AUTO_LATE
    )
    assert cooperate._for_round(deliveries, auto, 1).late == 0.0
    assert cooperate._for_round(with_pairs, SearchOptions(late=0.0), 1).late == 0.0
    assert cooperate._for_round(with_pairs, SearchOptions(late=0.1), 1).late == 0.1


def _run_child(problem, travel, options, orders, day):
    """The child worker, run in this process over a real pipe: its day written to the
    file ``day``, then ``orders`` and the end; its answers (one per order)."""
    day.write_bytes(pickle.dumps((problem, travel, options)))
    mine, theirs = multiprocessing.Pipe()
    for order in [*orders, None]:
        mine.send(order)
    cooperate._second_worker(theirs, str(day))
    return [mine.recv() for _ in orders]


def test_the_child_reads_its_day_from_a_file_it_deletes_and_perturbs_when_told(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch, tmp_path
):
    # The child worker, run here over a real pipe: the day comes in a file (not
    # through the pipe, which this process would wait on), which it deletes at once;
    # a round with ``perturb`` starts from the given plan ruined and recreated.
    tasks = make_random_pairs(10, 8, windows=False)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(4)]
    )
    travel = TravelData(problem, plane)
    day = tmp_path / "day.pickle"
    plan = [[s.id for t in tasks[:4] for s in t.stops], [], [], []]
    plan[1] = [s.id for t in tasks[4:] for s in t.stops]
    calls = _spy_on_solve(monkeypatch)
    orders = [
        cooperate._Round(until=time.time() + 1.0, seed=plan, perturb=True),
        cooperate._Round(until=time.time() + 2.0, seed=plan),
    ]

    answers = _run_child(problem, travel, SearchOptions(late=0.0), orders, day)

    assert not day.exists()
    starts = [c["warm_routes"] for c in calls]
    assert len(starts) == 2
    assert starts[0] != plan
    assert sorted(s for r in starts[0] for s in r) == sorted(s for r in plan for s in r)
    assert starts[1] == plan
    for _, raw in answers:
        assert raw is not None
        routes = [list(r) for r in raw.routes]
        assert (
            check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []
        )
    assert answers[0][0]  # the first round's routes, sent back as new


def test_another_seed_perturbs_the_childs_start_elsewhere(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch, tmp_path
):
    tasks = make_random_pairs(12, 10, windows=False)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(3)]
    )
    travel = TravelData(problem, plane)
    plan = [[s.id for t in tasks[k::3] for s in t.stops] for k in range(3)]
    calls = _spy_on_solve(monkeypatch)
    for seed in (0, 0, 1):
        orders = [cooperate._Round(until=time.time() + 0.3, seed=plan, perturb=True)]
        options = SearchOptions(late=0.0, seed=seed)
        _run_child(problem, travel, options, orders, tmp_path / f"day{seed}.pickle")

    first, again, other = (c["warm_routes"] for c in calls)
    assert first == again
    assert other != first


def test_a_childs_round_with_couriers_kept_home_leaves_them_home(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch, tmp_path
):
    # The round that goes on from a plan with fewer couriers: the perturbed start
    # and the search keep couriers 2 and 3 home.
    tasks = make_random_pairs(10, 8, windows=False)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(4)]
    )
    travel = TravelData(problem, plane)
    plan = [[s.id for t in tasks[k::2] for s in t.stops] for k in range(2)] + [[], []]
    calls = _spy_on_solve(monkeypatch)
    orders = [
        cooperate._Round(until=time.time() + 1.0, seed=plan, perturb=True, idle=(2, 3))
    ]

    answers = _run_child(
        problem, travel, SearchOptions(late=0.0), orders, tmp_path / "day.pickle"
    )

    start = calls[0]["warm_routes"]
    assert list(calls[0]["idle"]) == [2, 3]
    assert start != plan and start[2:] == [[], []]
    ((_, raw),) = answers
    assert raw is not None
    routes = [list(r) for r in raw.routes]
    assert routes[2:] == [[], []]
    plan_found = as_plan(problem, travel, routes)
    assert check_plan(problem, plan_found, provider=plane) == []
    assert plan_found.dropped == ()


def _two_of_four_couriers(plane, make_problem, make_courier, make_random_pairs):
    """Twelve pairs with windows, four couriers, and a plan of only two of them out
    (built for two couriers, the other two kept home): (problem, travel, plan)."""
    tasks = make_random_pairs(17, 12, windows=True)
    two = make_problem(tasks, [make_courier(f"c{i}", capacity=30) for i in range(2)])
    plan = [*construct(two, TravelData(two, plane)), [], []]
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=30) for i in range(4)]
    )
    return problem, TravelData(problem, plane), plan


def test_a_plan_with_couriers_home_is_perturbed_without_calling_them_out(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    # A plan of two couriers out of four; perturbed on those two, one task no longer
    # fits by insertion and the ejection pool puts it back.
    problem, travel, plan = _two_of_four_couriers(
        plane, make_problem, make_courier, make_random_pairs
    )
    assert check_plan(problem, as_plan(problem, travel, plan), provider=plane) == []
    put_back = spy_on(monkeypatch, cooperate, "put_back")

    after = cooperate._perturbed_within_fleet(
        problem, travel, SearchOptions(), plan, random.Random(0), 2.0
    )

    assert len(put_back) == 1
    assert after != plan
    assert after[2:] == [[], []]
    found = as_plan(problem, travel, after)
    assert check_plan(problem, found, provider=plane) == []
    assert found.dropped == ()


def test_tasks_a_round_left_out_are_put_back_on_the_couriers_out(
    plane, make_problem, make_courier, make_random_pairs
):
    # A plan of two couriers out of four without two of its tasks (as a round with
    # couriers kept home may end): the ejection pool completes it on those two.
    problem, travel, plan = _two_of_four_couriers(
        plane, make_problem, make_courier, make_random_pairs
    )
    left = {"t0", "t5"}
    gone = {s.id for t in problem.tasks if t.id in left for s in t.stops}
    unfinished = [[s for s in r if s not in gone] for r in plan]

    whole = cooperate._completed(problem, travel, unfinished, random.Random(0), 2.0)

    assert whole is not None
    assert whole[2:] == [[], []]
    assert gone <= {s for r in whole for s in r}
    found = as_plan(problem, travel, whole)
    assert check_plan(problem, found, provider=plane) == []
    assert found.dropped == ()
    # Nothing to put back, or no time for the pool: nothing to offer.
    assert cooperate._completed(problem, travel, plan, random.Random(0), 2.0) is None
    assert (
        cooperate._completed(problem, travel, unfinished, random.Random(0), 0.0) is None
    )
