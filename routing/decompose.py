"""A province day split by postal point: each point's couriers and tasks are planned apart.

Every courier belongs to its start depot; every task goes to the depot whose couriers
serve it alone most cheaply (a task locked on a courier, reserved for some couriers or
on a warm start's route goes where they are). Each part gets a first plan by regret
insertion (``routing.construct``); merged, the tasks left out are offered to the
couriers of the nearest other points (a must-serve one to every courier); then each
part, with the tasks its couriers took, is improved by OR-Tools from that warm start
for its share of the time. With ``workers=2`` the parts are shared between this
process and a spawned child.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

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


class _Groups:
    """Couriers by start depot and, per task, the groups that may serve it, cheapest first."""

    def __init__(
        self,
        problem: Problem,
        travel: TravelData,
        warm_routes: Sequence[Sequence[str]] | None,
    ) -> None:
        self.members: dict[str, list[int]] = {}
        for v, vehicle in enumerate(problem.vehicles):
            self.members.setdefault(vehicle.start_depot, []).append(v)
        self.group_of = {v: g for g, vs in self.members.items() for v in vs}
        by_vehicle_id = {veh.id: v for v, veh in enumerate(problem.vehicles)}
        fixed: dict[str, int] = {
            s: v for v, veh in enumerate(problem.vehicles) for s in veh.locked_stop_ids
        }
        for v, stops in enumerate(warm_routes or ()):
            for s in stops:
                fixed.setdefault(s, v)
        kinds = {
            g: {
                (
                    problem.vehicles[v].start_depot,
                    problem.vehicles[v].end_depot,
                    problem.vehicles[v].profile,
                )
                for v in vs
            }
            for g, vs in self.members.items()
        }
        self.ranked: dict[str, list[str]] = {}
        for task in problem.tasks:
            if task.vehicle_ids:
                choices = sorted(
                    {self.group_of[by_vehicle_id[i]] for i in task.vehicle_ids}
                )
            else:
                choices = list(self.members)
            costs = {
                g: min(_alone_m(travel, task, k) for k in kinds[g]) for g in choices
            }
            ranked = sorted(choices, key=lambda g: costs[g])
            on = [fixed[s.id] for s in task.stops if s.id in fixed]
            if on and self.group_of[on[0]] in choices:
                first = self.group_of[on[0]]
                ranked = [first] + [g for g in ranked if g != first]
            self.ranked[task.id] = ranked


def split_by_depot(problem: Problem, travel: TravelData) -> list[Part]:
    """Group couriers by start depot and give every task to its cheapest group."""
    groups = _Groups(problem, travel, None)
    return _parts(problem, groups, {t: r[0] for t, r in groups.ranked.items()})


def _parts(problem: Problem, groups: _Groups, assignment: dict[str, str]) -> list[Part]:
    tasks: dict[str, list[Task]] = {g: [] for g in groups.members}
    for task in problem.tasks:
        group = assignment[task.id]
        if task.vehicle_ids:
            members = {problem.vehicles[v].id for v in groups.members[group]}
            task = replace(
                task, vehicle_ids=tuple(i for i in task.vehicle_ids if i in members)
            )
        tasks[group].append(task)
    parts = []
    for g, vs in groups.members.items():
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


_Job = tuple[Problem, TravelData, list[list[str]] | None]


def _construct_parts(jobs: list[_Job], wall_deadline: float) -> list[list[list[str]]]:
    """First plans of some parts (one process's share), each with its share (by
    tasks) of the time to ``wall_deadline`` for further attempts."""
    results = []
    left = sum(len(p.tasks) for p, _, _ in jobs)
    for problem, travel, initial in jobs:
        share = len(problem.tasks) / left if left else 1.0
        left -= len(problem.tasks)
        own = max(0.0, wall_deadline - time.time()) * share
        results.append(
            construct(problem, travel, initial=initial, deadline=time.monotonic() + own)
        )
    return results


def _improve_parts(
    jobs: list[_Job],
    options: SearchOptions,
    wall_deadline: float,
    solution_limit: int | None,
) -> list[_PartResult]:
    """OR-Tools from each part's first plan, one after the other, each with its share
    (by tasks) of the time left; a part keeps its first plan unless OR-Tools beats it."""
    results = []
    left = sum(len(p.tasks) for p, _, _ in jobs)
    for problem, travel, initial in jobs:
        assert initial is not None
        share = len(problem.tasks) / left if left else 1.0
        left -= len(problem.tasks)
        remaining = max(0.0, wall_deadline - time.time()) * share
        raw = None
        if remaining > 0.05:
            raw = solve(
                problem,
                travel,
                options=options,
                time_limit_s=remaining,
                solution_limit=solution_limit,
                warm_routes=initial,
            )
        if raw is not None and raw.objective <= plan_cost(problem, travel, initial):
            results.append(_PartResult(raw.routes, raw.starts, raw.status))
        else:
            kept = tuple(tuple(r) for r in initial)
            results.append(_PartResult(kept, None, "CONSTRUCTION"))
    return results


def _serve(conn: Connection) -> None:
    """The second worker: run the functions it is sent on their jobs until told to stop."""
    with conn:
        while True:
            message = conn.recv()
            if message is None:
                return
            function, jobs, extra = message
            conn.send(function(jobs, *extra))


class _Workers:
    """This process and, with two workers, one spawned child sharing lists of parts.

    A bare ``Process`` with a pipe, not a ``Pool``: OR-Tools holds the GIL for the
    whole search, which starves a pool's feeder thread (see planner.py). If the
    child fails, this process does its share.
    """

    def __init__(self, count: int) -> None:
        self._conn: Connection | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        if count > 1:
            context = multiprocessing.get_context("spawn")
            self._conn, theirs = context.Pipe()
            self._child = context.Process(target=_serve, args=(theirs,), daemon=True)
            self._child.start()
            theirs.close()

    def run(
        self,
        function: Callable[..., list[Any]],
        jobs: list[_Job],
        *extra: object,
        wait_s: float,
    ) -> list[Any]:
        """``function(jobs, *extra)`` with the jobs shared out by size; results in order."""
        order = sorted(range(len(jobs)), key=lambda k: -len(jobs[k][0].tasks))
        mine: list[int] = []
        theirs: list[int] = []
        loads = [0, 0]
        for k in order:
            side = 0 if self._conn is None or loads[0] <= loads[1] else 1
            (mine if side == 0 else theirs).append(k)
            loads[side] += len(jobs[k][0].tasks)
        sent = False
        if theirs and self._conn is not None:
            try:
                self._conn.send((function, [jobs[k] for k in theirs], extra))
                sent = True
            except OSError:
                self._conn = None
        results: dict[int, Any] = dict(
            zip(mine, function([jobs[k] for k in mine], *extra), strict=True)
        )
        got = None
        if sent and self._conn is not None:
            try:
                got = self._conn.recv() if self._conn.poll(wait_s) else None
            except (EOFError, OSError):
                got = None
            if got is None:
                self.close()
        if theirs:
            if got is None:
                got = function([jobs[k] for k in theirs], *extra)
            results.update(zip(theirs, got, strict=True))
        return [results[k] for k in range(len(jobs))]

    def close(self) -> None:
        """Stop the child (politely, then not)."""
        if self._conn is not None:
            with contextlib.suppress(OSError):
                self._conn.send(None)
            self._conn.close()
            self._conn = None
        if self._child is not None:
            self._child.join(2.0)
            if self._child.is_alive():
                self._child.terminate()
            self._child = None


# Share of the time limit in which the parts' first plans may be tried again with
# other insertion factors (construct.GREEDS); the first attempt always runs.
_CONSTRUCT_SHARE = 0.3
# Dropped tasks are offered to the couriers of this many postal points, cheapest first.
_REPAIR_GROUPS = 3
# Share of the time limit after which the repair stops offering optional tasks.
_REPAIR_SHARE = 0.4


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

    1. every part gets a first plan (``construct``), on ``workers`` processes;
    2. merged, tasks left out are offered to the couriers of the nearest other
       postal points (must-serve ones to every courier);
    3. each part, now with the tasks its couriers took, is improved by OR-Tools from
       that plan until ``deadline`` (monotonic clock).

    The solution always exists but may leave must-serve tasks out.
    """
    began = time.monotonic()
    wall_deadline = time.time() + (deadline - began)
    warm = _allowed_only(problem, warm_routes) if warm_routes is not None else None
    groups = _Groups(problem, travel, warm)
    assignment = {t: r[0] for t, r in groups.ranked.items()}
    sub = SubMatrices(travel)
    parts = [p for p in _parts(problem, groups, assignment) if p.problem.tasks]
    # One part leaves nothing to share: no second process to start.
    workers_pool = _Workers(workers if len(parts) > 1 else 1)
    try:
        jobs: list[_Job] = [
            (
                part.problem,
                TravelData(part.problem, sub),
                None if warm is None else [list(warm[v]) for v in part.vehicles],
            )
            for part in parts
        ]
        # A solution limit asks for a plan soon: one construction attempt then.
        share = _CONSTRUCT_SHARE if solution_limit is None else 0.0
        firsts = workers_pool.run(
            _construct_parts,
            jobs,
            time.time() + (deadline - began) * share,
            wait_s=120.0 + (deadline - began),
        )
        routes: list[list[str]] = [[] for _ in problem.vehicles]
        for part, first in zip(parts, firsts, strict=True):
            for position, v in enumerate(part.vehicles):
                routes[v] = first[position]
        routes = _repair(
            problem,
            travel,
            groups,
            routes,
            began + (deadline - began) * _REPAIR_SHARE,
        )
        on = {s: v for v, stops in enumerate(routes) for s in stops}
        for task in problem.tasks:
            courier = on.get(task.stops[0].id)
            if courier is not None:
                assignment[task.id] = groups.group_of[courier]
        parts = [p for p in _parts(problem, groups, assignment) if p.problem.tasks]
        jobs = [
            (
                part.problem,
                TravelData(part.problem, sub),
                [routes[v] for v in part.vehicles],
            )
            for part in parts
        ]
        results = workers_pool.run(
            _improve_parts,
            jobs,
            options,
            wall_deadline,
            solution_limit,
            wait_s=max(0.0, wall_deadline - time.time()) + 60.0,
        )
    finally:
        workers_pool.close()
    return _merge(problem, travel, groups, parts, results, options, began)


