"""Route pool and set partitioning: the cheapest plan made of routes already seen."""

from __future__ import annotations

import dataclasses

from routing_plans import as_plan

from routing import Problem, SearchOptions, Task, TimeWindow, check_plan, plan_routes
from routing.construct import plan_cost
from routing.distances import TravelData
from routing.pool import RoutePool
from routing.solver import solve

H = 3600


# Deliveries from the depot: a, b, e to the east, c, d, f to the north.
CLUSTERS = {
    "a": (1000, 0),
    "b": (1000, 300),
    "e": (1000, 600),
    "c": (0, 1000),
    "d": (300, 1000),
    "f": (600, 1000),
}


def _deliveries(make_stop, places: dict[str, tuple[int, int]]) -> list[Task]:
    """One single-item delivery from the depot to each named place."""
    return [
        Task(f"t{name}", delivery=make_stop(name, x, y), items=1)
        for name, (x, y) in places.items()
    ]


def _two_clusters(make_problem, make_courier, make_stop, couriers=None) -> Problem:
    """The ``CLUSTERS`` deliveries, by default on two couriers of 3 items."""
    vehicles = couriers or [make_courier(f"c{i}", capacity=3) for i in range(2)]
    return make_problem(_deliveries(make_stop, CLUSTERS), vehicles)


def test_recombining_two_plans_takes_the_better_route_of_each(
    plane, make_problem, make_courier, make_stop
):
    problem = _two_clusters(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    # Each plan serves one cluster well and the other the long way round.
    first = [["a", "b", "e"], ["d", "c", "f"]]
    second = [["c", "d", "f"], ["b", "a", "e"]]
    pool = RoutePool(problem, travel)
    pool.add(second)

    better = pool.recombine(first, 5.0)

    assert better is not None
    assert {tuple(r) for r in better.routes} == {("a", "b", "e"), ("c", "d", "f")}
    assert better.objective == plan_cost(problem, travel, better.routes)
    assert better.objective < min(
        plan_cost(problem, travel, first), plan_cost(problem, travel, second)
    )
    assert (
        check_plan(problem, as_plan(problem, travel, better.routes), provider=plane)
        == []
    )


def test_nothing_is_returned_when_the_incumbent_is_already_the_best(
    plane, make_problem, make_courier, make_stop
):
    problem = _two_clusters(make_problem, make_courier, make_stop)
    travel = TravelData(problem, plane)
    pool = RoutePool(problem, travel)
    pool.add([["d", "c", "f"], ["b", "a", "e"]])

    assert pool.recombine([["a", "b", "e"], ["c", "d", "f"]], 5.0) is None
    assert len(pool) == 4


def test_covering_takes_overlapping_routes_and_keeps_each_task_once(
    plane, make_problem, make_courier, make_stop
):
    places = {**CLUSTERS, "g": (700, 700)}
    tasks = _deliveries(make_stop, places)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=4) for i in range(2)])
    travel = TravelData(problem, plane)
    incumbent = [["a", "e", "b", "g"], ["c", "f", "d"]]
    pool = RoutePool(problem, travel)
    # Both routes serve "g": together they beat any partition of the pool.
    pool.add([["a", "b", "e", "g"], ["g", "f", "d", "c"]])

    partition = pool.recombine(incumbent, 5.0)
    better = pool.recombine(incumbent, 5.0, cover=True)

    assert partition is not None
    assert better is not None
    assert better.objective < partition.objective
    served = [s for r in better.routes for s in r]
    assert sorted(served) == sorted(places)
    assert better.objective == plan_cost(problem, travel, better.routes)
    plan = as_plan(problem, travel, better.routes)
    assert check_plan(problem, plan, provider=plane) == []


def test_an_optional_task_is_dropped_when_its_penalty_is_below_its_detour(
    plane, make_problem, make_courier, make_stop
):
    near = Task("near", delivery=make_stop("n", 100, 0), items=1)
    far = Task("far", delivery=make_stop("f", 5000, 0), items=1, penalty=10)
    problem = make_problem([near, far], [make_courier("c0")])
    travel = TravelData(problem, plane)
    pool = RoutePool(problem, travel)
    pool.add([["n"]])

    better = pool.recombine([["n", "f"]], 5.0)

    assert better is not None
    assert better.routes == [["n"]]
    assert better.objective == 200 + 10
    plan = as_plan(problem, travel, better.routes)
    assert [d.task_id for d in plan.dropped] == ["far"]


def test_routes_move_only_between_couriers_that_are_alike(
    plane, make_problem, make_courier, make_stop
):
    # c0's shift (3 h) holds "a" or "c" alone, not both in one route (4.7 h).
    tasks = [
        Task("ta", delivery=make_stop("a", 5000, 0), items=1),
        Task("tc", delivery=make_stop("c", 0, 5000), items=1),
    ]
    couriers = [
        make_courier("c0", capacity=2, shift=TimeWindow(0, 3 * H)),
        make_courier("c1", capacity=2),
        make_courier("c2", capacity=2),
    ]
    problem = make_problem(tasks, couriers)
    travel = TravelData(problem, plane)
    pool = RoutePool(problem, travel)
    pool.add([[], [], ["a", "c"]])  # seen on c2, alike to c1

    better = pool.recombine([["a"], ["c"], []], 5.0)

    assert better is not None
    assert better.routes[0] == []
    assert ["a", "c"] in better.routes
    plan = as_plan(problem, travel, better.routes)
    assert check_plan(problem, plan, provider=plane) == []


