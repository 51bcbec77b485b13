"""Route elimination between two OR-Tools searches: one courier fewer, then search again.

Guided local search settles in a basin it rarely leaves within seconds (a plan with one
courier too many is the usual case on the benchmarks' long-horizon days). Between two
search phases the best plan's shortest route (fewest stops, nothing locked) is emptied
and its tasks are put back on the other couriers by regret insertion
(``routing.construct.RouteBuilder``: every insertion is re-scheduled and checked, so
the result is feasible); if all of them fit, the next phase starts from that plan,
otherwise from the best plan as it was (a restart, which resets guided local search's
penalties). The cheaper of the phases' plans is returned, so a phase never makes the
answer worse.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from routing.construct import RouteBuilder
from routing.distances import TravelData
from routing.model import Problem
from routing.solver import RawSolution, SearchOptions, solve

# Phases of ``phases=None`` on problems with pickup-and-delivery pairs and long routes
# (measured in docs/benchmarks-routing.md: it helped Li & Lim's long-horizon days, cost
# its short-horizon ones half of guided local search's time for nothing, and did not
# help Solomon).
AUTO_PHASES = 2
# "Long routes": a courier's shift holds at least this many stops, each costing its
# service time plus the travel to its nearest other stop (``stops_per_shift``; Li &
# Lim: 14-17 on the type-1 days, 37-67 on the type-2 days; the generated province days
# of benchmarks/routing/scale.py, 27-33).
LONG_ROUTE_STOPS = 25
# Routes tried (shortest first) before the next phase restarts from the plan as is.
_CANDIDATES = 5


def eliminate_route(
    problem: Problem,
    travel: TravelData,
    routes: Sequence[Sequence[str]],
    *,
    partial: bool = False,
) -> list[list[str]] | None:
    """The plan with one route fewer and every task still served; None if none fits.

    Routes with a locked stop are never emptied. Among the others, up to
    ``_CANDIDATES`` are tried, fewest stops first; the first whose tasks all fit on the
    remaining couriers wins. With ``partial``, when none does, the try that left the
    fewest tasks out is returned with those tasks unserved (a perturbation for the
    search to repair, not a plan: it may leave must-serve tasks out).
    """
    if sum(1 for stops in routes if stops) < 2:
        return None
    used = [
        v
        for v, stops in enumerate(routes)
        if stops and not problem.vehicles[v].locked_stop_ids
    ]
    used.sort(key=lambda v: (len(routes[v]), v))
    closest: tuple[int, list[list[str]]] | None = None
    for victim in used[:_CANDIDATES]:
        kept = [list(r) if v != victim else [] for v, r in enumerate(routes)]
        task_ids = {problem.stop(s)[0].id for s in routes[victim]}
        tasks = [t for t in problem.tasks if t.id in task_ids]
        # Onto the couriers already out, not onto one staying home.
        others = [v for v, r in enumerate(routes) if r and v != victim]
        builder = RouteBuilder(problem, travel, kept, keep_infeasible=True)
        # Every task of the emptied route must come back, optional ones included.
        builder.insert(
            [dataclasses.replace(t, penalty=None) for t in tasks],
            allowed={t.id: others for t in tasks},
        )
        left_out = len(task_ids - builder.served())
        if not left_out:
            return builder.stop_routes()
        if closest is None or left_out < closest[0]:
            closest = (left_out, builder.stop_routes())
    return closest[1] if partial and closest is not None else None


def stops_per_shift(problem: Problem, travel: TravelData) -> float:
    """How many stops a courier's shift holds: mean shift over mean stop cost.

    A stop costs its service time plus the travel to the nearest other stop (the
    first courier's speed profile); an estimate of route length that needs no plan.
    """
    stops = [s for t in problem.tasks for s in t.stops]
    if not stops or not problem.vehicles:
        return 0.0
    profile = problem.vehicles[0].profile
    places = sorted({travel.stop_location[s.id] for s in stops})
    nearest: dict[int, int] = {}
    for i in places:
        legs = [travel.leg(profile, i, j)[1] for j in places if j != i]
        nearest[i] = min(legs) if legs else 0
    cost = sum(s.service_s + nearest[travel.stop_location[s.id]] for s in stops)
    shifts = [
        min(
            v.shift.end - v.shift.start, v.max_duration_s or v.shift.end - v.shift.start
        )
        for v in problem.vehicles
    ]
    mean_cost = cost / len(stops)
    mean_shift = sum(shifts) / len(shifts)
    return mean_shift / mean_cost if mean_cost > 0 else float("inf")


def fewest_couriers(problem: Problem, travel: TravelData) -> int:
    """A lower bound on the couriers any plan serving every task needs, from time.

    Every place with a stop is reached at least once from another place (at least its
    nearest one's travel time away) and every stop is served; a courier works at
    most its shift (or its maximum duration). The bound is the fewest couriers whose
    longest shifts add up to that much work.
    """
    stops = [s for t in problem.tasks for s in t.stops]
    if not stops or not problem.vehicles:
        return 0
    places = sorted({travel.stop_location[s.id] for s in stops})
    origins = set(places) | set(travel.depot_location.values())
    work = sum(s.service_s for s in stops)
    for i in places:
        work += min(
            min(
                (m.durations_s[j][i] for j in origins if j != i),
                default=0,
            )
            for m in travel.matrices.values()
        )
    shifts = sorted(
        (
            min(v.shift.end - v.shift.start, v.max_duration_s or v.shift.end)
            for v in problem.vehicles
        ),
        reverse=True,
    )
    total = 0
    for k, shift in enumerate(shifts, start=1):
        total += shift
        if total >= work:
            return k
    return len(shifts)


def long_routes_with_pairs(problem: Problem, travel: TravelData) -> bool:
    """Whether route elimination pays: pickup-and-delivery pairs and long routes."""
    return problem.has_pairs() and stops_per_shift(problem, travel) >= LONG_ROUTE_STOPS


def solve_in_phases(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    time_limit_s: float,
    solution_limit: int | None = None,
    warm_routes: Sequence[Sequence[str]] | None = None,
) -> RawSolution | None:
    """``solver.solve`` in ``options.phases`` phases with a route elimination between them.

    ``phases=None`` means ``AUTO_PHASES`` for problems with pickup-and-delivery
    pairs whose shifts hold ``LONG_ROUTE_STOPS`` stops or more (``stops_per_shift``),
    and one phase otherwise. One phase, or a ``solution_limit``, is a plain
    ``solve``.
    """
    phases = options.phases
    if phases is None:
        phases = AUTO_PHASES if long_routes_with_pairs(problem, travel) else 1
    if phases <= 1 or solution_limit is not None:
        return solve(
            problem,
            travel,
            options=options,
            time_limit_s=time_limit_s,
            solution_limit=solution_limit,
            warm_routes=warm_routes,
        )
    began = time.monotonic()
    best: RawSolution | None = None
    seed = [list(r) for r in warm_routes] if warm_routes is not None else None
    for phase in range(phases):
        left = time_limit_s - (time.monotonic() - began)
        share = left / (phases - phase)
        raw = solve(
            problem,
            travel,
            options=options,
            time_limit_s=max(0.05, share),
            warm_routes=seed,
        )
        if raw is not None and (best is None or raw.objective < best.objective):
            best = raw
        if best is None or phase == phases - 1:
            continue
        seed = eliminate_route(problem, travel, best.routes, partial=options.partial)
        if seed is None:
            seed = [list(r) for r in best.routes]
    if best is None:
        return None
    return RawSolution(
        routes=best.routes,
        starts=best.starts,
        objective=best.objective,
        status=best.status,
        wall_time_s=time.monotonic() - began,
        strategy=best.strategy,
    )


__all__ = [
    "eliminate_route",
    "long_routes_with_pairs",
    "solve_in_phases",
    "stops_per_shift",
]
