"""The independent checker names each kind of broken rule, and passes a good plan."""

from __future__ import annotations

import dataclasses

import pytest

from routing import Problem, Task, TimeWindow, ViolationKind, check_plan, plan_routes

H = 3600


@pytest.fixture
def day(plane, make_stop, make_problem, make_courier):
    """A solved day: everything on courier c1 (c2 costs too much to send out)."""
    tasks = [
        Task(
            "t0",
            pickup=make_stop("p0", 100, 0, service_s=60),
            delivery=make_stop("d0", 300, 0, TimeWindow(0, 10 * H), service_s=60),
            items=2,
        ),
        Task("t1", pickup=make_stop("p1", 0, 200), delivery=make_stop("d1", 0, 400)),
        Task("t2", delivery=make_stop("s2", 200, 200)),
        Task("t3", delivery=make_stop("far", 90_000, 0), penalty=1),
    ]
    couriers = [
        make_courier("c1", capacity=5, shift=TimeWindow(0, 12 * H)),
        make_courier("c2", capacity=5, fixed_cost=10**6),
    ]
    problem = make_problem(tasks, couriers)
    plan = plan_routes(problem, provider=plane, time_limit_s=0.3)
    return problem, plan


def _edit_route(plan, vehicle_id, edit):
    routes = tuple(
        dataclasses.replace(r, **edit(r)) if r.vehicle_id == vehicle_id else r
        for r in plan.routes
    )
    return dataclasses.replace(plan, routes=routes)


def _edit_stop(plan, which, **changes):
    def edit(route):
        stops = tuple(
            dataclasses.replace(s, **changes) if s.stop_id == which else s
            for s in route.stops
        )
        return {"stops": stops}

    return _edit_route(plan, "c1", edit)


def _reorder(plan, order):
    return _edit_route(plan, "c1", lambda r: {"stops": order(list(r.stops))})


def _swap(stops, a, b):
    i = next(k for k, s in enumerate(stops) if s.stop_id == a)
    j = next(k for k, s in enumerate(stops) if s.stop_id == b)
    stops[i], stops[j] = stops[j], stops[i]
    return tuple(stops)


def _move_to_c2(plan, stop_id):
    moved = next(s for s in plan.route_of("c1").stops if s.stop_id == stop_id)
    plan = _reorder(plan, lambda stops: tuple(s for s in stops if s.stop_id != stop_id))
    return _edit_route(plan, "c2", lambda r: {"stops": (moved,)})


def _vehicles(problem, **changes):
    vehicles = tuple(
        dataclasses.replace(v, **changes) if v.id == "c1" else v
        for v in problem.vehicles
    )
    return dataclasses.replace(problem, vehicles=vehicles)


def _restrict_t1_to_c2(problem):
    tasks = tuple(
        dataclasses.replace(t, vehicle_ids=("c2",)) if t.id == "t1" else t
        for t in problem.tasks
    )
    return Problem(problem.depots, problem.vehicles, tasks)


MUTATIONS = {
    ViolationKind.TIME_WINDOW: lambda p, plan: (
        p,
        _edit_stop(plan, "d0", start=11 * H),
    ),
    ViolationKind.SERVICE_TIME: lambda p, plan: (
        p,
        _edit_stop(
            plan,
            "p0",
            departure=next(
                s.start for s in plan.route_of("c1").stops if s.stop_id == "p0"
            ),
        ),
    ),
    ViolationKind.TRAVEL_TIME: lambda p, plan: (
        p,
        _edit_route(plan, "c1", lambda r: {"departure": r.stops[0].arrival}),
    ),
    ViolationKind.CAPACITY: lambda p, plan: (
        Problem(p.depots, _vehicles(p, capacity=1).vehicles, p.tasks),
        plan,
    ),
    ViolationKind.PAIRING: lambda p, plan: (p, _move_to_c2(plan, "d1")),
    ViolationKind.PRECEDENCE: lambda p, plan: (
        p,
        _reorder(plan, lambda s: _swap(s, "p0", "d0")),
    ),
    ViolationKind.SHIFT: lambda p, plan: (
        p,
        _edit_route(plan, "c1", lambda r: {"arrival": 12 * H + 1}),
    ),
    ViolationKind.MAX_DURATION: lambda p, plan: (
        Problem(p.depots, _vehicles(p, max_duration_s=60).vehicles, p.tasks),
        plan,
    ),
    ViolationKind.MUST_SERVE_DROPPED: lambda p, plan: (
        p,
        _reorder(plan, lambda s: tuple(x for x in s if x.task_id != "t1")),
    ),
    ViolationKind.DUPLICATE_VISIT: lambda p, plan: (
        p,
        _edit_route(plan, "c2", lambda r: {"stops": plan.route_of("c1").stops[:1]}),
    ),
    ViolationKind.UNKNOWN_STOP: lambda p, plan: (
        p,
        _edit_stop(plan, "s2", stop_id="nowhere"),
    ),
    ViolationKind.UNKNOWN_VEHICLE: lambda p, plan: (
        p,
        dataclasses.replace(
            plan,
            routes=(
                *plan.routes,
                dataclasses.replace(plan.routes[1], vehicle_id="ghost"),
            ),
        ),
    ),
    ViolationKind.LOCKED: lambda p, plan: (
        Problem(
            p.depots,
            _vehicles(
                p, locked_stop_ids=(plan.route_of("c1").stops[-1].stop_id,)
            ).vehicles,
            p.tasks,
        ),
        plan,
    ),
    ViolationKind.UNACCOUNTED: lambda p, plan: (
        p,
        dataclasses.replace(plan, dropped=()),
    ),
    ViolationKind.INCONSISTENT: lambda p, plan: (
        p,
        _edit_stop(plan, "p1", load_after=99),
    ),
    ViolationKind.VEHICLE_NOT_ALLOWED: lambda p, plan: (_restrict_t1_to_c2(p), plan),
}


def test_the_planners_own_plan_passes_the_checker(day, plane):
    problem, plan = day

    violations = check_plan(problem, plan, provider=plane)

    assert violations == []
    assert [d.task_id for d in plan.dropped] == ["t3"]
    assert plan.vehicles_used == 1


def test_every_kind_of_violation_has_a_mutation_that_shows_it():
    assert set(MUTATIONS) == set(ViolationKind)


@pytest.mark.parametrize("kind", list(MUTATIONS), ids=str)
def test_the_checker_catches_a_plan_that_breaks_a_rule(kind, day, plane):
    problem, plan = day
    broken_problem, broken_plan = MUTATIONS[kind](problem, plan)

    violations = check_plan(broken_problem, broken_plan, provider=plane)

    assert kind in {v.kind for v in violations}
