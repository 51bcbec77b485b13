"""Route minimisation by an ejection pool: a plan with one courier fewer.

Emptying a route and putting its tasks back by regret insertion (``routing.eliminate``)
fails when the other couriers' routes are full: every task needs room that only
moving another task would make. Here (after Nagata & Bräysy's route minimisation for
VRPTW, tasks as pickup-and-delivery pairs) the emptied route's tasks go into a pool,
last in first out. A task is inserted where it costs least if it fits somewhere;
otherwise another task is taken out of one route to make room (the one that has
failed least often so far: its count grows each time it fails to find a place, so
tasks hard to place are left where they are) and goes to the pool. After each such
ejection a few tasks are moved at random between routes (a perturbation), so that
the search does not cycle. When the pool is empty the plan serves every task with
one courier fewer; at the deadline the try is given up.

Every insertion is re-scheduled and checked (``construct.RouteBuilder``), so the plan
returned is feasible.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Collection, Sequence

from routing.construct import RouteBuilder
from routing.distances import TravelData
from routing.model import Problem, Task

# Tasks moved at random after each ejection (the perturbation).
PERTURB_MOVES = 5
# Two tasks are taken out together from among a route's this many least failing.
EJECT_PAIRS_FROM = 12


def remove_route(
    problem: Problem,
    travel: TravelData,
    routes: Sequence[Sequence[str]],
    *,
    deadline: float,
    rng: random.Random,
) -> list[list[str]] | None:
    """The plan with one route fewer and every task still served; None by ``deadline``.

    ``deadline`` is on the monotonic clock. The route emptied is the one with the
    fewest stops among those without a locked stop.
    """
    used = [
        v
        for v, stops in enumerate(routes)
        if stops and not problem.vehicles[v].locked_stop_ids
    ]
    if not used or sum(1 for r in routes if r) < 2:
        return None
    victim = min(used, key=lambda v: (len(routes[v]), v))
    kept = [list(r) if v != victim else [] for v, r in enumerate(routes)]
    return _EjectionPool(problem, travel, kept, routes[victim], rng).run(deadline)


def put_back(
    problem: Problem,
    travel: TravelData,
    routes: Sequence[Sequence[str]],
    task_ids: Collection[str],
    *,
    deadline: float,
    rng: random.Random,
) -> list[list[str]] | None:
    """The plan with the tasks ``task_ids`` (not on it) put back on the couriers
    already out, by the ejection pool; None by ``deadline``."""
    missing = [t.stops[0].id for t in problem.tasks if t.id in task_ids]
    return _EjectionPool(problem, travel, routes, missing, rng).run(deadline)


class _EjectionPool:
    def __init__(
        self,
        problem: Problem,
        travel: TravelData,
        routes: Sequence[Sequence[str]],
        missing: Sequence[str],
        rng: random.Random,
    ) -> None:
        """``routes`` stay on their couriers (those without one stay home); the tasks
        of the stops ``missing`` go into the pool."""
        self.problem = problem
        self.rng = rng
        task_of = {s.id: t for t in problem.tasks for s in t.stops}
        self.task_of = {
            s: dataclasses.replace(t, penalty=None) for s, t in task_of.items()
        }
        self.locked = problem.locked_task_ids()
        self.builder = RouteBuilder(problem, travel, routes, keep_infeasible=True)
        self.allowed = [
            v for v, r in enumerate(routes) if r and v not in self.builder.frozen
        ]
        seen: set[str] = set()
        self.pool: list[Task] = []
        for s in missing:
            task = self.task_of[s]
            if task.id not in seen:
                seen.add(task.id)
                self.pool.append(task)
        self.failures: dict[str, int] = {}

    def run(self, deadline: float) -> list[list[str]] | None:
        if self.pool and not self.allowed:
            return None
        while self.pool:
            if time.monotonic() > deadline:
                return None
            task = self.pool.pop()
            if self._insert(task):
                continue
            self.failures[task.id] = self.failures.get(task.id, 0) + 1
            ejected = self._eject_for(task)
            if ejected is None:
                self.pool.insert(0, task)
            else:
                self.pool.extend(ejected)
            self._perturb(PERTURB_MOVES)
        routes = self.builder.stop_routes()
        for v in self.allowed:
            route = self.builder.routes[v]
            if not route.feasible(route.stops):
                return None
        return routes

    def _allowed_for(self, task: Task) -> list[int]:
        ids = set(task.vehicle_ids)
        vehicles = self.problem.vehicles
        return [v for v in self.allowed if not ids or vehicles[v].id in ids]

    def _insert(self, task: Task, exclude: int = -1) -> bool:
        """``task`` where it costs least on the allowed routes; False if it fits nowhere."""
        b = self.builder
        options = []
        for v in self._allowed_for(task):
            if v == exclude:
                continue
            ins = b._evaluate(task, b.routes[v], set())
            if ins is not None:
                options.append((ins.cost, v, ins))
        options.sort(key=lambda o: (o[0], o[1]))
        return any(b._insert(task, b.routes[v], ins) for _, v, ins in options)

    def _tasks_on(self, v: int) -> list[Task]:
        seen: set[str] = set()
        tasks = []
        for s in self.builder.routes[v].stops:
            task = self.task_of[s]
            if task.id not in seen and task.id not in self.locked:
                seen.add(task.id)
                tasks.append(task)
        return tasks

    def _eject_for(self, task: Task) -> list[Task] | None:
        """Take out the tasks whose removal lets ``task`` in, fewest failures first
        (one task if that is enough, else two of one route); insert ``task`` there.
        The tasks taken out."""
        for size in (1, 2):
            found = self._ejection(task, size)
            if found is None:
                continue
            v, out = found
            b = self.builder
            route = b.routes[v]
            original = route.stops
            gone = {s.id for t in out for s in t.stops}
            route.stops = [s for s in original if s not in gone]
            route.refresh()
            ins = b._evaluate(task, route, set())
            if ins is not None and b._insert(task, route, ins):
                return list(out)
            route.stops = original
            route.refresh()
        return None

    def _ejection(self, task: Task, size: int) -> tuple[int, tuple[Task, ...]] | None:
        b = self.builder
        best: tuple[int, int, float] | None = None
        choice: tuple[int, tuple[Task, ...]] | None = None
        fail = self.failures
        for v in self._allowed_for(task):
            route = b.routes[v]
            original = route.stops
            others = self._tasks_on(v)
            self.rng.shuffle(others)
            others.sort(key=lambda t: fail.get(t.id, 0))
            if size == 1:
                groups: list[tuple[Task, ...]] = [(t,) for t in others]
            else:
                head = others[:EJECT_PAIRS_FROM]
                groups = [(a, c) for i, a in enumerate(head) for c in head[i + 1 :]]
                groups.sort(key=lambda g: sum(fail.get(t.id, 0) for t in g))
            for group in groups:
                count = sum(fail.get(t.id, 0) for t in group)
                if best is not None and count > best[0]:
                    break
                gone = {s.id for t in group for s in t.stops}
                route.stops = [s for s in original if s not in gone]
                route.refresh()
                ins = b._evaluate(task, route, set())
                if ins is not None:
                    key = (count, ins.cost, self.rng.random())
                    if best is None or key < best:
                        best, choice = key, (v, group)
                    # Among equally failing groups, the first that makes room.
                    break
            route.stops = original
            route.refresh()
        return choice

    def _perturb(self, moves: int) -> None:
        """Move ``moves`` random tasks to the cheapest place on another route."""
        b = self.builder
        for _ in range(moves):
            v = self.rng.choice(self.allowed)
            tasks = self._tasks_on(v)
            if not tasks:
                continue
            task = self.rng.choice(tasks)
            route = b.routes[v]
            original = route.stops
            gone = {s.id for s in task.stops}
            route.stops = [s for s in original if s not in gone]
            route.refresh()
            if not self._insert(task, exclude=v):
                route.stops = original
                route.refresh()


__all__ = ["put_back", "remove_route"]
