"""Route pool and set partitioning: the best plan made of routes the searches have seen.

Every solution OR-Tools accepts during a search is a set of feasible routes. Local
optima found apart (in two workers, or in two phases) often hold good routes that no
single plan combines. ``RoutePool`` keeps each distinct route once, with its cost, per
class of interchangeable couriers; ``RoutePool.recombine`` picks the cheapest set of
routes that serves each task at most once, with the dropped tasks' penalties, by SCIP
(a set-partitioning model). The answer is feasible by construction: each route was
feasible on a courier of its class and the classes hold identical couriers.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from routing.construct import plan_cost, route_cost
from routing.distances import TravelData
from routing.model import Problem, Vehicle
from routing.schedule import route_violations, schedule_route
from routing.solver import MUST_SERVE_PENALTY

# Beyond this many distinct routes the pool stops growing (the model grows with it).
MAX_ROUTES = 30_000


@dataclass(frozen=True, slots=True)
class Recombined:
    """Stop ids per vehicle and the objective as OR-Tools counts it."""

    routes: list[list[str]]
    objective: int


class RoutePool:
    """Distinct feasible routes per courier class, with their costs."""

    def __init__(self, problem: Problem, travel: TravelData) -> None:
        self._problem = problem
        self._travel = travel
        named = {v for t in problem.tasks for v in t.vehicle_ids}
        self._class_of: list[int] = []
        self._members: list[list[int]] = []
        keys: dict[tuple[object, ...], int] = {}
        for v, vehicle in enumerate(problem.vehicles):
            key = _class_key(vehicle, alone=vehicle.id in named)
            if key not in keys:
                keys[key] = len(self._members)
                self._members.append([])
            self._class_of.append(keys[key])
            self._members[keys[key]].append(v)
        self._task_of = {s.id: t.id for t in problem.tasks for s in t.stops}
        self._stops_of = {t.id: {s.id for s in t.stops} for t in problem.tasks}
        self._locked = problem.locked_task_ids()
        self._routes: dict[tuple[int, tuple[str, ...]], int] = {}

    def __len__(self) -> int:
        return len(self._routes)

    def add(self, routes: Sequence[Sequence[str]]) -> None:
        """Keep every non-empty route of a plan (stop ids per vehicle, in order)."""
        for v, stops in enumerate(routes):
            if stops:
                self.add_route(v, stops)

    def add_route(self, v: int, stops: Sequence[str]) -> None:
        """Keep one route that was feasible on vehicle ``v``."""
        key = (self._class_of[v], tuple(stops))
        if key not in self._routes and len(self._routes) < MAX_ROUTES:
            self._routes[key] = route_cost(
                self._travel, self._problem.vehicles[v], stops
            )

    def recombine(
        self,
        incumbent: Sequence[Sequence[str]],
        time_limit_s: float,
        *,
        cover: bool = False,
        max_routes: int | None = None,
    ) -> Recombined | None:
        """The cheapest plan made of pooled routes; None when none beats ``incumbent``.

        ``max_routes`` caps the routes chosen (the incumbent must keep to it): the
        cheapest plan with that many couriers or fewer.

        ``incumbent`` is added to the pool first, so the model always has a solution,
        and the mixed-integer solver (SCIP) has a solution to improve on. With ``cover`` a task may be on several
        chosen routes (set covering, more combinations); it then stays on the one
        route where it costs least and leaves the others, whose schedules are checked
        again (without a triangle inequality, a shorter route can be later): if one
        breaks a rule, the set-partitioning answer is used instead.
        """
        if cover:
            covered = self._solve(incumbent, time_limit_s, True, max_routes)
            if covered is not None:
                return covered
        return self._solve(incumbent, time_limit_s, False, max_routes)

    def _solve(
        self,
        incumbent: Sequence[Sequence[str]],
        time_limit_s: float,
        cover: bool,
        max_routes: int | None,
    ) -> Recombined | None:
        began = time.monotonic()
        self.add(incumbent)
        columns = list(self._routes.items())
        # Built coefficient by coefficient: the natural API's expressions took
        # longer to build than SCIP took to solve.
        solver = _mip_solver()
        infinity = solver.infinity()
        objective = solver.Objective()
        served_now = {self._task_of[s] for r in incumbent for s in r}
        rows: dict[str, pywraplp.Constraint] = {}
        for task in self._problem.tasks:
            must = task.id in self._locked or (
                task.must_serve and task.id in served_now
            )
            rows[task.id] = solver.Constraint(1, infinity if cover else 1)
            # A must-serve task the incumbent serves stays served: no 10^10 penalty in
            # the objective, whose size would hurt the LP's numerics.
            if not must:
                dropped = solver.BoolVar("")
                rows[task.id].SetCoefficient(dropped, 1)
                objective.SetCoefficient(dropped, _penalty(task.penalty))
        fleets = [solver.Constraint(0, len(members)) for members in self._members]
        cap = solver.Constraint(0, max_routes) if max_routes is not None else None
        chosen = []
        for (klass, stops), cost in columns:
            var = solver.BoolVar("")
            chosen.append(var)
            objective.SetCoefficient(var, cost)
            fleets[klass].SetCoefficient(var, 1)
            if cap is not None:
                cap.SetCoefficient(var, 1)
            for task_id in {self._task_of[s] for s in stops}:
                rows[task_id].SetCoefficient(var, 1)
        objective.SetMinimization()
        # The budget covers building the model too, not only SCIP's solve.
        left = time_limit_s - (time.monotonic() - began)
        solver.SetTimeLimit(max(10, int(left * 1000)))
        status = solver.Solve()
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None
        routes: list[list[str]] = [[] for _ in self._problem.vehicles]
        free = [list(members) for members in self._members]
        # Vehicles keep their incumbent route where it is chosen again (stable plans).
        picked = [
            key
            for var, (key, _) in zip(chosen, columns, strict=True)
            if var.solution_value() > 0.5
        ]
        for v, r in enumerate(incumbent):
            key = (self._class_of[v], tuple(r))
            if r and key in picked:
                picked.remove(key)
                routes[v] = list(r)
                free[key[0]].remove(v)
        for klass, stops in picked:
            routes[free[klass].pop(0)] = list(stops)
        if cover and not self._served_once(routes):
            return None
        found = plan_cost(self._problem, self._travel, routes)
        if found >= plan_cost(self._problem, self._travel, incumbent):
            return None
        return Recombined(routes=routes, objective=found)

    def _served_once(self, routes: list[list[str]]) -> bool:
        """Leave each task on the one route where it costs least; False if a rule breaks."""
        problem, travel = self._problem, self._travel
        on: dict[str, list[int]] = {}
        for v, stops in enumerate(routes):
            for task_id in dict.fromkeys(self._task_of[s] for s in stops):
                on.setdefault(task_id, []).append(v)
        changed: set[int] = set()
        for task_id, where in on.items():
            if len(where) < 2:
                continue
            stop_ids = self._stops_of[task_id]
            savings = {v: self._saving(routes[v], v, stop_ids) for v in where}
            keep = min(where, key=savings.__getitem__)
            for v in where:
                if v != keep:
                    routes[v] = [s for s in routes[v] if s not in stop_ids]
                    changed.add(v)
        for v in changed:
            vehicle = problem.vehicles[v]
            route = schedule_route(problem, travel, vehicle, routes[v])
            if route_violations(problem, vehicle, route):
                return False
        return True

    def _saving(self, stops: list[str], v: int, stop_ids: set[str]) -> int:
        """What leaving out one task's stops saves on this route."""
        vehicle = self._problem.vehicles[v]
        without = [s for s in stops if s not in stop_ids]
        return route_cost(self._travel, vehicle, stops) - route_cost(
            self._travel, vehicle, without
        )


def _mip_solver() -> pywraplp.Solver:
    """SCIP (measured: optimal in under 0.1 s where CP-SAT needed its whole second)."""
    solver = pywraplp.Solver.CreateSolver("SCIP") or pywraplp.Solver.CreateSolver(
        "CP_SAT"
    )
    if solver is None:  # pragma: no cover - both ship with OR-Tools
        raise RuntimeError("OR-Tools has neither SCIP nor CP-SAT")
    return solver


def _penalty(penalty: int | None) -> int:
    return MUST_SERVE_PENALTY if penalty is None else penalty


def _class_key(vehicle: Vehicle, *, alone: bool) -> tuple[object, ...]:
    """Couriers with equal keys can swap routes without changing feasibility or cost."""
    if alone or vehicle.locked_stop_ids:
        return ("vehicle", vehicle.id)
    return (
        vehicle.start_depot,
        vehicle.end_depot,
        vehicle.shift,
        vehicle.capacity,
        vehicle.profile,
        vehicle.max_duration_s,
        vehicle.fixed_cost,
    )


__all__ = ["MAX_ROUTES", "Recombined", "RoutePool"]
