"""Route pool and set partitioning: the best plan made of routes the searches have seen.

Every solution OR-Tools accepts during a search is a set of feasible routes. Local
optima found apart (in two workers, or in two phases) often hold good routes that no
single plan combines. ``RoutePool`` keeps each distinct route once, with its cost, per
class of interchangeable couriers; ``RoutePool.recombine`` picks the cheapest set of
routes that serves each task at most once, with the dropped tasks' penalties, by CP-SAT
(a set-partitioning model). The answer is feasible by construction: each route was
feasible on a courier of its class and the classes hold identical couriers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from routing.distances import TravelData
from routing.model import Problem, Vehicle
from routing.solver import MUST_SERVE_PENALTY

# Beyond this many distinct routes the pool stops growing (CP-SAT's model grows with it).
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
            self._routes[key] = self.route_cost(v, stops)

    def route_cost(self, v: int, stops: Sequence[str]) -> int:
        """Travel cost of the route on vehicle ``v`` plus its fixed cost."""
        vehicle = self._problem.vehicles[v]
        travel = self._travel
        distances = travel.matrices[vehicle.profile].distances_m
        places = [travel.depot_location[vehicle.start_depot]]
        places += [travel.stop_location[s] for s in stops]
        places.append(travel.depot_location[vehicle.end_depot])
        cost = sum(distances[a][b] for a, b in zip(places, places[1:], strict=False))
        return cost + vehicle.fixed_cost

    def objective(self, routes: Sequence[Sequence[str]]) -> int:
        """The plan's cost as OR-Tools counts it: routes plus dropped tasks' penalties."""
        cost = sum(self.route_cost(v, r) for v, r in enumerate(routes) if r)
        served = {self._task_of[s] for r in routes for s in r}
        return cost + sum(
            _penalty(t.penalty) for t in self._problem.tasks if t.id not in served
        )

    def recombine(
        self,
        incumbent: Sequence[Sequence[str]],
        time_limit_s: float,
        *,
        threads: int = 1,
    ) -> Recombined | None:
        """The cheapest plan made of pooled routes; None when none beats ``incumbent``.

        ``incumbent`` is added to the pool first, so the model always has a solution,
        and is given to CP-SAT as its hint.
        """
        self.add(incumbent)
        columns = list(self._routes.items())
        model = cp_model.CpModel()
        chosen = [model.NewBoolVar("") for _ in columns]
        covering: dict[str, list[cp_model.IntVar]] = {
            t.id: [] for t in self._problem.tasks
        }
        per_class: list[list[cp_model.IntVar]] = [[] for _ in self._members]
        for var, ((klass, stops), _) in zip(chosen, columns, strict=True):
            per_class[klass].append(var)
            for task_id in {self._task_of[s] for s in stops}:
                covering[task_id].append(var)
        objective: list[cp_model.LinearExprT] = [
            cost * var for var, (_, cost) in zip(chosen, columns, strict=True)
        ]
        for task in self._problem.tasks:
            served = sum(covering[task.id])
            if task.id in self._problem.locked_task_ids():
                model.Add(served == 1)
                continue
            dropped = model.NewBoolVar("")
            model.Add(served + dropped == 1)
            objective.append(_penalty(task.penalty) * dropped)
        for klass, members in enumerate(self._members):
            model.Add(sum(per_class[klass]) <= len(members))
        model.Minimize(sum(objective))
        current = {
            (self._class_of[v], tuple(r)) for v, r in enumerate(incumbent) if r
        }
        for var, (key, _) in zip(chosen, columns, strict=True):
            model.AddHint(var, key in current)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.01, time_limit_s)
        solver.parameters.num_workers = max(1, threads)
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        routes: list[list[str]] = [[] for _ in self._problem.vehicles]
        free = [list(members) for members in self._members]
        # Vehicles keep their incumbent route where it is chosen again (stable plans).
        picked = [
            key for var, (key, _) in zip(chosen, columns, strict=True)
            if solver.Value(var)
        ]
        for v, r in enumerate(incumbent):
            key = (self._class_of[v], tuple(r))
            if r and key in picked:
                picked.remove(key)
                routes[v] = list(r)
                free[key[0]].remove(v)
        for klass, stops in picked:
            routes[free[klass].pop(0)] = list(stops)
        found = self.objective(routes)
        if found >= self.objective(incumbent):
            return None
        return Recombined(routes=routes, objective=found)


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
