"""A province day split by postal point: each point's couriers and tasks are planned apart.

Every courier belongs to its start depot; every task goes to the depot whose couriers
serve it alone most cheaply (a task locked on a courier or reserved for some couriers
goes where they are). Each part is planned on its own, on both cores when
``workers=2``: a first plan by regret insertion (``routing.construct``), then OR-Tools
improving it from that warm start for the part's share of the time. The parts are
merged into one solution; a must-serve task that its own point could not fit is then
tried on every other point's couriers.
"""

from __future__ import annotations

import multiprocessing
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from routing.construct import RouteBuilder, construct, plan_cost
from routing.distances import TravelData, TravelMatrix
from routing.model import Location, Problem, Task
from routing.schedule import schedule_route
from routing.solver import RawSolution, SearchOptions, solve

# From this many tasks on, plan_routes splits by depot unless told otherwise: below
# it OR-Tools' own first plan is quick (under a second at 100 tasks, measured in
# docs/benchmarks-routing.md) and one search over all couriers is better.
DECOMPOSE_FROM = 200


def should_decompose(problem: Problem, by_depot: bool | None) -> bool:
    """Whether ``plan_routes`` plans this problem part by part."""
    if by_depot is not None:
        return by_depot
    return len(problem.tasks) >= DECOMPOSE_FROM


@dataclass(frozen=True)
class Part:
    """One postal point's share: its couriers (positions in the whole problem) and tasks."""

    depot_id: str
    vehicles: tuple[int, ...]
    problem: Problem


class SubMatrices:
    """A provider that cuts the matrices of the whole problem down to a part's locations.

    Parts thus use exactly the travel times the whole plan is checked with (a provider
    asked again for fewer locations may compute them differently).
    """

    def __init__(self, travel: TravelData) -> None:
        self._travel = travel
        self._index = {loc: i for i, loc in enumerate(travel.locations)}

    def matrix(self, locations: Sequence[Location], profile: str) -> TravelMatrix:
        """Rows and columns of the whole matrix for ``locations``."""
        full = self._travel.matrices[profile]
        idx = [self._index[loc] for loc in locations]
        return TravelMatrix(
            tuple(array("q", [full.distances_m[i][j] for j in idx]) for i in idx),
            tuple(array("q", [full.durations_s[i][j] for j in idx]) for i in idx),
        )


def split_by_depot(problem: Problem, travel: TravelData) -> list[Part]:
    """Group couriers by start depot and give every task to one group."""
    groups: dict[str, list[int]] = {}
    for v, vehicle in enumerate(problem.vehicles):
        groups.setdefault(vehicle.start_depot, []).append(v)
    group_of = {v: g for g, vs in groups.items() for v in vs}
    by_vehicle_id = {veh.id: v for v, veh in enumerate(problem.vehicles)}
    owner = {
        s: v for v, veh in enumerate(problem.vehicles) for s in veh.locked_stop_ids
    }
    kinds = {
        g: {
            (
                problem.vehicles[v].start_depot,
                problem.vehicles[v].end_depot,
                problem.vehicles[v].profile,
            )
            for v in vs
        }
        for g, vs in groups.items()
    }
    tasks: dict[str, list[Task]] = {g: [] for g in groups}
    for task in problem.tasks:
        locked = [owner[s.id] for s in task.stops if s.id in owner]
        if locked:
            choices = [group_of[locked[0]]]
        elif task.vehicle_ids:
            choices = sorted({group_of[by_vehicle_id[i]] for i in task.vehicle_ids})
        else:
            choices = list(groups)
        best = min(
            choices,
            key=lambda g: min(_alone_m(travel, task, k) for k in kinds[g]),
        )
        members = {problem.vehicles[v].id for v in groups[best]}
        if task.vehicle_ids:
            task = replace(
                task, vehicle_ids=tuple(i for i in task.vehicle_ids if i in members)
            )
        tasks[best].append(task)
    parts = []
    for g, vs in groups.items():
        vehicles = tuple(problem.vehicles[v] for v in vs)
        depot_ids = {d for veh in vehicles for d in (veh.start_depot, veh.end_depot)}
        sub = Problem(
            tuple(d for d in problem.depots if d.id in depot_ids),
            vehicles,
            tuple(tasks[g]),
        )
        parts.append(Part(g, tuple(vs), sub))
    return parts


def _alone_m(travel: TravelData, task: Task, kind: tuple[str, str, str]) -> int:
    start, end, profile = kind
    dist = travel.matrices[profile].distances_m
    here = travel.depot_location[start]
    total = 0
    for stop in task.stops:
        there = travel.stop_location[stop.id]
        total += dist[here][there]
        here = there
    return total + dist[here][travel.depot_location[end]]


@dataclass(frozen=True, slots=True)
class _PartResult:
    routes: tuple[tuple[str, ...], ...]
    starts: tuple[tuple[int, ...], ...] | None
    status: str


def _plan_part(
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    wall_deadline: float,
    solution_limit: int | None,
    initial: list[list[str]] | None,
) -> _PartResult:
    """Construct, then let OR-Tools improve until ``wall_deadline``; keep the cheaper."""
    routes = construct(problem, travel, initial=initial)
    cost = plan_cost(problem, travel, routes)
    raw: RawSolution | None = None
    remaining = wall_deadline - time.time()
    if problem.tasks and remaining > 0.05:
        raw = solve(
            problem,
            travel,
            options=options,
            time_limit_s=remaining,
            solution_limit=solution_limit,
            warm_routes=routes,
        )
    if raw is not None and raw.objective <= cost:
        return _PartResult(raw.routes, raw.starts, raw.status)
    return _PartResult(tuple(tuple(r) for r in routes), None, "CONSTRUCTION")


