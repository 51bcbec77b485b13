"""Route minimisation by an ejection pool: one courier fewer where insertion alone fails."""

from __future__ import annotations

import random
import time

from routing_plans import as_plan

from routing import Problem, Task, TimeWindow, check_plan
from routing.cooperate import _next_seed
from routing.distances import TravelData
from routing.ejection import put_back, remove_route
from routing.eliminate import eliminate_route
from routing.solver import SearchOptions


def _slot_task(
    make_stop, name: str, opens: int, closes: int, couriers: tuple[str, ...] = ()
) -> Task:
    """A pair taking 100 s (50 s at each stop), picked up between ``opens`` and
    ``closes``, delivered right after; every stop at the depot."""
    return Task(
        name,
        pickup=make_stop(f"{name}-p", 0, 0, TimeWindow(opens, closes), service_s=50),
        delivery=make_stop(
            f"{name}-d", 0, 0, TimeWindow(opens + 50, closes + 50), service_s=50
        ),
        vehicle_ids=couriers,
    )


def _crowded_morning(make_problem, make_courier, make_stop, **locks) -> Problem:
    """Three couriers carrying one item at a time. ``t`` (on c0) and ``y`` (on c2) must
    start at 0; ``f`` (on c1) may start at 0 or 100; ``x`` starts at 100 and only c1
    may carry it. Two couriers are enough, but only if ``f`` moves to make room for
    ``t`` or ``y``."""
    tasks = [
        _slot_task(make_stop, "t", 0, 0),
        _slot_task(make_stop, "f", 0, 100),
        _slot_task(make_stop, "x", 100, 100, couriers=("c1",)),
        _slot_task(make_stop, "y", 0, 0),
    ]
    couriers = [
        make_courier(f"c{i}", capacity=1, **locks.get(f"c{i}", {})) for i in range(3)
    ]
    return make_problem(tasks, couriers)


MORNING = [["t-p", "t-d"], ["f-p", "f-d", "x-p", "x-d"], ["y-p", "y-d"]]


def _served(problem: Problem, routes: list[list[str]]) -> set[str]:
    return {problem.stop(s)[0].id for r in routes for s in r}


