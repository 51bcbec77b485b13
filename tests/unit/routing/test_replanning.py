"""Re-planning in the middle of the day: warm starts and stops already visited."""

from __future__ import annotations

import dataclasses

from routing import Problem, check_plan, plan_routes


def _with_locks(problem, vehicle_id, stop_ids):
    vehicles = tuple(
        dataclasses.replace(v, locked_stop_ids=tuple(stop_ids))
        if v.id == vehicle_id
        else v
        for v in problem.vehicles
    )
    return Problem(problem.depots, vehicles, problem.tasks)


def test_a_warm_start_from_the_previous_plan_is_never_worse_than_it(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(41, 10, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(3)])
    first = plan_routes(problem, provider=plane, time_limit_s=0.2, solution_limit=3)

    again = plan_routes(problem, provider=plane, time_limit_s=0.5, warm_start=first)

    assert again.stats.warm_started
    assert again.objective <= first.objective
    assert check_plan(problem, again, provider=plane) == []


def test_stops_already_visited_stay_first_on_their_courier_in_their_order(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(42, 8, windows=False)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(2)])
    morning = plan_routes(problem, provider=plane, time_limit_s=0.5)
    # The courier who did the most is the one whose past we lock, in reverse of
    # what the solver would pick, so that keeping it is a real constraint.
    busiest = max(morning.routes, key=lambda r: len(r.stops))
    visited = [s.stop_id for s in busiest.stops[:3] if s.kind == "pickup"][::-1]
    replanned_problem = _with_locks(problem, busiest.vehicle_id, visited)

    afternoon = plan_routes(
        replanned_problem, provider=plane, time_limit_s=0.5, warm_start=morning
    )

    route = afternoon.route_of(busiest.vehicle_id)
    assert [s.stop_id for s in route.stops[: len(visited)]] == visited
    assert check_plan(replanned_problem, afternoon, provider=plane) == []


def test_a_picked_up_item_is_delivered_by_the_courier_who_carries_it(
    plane, make_stop, make_problem, make_courier
):
    from routing import Task

    # The delivery is next to courier c2's depot run, but c1 already holds the item.
    task = Task("held", pickup=make_stop("p", 5000, 0), delivery=make_stop("d", -10, 0))
    problem = make_problem([task], [make_courier("c1"), make_courier("c2")])
    locked = _with_locks(problem, "c1", ["p"])

    plan = plan_routes(locked, provider=plane, time_limit_s=0.3)

    assert [s.stop_id for s in plan.route_of("c1").stops] == ["p", "d"]
    assert check_plan(locked, plan, provider=plane) == []


def test_a_warm_start_naming_stops_that_no_longer_exist_still_plans(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(43, 6, windows=False)
    problem = make_problem(tasks, [make_courier("c1"), make_courier("c2")])
    before = plan_routes(problem, provider=plane, time_limit_s=0.3)
    fewer = make_problem(tasks[2:], [make_courier("c1"), make_courier("c2")])

    plan = plan_routes(fewer, provider=plane, time_limit_s=0.3, warm_start=before)

    assert check_plan(fewer, plan, provider=plane) == []