def test_no_more_routes_of_a_kind_than_couriers_of_that_kind(
    plane, make_problem, make_courier, make_stop
):
    problem = _two_clusters(
        make_problem,
        make_courier,
        make_stop,
        couriers=[make_courier("c0", capacity=6)],
    )
    travel = TravelData(problem, plane)
    pool = RoutePool(problem, travel)
    # Two short routes would be cheaper, but there is one courier.
    pool.add([["a", "b", "e"]])
    pool.add([["c", "d", "f"]])

    better = pool.recombine([["a", "d", "b", "f", "e", "c"]], 5.0)

    assert better is None or sum(1 for r in better.routes if r) == 1


def test_a_courier_with_locked_stops_keeps_them(
    plane, make_problem, make_courier, make_stop
):
    problem = _two_clusters(
        make_problem,
        make_courier,
        make_stop,
        couriers=[
            make_courier("c0", capacity=6, locked_stop_ids=("c",)),
            make_courier("c1", capacity=6),
        ],
    )
    travel = TravelData(problem, plane)
    pool = RoutePool(problem, travel)
    pool.add([["c", "a", "b", "e"], ["d", "f"]])
    pool.add([["c", "d", "f"], ["a", "b", "e"]])
    # Seen on c1 only: it would be cheaper on c0 too, but c0 must start with "c".
    pool.add([[], ["d", "c", "f"]])

    better = pool.recombine([["c", "a", "d", "b", "f", "e"], []], 5.0)

    assert better is not None
    assert better.routes == [["c", "d", "f"], ["a", "b", "e"]]


def test_every_solution_the_search_accepts_is_a_feasible_plan(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(3, 8, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(4)])
    travel = TravelData(problem, plane)
    seen: list[list[list[str]]] = []

    raw = solve(
        problem,
        travel,
        options=SearchOptions(),
        time_limit_s=5.0,
        solution_limit=30,
        collect=seen.append,
    )

    assert raw is not None
    assert len(seen) >= 2
    for routes in seen:
        assert (
            check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []
        )
    assert [list(r) for r in raw.routes] in seen


def test_two_workers_sharing_routes_keep_every_rule_and_beat_their_warm_start(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(11, 14, windows=True)
    problem = make_problem(
        tasks, [make_courier(f"c{i}", capacity=5) for i in range(14)]
    )
    travel = TravelData(problem, plane)
    seed = [[s.id for s in t.stops] for t in tasks]
    warm = as_plan(problem, travel, seed)

    plan = plan_routes(
        problem,
        provider=plane,
        time_limit_s=3.0,
        workers=2,
        warm_start=warm,
        options=dataclasses.replace(SearchOptions(), rounds=3),
    )

    assert check_plan(problem, plan, provider=plane) == []
    assert plan.dropped == ()
    routes = [[s.stop_id for s in r.stops] for r in plan.routes]
    assert plan.objective == plan_cost(problem, travel, routes)
    assert plan.objective < plan_cost(problem, travel, seed)


# Two deliveries each to the east, north and west, 1 km from the depot.
THREE_CLUSTERS = {
    "e1": (1000, 0),
    "e2": (1000, 100),
    "n1": (0, 1000),
    "n2": (100, 1000),
    "w1": (-1000, 0),
    "w2": (-1000, 100),
}


def test_a_cap_on_routes_gives_the_cheapest_plan_with_that_many_couriers(
    plane, make_problem, make_courier, make_stop
):
    problem = make_problem(
        _deliveries(make_stop, THREE_CLUSTERS),
        [make_courier(f"c{i}", capacity=3) for i in range(3)],
    )
    travel = TravelData(problem, plane)
    three = [["e1", "e2"], ["n1", "n2"], ["w1", "w2"]]
    two = [["e1", "e2", "n1"], ["n2", "w2", "w1"], []]
    zigzag = [["e1", "n1", "e2"], ["w1", "n2", "w2"], []]
    pool = RoutePool(problem, travel)
    pool.add(three)
    pool.add(two)
    assert plan_cost(problem, travel, three) < plan_cost(problem, travel, two)

    uncapped = pool.recombine(zigzag, 5.0)
    capped = pool.recombine(zigzag, 5.0, max_routes=2)

    assert uncapped is not None and capped is not None
    assert sorted(map(tuple, uncapped.routes)) == sorted(map(tuple, three))
    assert sum(1 for r in capped.routes if r) == 2
    assert sorted(map(tuple, capped.routes)) == sorted(map(tuple, two))
    assert capped.objective == plan_cost(problem, travel, two)