def _plan_parts(
    jobs: Sequence[tuple[Problem, TravelData, list[list[str]] | None]],
    options: SearchOptions,
    wall_deadline: float,
    solution_limit: int | None,
) -> list[_PartResult]:
    """Plan parts one after the other, each with its share (by tasks) of the time left."""
    results = []
    left = sum(len(p.tasks) for p, _, _ in jobs)
    for problem, travel, initial in jobs:
        share = len(problem.tasks) / left if left else 1.0
        left -= len(problem.tasks)
        own_deadline = time.time() + max(0.0, wall_deadline - time.time()) * share
        results.append(
            _plan_part(problem, travel, options, own_deadline, solution_limit, initial)
        )
    return results


def _plan_parts_in_child(
    sender: Connection,
    jobs: list[tuple[Problem, TravelData, list[list[str]] | None]],
    options: SearchOptions,
    wall_deadline: float,
    solution_limit: int | None,
) -> None:
    """Entry point of the second worker: plan its parts and send the results back."""
    with sender:
        sender.send(_plan_parts(jobs, options, wall_deadline, solution_limit))


def solve_by_depot(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    deadline: float,
    solution_limit: int | None,
    warm_routes: list[list[str]] | None,
    workers: int,
) -> RawSolution:
    """Plan each depot's part, merge, and repair: a solution for the whole problem.

    ``deadline`` is on the monotonic clock; the solution always exists (the merged
    construction at worst) but may leave must-serve tasks out.
    """
    began = time.monotonic()
    wall_deadline = time.time() + (deadline - began)
    parts = [p for p in split_by_depot(problem, travel) if p.problem.tasks]
    sub = SubMatrices(travel)
    jobs = [
        (
            part.problem,
            TravelData(part.problem, sub),
            None
            if warm_routes is None
            else [list(warm_routes[v]) for v in part.vehicles],
        )
        for part in parts
    ]
    order = sorted(range(len(parts)), key=lambda k: -len(parts[k].problem.tasks))
    mine: list[int] = []
    theirs: list[int] = []
    if workers <= 1:
        mine = order
    else:
        loads = [0, 0]
        for k in order:
            side = 0 if loads[0] <= loads[1] else 1
            (mine if side == 0 else theirs).append(k)
            loads[side] += len(parts[k].problem.tasks)
    results: dict[int, _PartResult] = {}
    child = None
    receiver = None
    if theirs:
        context = multiprocessing.get_context("spawn")
        receiver, sender = context.Pipe(duplex=False)
        # A bare Process, as in planner.py: OR-Tools holds the GIL for the search.
        child = context.Process(
            target=_plan_parts_in_child,
            args=(
                sender,
                [jobs[k] for k in theirs],
                options,
                wall_deadline,
                solution_limit,
            ),
            daemon=True,
        )
        child.start()
        sender.close()
    try:
        for k, result in zip(
            mine,
            _plan_parts(
                [jobs[k] for k in mine], options, wall_deadline, solution_limit
            ),
            strict=True,
        ):
            results[k] = result
        if receiver is not None:
            try:
                got = receiver.recv() if receiver.poll(60.0) else None
            except EOFError:
                got = None
            if got is not None:
                results.update(zip(theirs, got, strict=True))
    finally:
        if receiver is not None:
            receiver.close()
        if child is not None:
            child.join(5.0)
            if child.is_alive():
                child.terminate()
    for k in theirs:
        if k not in results:
            # The second worker failed: its parts get a constructed plan here.
            part_problem, part_travel, initial = jobs[k]
            routes = construct(part_problem, part_travel, initial=initial)
            results[k] = _PartResult(
                tuple(tuple(r) for r in routes), None, "CONSTRUCTION"
            )
    return _merge(problem, travel, parts, results, options, began)


def _merge(
    problem: Problem,
    travel: TravelData,
    parts: list[Part],
    results: dict[int, _PartResult],
    options: SearchOptions,
    began: float,
) -> RawSolution:
    routes: list[list[str]] = [[] for _ in problem.vehicles]
    starts: list[tuple[int, ...] | None] = [None] * len(problem.vehicles)
    for k, part in enumerate(parts):
        result = results[k]
        for position, v in enumerate(part.vehicles):
            routes[v] = list(result.routes[position])
            if result.starts is not None:
                starts[v] = result.starts[position]
    served = {s for r in routes for s in r}
    missing = [
        t
        for t in problem.tasks
        if t.must_serve and not all(s.id in served for s in t.stops)
    ]
    if missing:
        builder = RouteBuilder(problem, travel, routes, keep_infeasible=True)
        builder.insert(missing)
        repaired = builder.stop_routes()
        for v, stops in enumerate(repaired):
            if stops != routes[v]:
                routes[v] = stops
                starts[v] = None
    final_starts = tuple(
        s
        if s is not None
        else tuple(
            p.start for p in schedule_route(problem, travel, vehicle, routes[v]).stops
        )
        for v, (vehicle, s) in enumerate(zip(problem.vehicles, starts, strict=True))
    )
    statuses: dict[str, int] = {}
    for result in results.values():
        statuses[result.status] = statuses.get(result.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    return RawSolution(
        routes=tuple(tuple(r) for r in routes),
        starts=final_starts,
        objective=plan_cost(problem, travel, routes),
        status=f"BY_DEPOT ({len(parts)} parts: {summary})",
        wall_time_s=time.monotonic() - began,
        strategy=f"by depot: construction + {options.label}",
    )


__all__ = [
    "DECOMPOSE_FROM",
    "Part",
    "SubMatrices",
    "should_decompose",
    "solve_by_depot",
    "split_by_depot",
]