def _allowed_only(
    problem: Problem, warm_routes: Sequence[Sequence[str]]
) -> list[list[str]]:
    """Warm routes without the tasks on couriers they are not allowed on."""
    kept = []
    for vehicle, stops in zip(problem.vehicles, warm_routes, strict=True):
        kept.append(
            [
                s
                for s in stops
                if not problem.stop(s)[0].vehicle_ids
                or vehicle.id in problem.stop(s)[0].vehicle_ids
            ]
        )
    return kept


def _repair(
    problem: Problem,
    travel: TravelData,
    groups: _Groups,
    routes: list[list[str]],
    deadline: float,
) -> list[list[str]]:
    """Offer every task left out to other postal points' couriers."""
    served = {s for r in routes for s in r}
    missing = [t for t in problem.tasks if not all(s.id in served for s in t.stops)]
    if not missing:
        return routes
    allowed = {
        t.id: [
            v
            for g in (
                groups.ranked[t.id]
                if t.must_serve
                else groups.ranked[t.id][:_REPAIR_GROUPS]
            )
            for v in groups.members[g]
        ]
        for t in missing
    }
    builder = RouteBuilder(problem, travel, routes, keep_infeasible=True)
    builder.insert(missing, allowed=allowed, deadline=deadline)
    return builder.stop_routes()


def _merge(
    problem: Problem,
    travel: TravelData,
    groups: _Groups,
    parts: list[Part],
    results: list[_PartResult],
    options: SearchOptions,
    began: float,
) -> RawSolution:
    routes: list[list[str]] = [[] for _ in problem.vehicles]
    starts: list[tuple[int, ...] | None] = [None] * len(problem.vehicles)
    for part, result in zip(parts, results, strict=True):
        for position, v in enumerate(part.vehicles):
            routes[v] = list(result.routes[position])
            if result.starts is not None:
                starts[v] = result.starts[position]
    served = {s for r in routes for s in r}
    if any(
        t.must_serve and not all(s.id in served for s in t.stops) for t in problem.tasks
    ):
        repaired = _repair(problem, travel, groups, routes, began)
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
    for result in results:
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
