"""A search through late plans: from a local optimum to plans punctual moves cannot reach.

On a day whose routes are full to the minute (every courier back just before the end of
the shift, the last stops served just before their windows close), most moves between
two good plans pass through a plan that is late somewhere. Guided local search only
walks from punctual plan to punctual plan, and stays in the basin it started in (Li &
Lim's lc204: every search ended at 638.18 whereas a plan of 590.60 exists).

``search_through_late`` searches in three steps from a plan:

1. with every window's end and every shift's end relaxed (``SearchOptions.late``: up
   to that share of the day late, at ``late_cost`` per second), so that the search may
   cross late plans;
2. from the plan it found, with lateness made expensive (``LATE_COST_PUNCTUAL`` per
   second), which drives the search back to punctual plans;
3. from that plan with the real windows, once every task still served late is taken
   out of it (``punctual_part``; the search puts them back where they fit): the
   routes this step accepts are feasible (they go to ``collect``, e.g. the route
   pool).

Measured in docs/benchmarks-routing.md ("Searching through late plans").
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Collection, Sequence

from routing.distances import TravelData
from routing.model import Problem, Task
from routing.plan import Route
from routing.schedule import current_window, route_violations, schedule_route
from routing.solver import RawSolution, SearchOptions, solve

# Shares of the time: the relaxed search, then the search back to punctual plans; the
# rest goes to the search with the real windows.
RELAXED_SHARE = 0.4
PUNCTUAL_SHARE = 0.2
# Cost per second late in the second step: above any saving in distance a second of
# lateness could buy on the benchmark scales and on a province's roads.
LATE_COST_PUNCTUAL = 10_000


def search_through_late(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    time_limit_s: float,
    warm_routes: Sequence[Sequence[str]] | None,
    collect: Callable[[list[list[str]]], None] | None = None,
    idle: Collection[int] = (),
) -> RawSolution | None:
    """The best punctual plan of the three steps; None when none was found."""
    deadline = time.monotonic() + time_limit_s
    relaxed = solve(
        problem,
        travel,
        options=options,
        time_limit_s=max(0.05, RELAXED_SHARE * time_limit_s),
        warm_routes=warm_routes,
        idle=idle,
    )
    seed: Sequence[Sequence[str]] | None = warm_routes
    if relaxed is not None:
        back = solve(
            problem,
            travel,
            options=dataclasses.replace(options, late_cost=LATE_COST_PUNCTUAL),
            time_limit_s=max(0.05, PUNCTUAL_SHARE * time_limit_s),
            warm_routes=[list(r) for r in relaxed.routes],
            idle=idle,
        )
        if back is not None:
            seed = punctual_part(problem, travel, back.routes)
    return solve(
        problem,
        travel,
        options=dataclasses.replace(options, late=0.0),
        time_limit_s=max(0.05, deadline - time.monotonic()),
        warm_routes=seed,
        collect=collect,
        idle=idle,
    )


def punctual_part(
    problem: Problem, travel: TravelData, routes: Sequence[Sequence[str]]
) -> list[list[str]]:
    """The plan without the tasks it serves late (or beyond a courier's shift or
    capacity): on each route, the task of the first stop that breaks a rule is taken
    out until none does. Locked stops stay."""
    task_of = {s.id: t for t in problem.tasks for s in t.stops}
    locked = problem.locked_task_ids()
    kept: list[list[str]] = []
    for vehicle, stops in zip(problem.vehicles, routes, strict=True):
        route = list(stops)
        while route:
            scheduled = schedule_route(problem, travel, vehicle, route)
            if not route_violations(problem, vehicle, scheduled):
                break
            culprit = _first_culprit(problem, scheduled, locked, task_of)
            if culprit is None:
                break
            route = [s for s in route if task_of[s].id != culprit]
        kept.append(route)
    return kept


def _first_culprit(
    problem: Problem,
    route: Route,
    locked: set[str],
    task_of: dict[str, Task],
) -> str | None:
    """The task of the first stop served outside its windows, else the last movable
    task (a route back too late or too full)."""
    movable = [v for v in route.stops if task_of[v.stop_id].id not in locked]
    for visit in movable:
        _, _, stop = problem.stop(visit.stop_id)
        if current_window(stop, visit.start) is None:
            return task_of[visit.stop_id].id
    return task_of[movable[-1].stop_id].id if movable else None


def punctual(
    problem: Problem, travel: TravelData, routes: Sequence[Sequence[str]]
) -> bool:
    """Whether every route keeps its windows, capacity and shift (scheduled anew)."""
    for vehicle, stops in zip(problem.vehicles, routes, strict=True):
        if stops:
            route = schedule_route(problem, travel, vehicle, stops)
            if route_violations(problem, vehicle, route):
                return False
    return True


__all__ = ["LATE_COST_PUNCTUAL", "punctual", "punctual_part", "search_through_late"]