def test_the_pool_moves_a_task_to_make_room_where_insertion_alone_fails(
    plane, make_problem, make_courier, make_stop
):
    problem = _crowded_morning(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    assert check_plan(problem, as_plan(problem, travel, MORNING), provider=plane) == []
    # Emptying any route and inserting its tasks elsewhere leaves one out.
    assert eliminate_route(problem, travel, MORNING) is None

    after = remove_route(
        problem,
        travel,
        MORNING,
        deadline=time.monotonic() + 5.0,
        rng=random.Random(0),
    )

    assert after is not None
    assert sum(1 for r in after if r) == 2
    assert _served(problem, after) == {"t", "f", "x", "y"}
    plan = as_plan(problem, travel, after)
    assert check_plan(problem, plan, provider=plane) == []
    # ``f`` had to move after ``x``'s courier took ``t``, or ``y``'s did.
    assert next(r for r in after if "f-p" in r).index("f-p") > 0


def test_the_pool_gives_up_at_its_deadline_when_no_smaller_fleet_exists(
    plane, make_problem, make_courier, make_stop
):
    # A fifth pair must also start at 0: three pairs at 0, three couriers needed.
    problem = _crowded_morning(make_problem, make_courier, make_stop)
    extra = _slot_task(make_stop, "z", 0, 0)
    problem = make_problem([*problem.tasks, extra], list(problem.vehicles))
    travel = TravelData(problem, plane)
    routes = [
        ["t-p", "t-d"],
        ["y-p", "y-d", "x-p", "x-d"],
        ["z-p", "z-d", "f-p", "f-d"],
    ]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []
    began = time.monotonic()

    after = remove_route(
        problem, travel, routes, deadline=time.monotonic() + 0.3, rng=random.Random(0)
    )

    assert after is None
    assert time.monotonic() - began < 2.0


def test_a_route_with_a_locked_stop_is_never_emptied(
    plane, make_problem, make_courier, make_stop
):
    # c0's route is the shortest, but it has begun: c2's is emptied instead.
    problem = _crowded_morning(
        make_problem, make_courier, make_stop, c0={"locked_stop_ids": ("t-p",)}
    )
    travel = TravelData(problem, plane)

    after = remove_route(
        problem, travel, MORNING, deadline=time.monotonic() + 5.0, rng=random.Random(0)
    )

    assert after is not None
    assert after[2] == []
    assert after[0][:2] == ["t-p", "t-d"]
    assert _served(problem, after) == {"t", "f", "x", "y"}
    assert check_plan(problem, as_plan(problem, travel, after), provider=plane) == []


def test_a_task_with_a_locked_stop_is_never_taken_out(
    plane, make_problem, make_courier, make_stop
):
    # ``f`` has begun on c1: it keeps the slot at 0 that ``t`` or ``y`` would need.
    problem = _crowded_morning(
        make_problem, make_courier, make_stop, c1={"locked_stop_ids": ("f-p",)}
    )
    travel = TravelData(problem, plane)

    after = remove_route(
        problem, travel, MORNING, deadline=time.monotonic() + 0.3, rng=random.Random(0)
    )

    assert after is None


def test_many_couriers_shrink_route_by_route_and_every_plan_keeps_every_rule(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(21, 10, windows=True)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=5) for i in range(10)]
    )
    travel = TravelData(problem, plane)
    routes: list[list[str]] = [[s.id for s in t.stops] for t in problem.tasks]
    rng = random.Random(1)

    shrunk = 0
    while True:
        after = remove_route(
            problem, travel, routes, deadline=time.monotonic() + 0.5, rng=rng
        )
        if after is None:
            break
        assert sum(1 for r in after if r) == sum(1 for r in routes if r) - 1
        assert _served(problem, after) == {t.id for t in tasks}
        assert (
            check_plan(problem, as_plan(problem, travel, after), provider=plane) == []
        )
        routes, shrunk = after, shrunk + 1

    assert shrunk >= 5


def test_the_next_round_starts_from_the_pools_plan_with_the_emptied_courier_home(
    plane, make_problem, make_courier, make_stop
):
    problem = _crowded_morning(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    options = SearchOptions()

    seed, idle = _next_seed(
        problem, travel, options, MORNING, True, random.Random(0), 2.0
    )

    assert len(idle) == 1 and seed[idle[0]] == []
    assert _served(problem, seed) == {"t", "f", "x", "y"}
    assert check_plan(problem, as_plan(problem, travel, seed), provider=plane) == []

    # Without the pool, the round starts with a task left out for the search.
    seed, idle = _next_seed(
        problem, travel, options, MORNING, True, random.Random(0), 0.0
    )

    assert len(idle) == 1
    assert len(_served(problem, seed)) == 3


def test_tasks_left_out_are_put_back_on_the_couriers_out_moving_others(
    plane, make_problem, make_courier, make_stop
):
    # ``t`` is out; c0 stays home. It fits only once ``f`` moves from c1 to c2.
    problem = _crowded_morning(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    routes = [[], MORNING[1], MORNING[2]]

    after = put_back(
        problem,
        travel,
        routes,
        {"t"},
        deadline=time.monotonic() + 5.0,
        rng=random.Random(0),
    )

    assert after is not None
    assert after[0] == []
    assert _served(problem, after) == {"t", "f", "x", "y"}
    assert check_plan(problem, as_plan(problem, travel, after), provider=plane) == []


def test_with_no_courier_out_nothing_is_put_back(
    plane, make_problem, make_courier, make_stop
):
    problem = _crowded_morning(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)

    after = put_back(
        problem,
        travel,
        [[], [], []],
        {"t"},
        deadline=time.monotonic() + 1.0,
        rng=random.Random(0),
    )

    assert after is None
