"""A first plan of our own: regret insertion of tasks into couriers' routes, no OR-Tools.

OR-Tools' first-solution phase (cheapest insertion over pickup-and-delivery pairs with
office hours) needs tens of seconds from a few hundred tasks on; this builds a feasible
plan in a fraction of that, which the solver then improves from (a warm start).

Every candidate position is tested in constant time against each route's earliest
and latest service starts (several windows a day included), its loads and its
shift; the chosen insertion is then re-scheduled with ``schedule_route`` and kept only
if ``route_violations`` finds nothing, so the routes built here are the ones the
plan reports, maximum route duration included.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from routing.distances import TravelData
from routing.model import Problem, Task, Vehicle
from routing.schedule import route_violations, schedule_route
from routing.solver import MUST_SERVE_PENALTY

INF = 1 << 60
# Must-serve tasks are inserted first; this is their "penalty" in the regret.
_MUST = 1 << 50
# Verifications (full re-schedule) tried per task and route before giving up on it.
_VERIFY_TRIES = 4

Window = tuple[int, int]
_NONE: frozenset[int] = frozenset()


def _earliest(windows: tuple[Window, ...] | None, arrival: int) -> int:
    """Earliest service start at or after ``arrival``; INF when every window is past."""
    if windows is None:
        return arrival
    for start, end in windows:
        if arrival <= end:
            return start if arrival < start else arrival
    return INF


def _latest(windows: tuple[Window, ...] | None, bound: int) -> int:
    """Latest service start at or before ``bound``; -INF when no window opens by then."""
    if windows is None:
        return bound
    for start, end in reversed(windows):
        if bound >= start:
            return end if bound > end else bound
    return -INF


@dataclass(frozen=True, slots=True)
class _Insertion:
    """Where a task goes on one route: after position ``i`` and ``j`` (0 = the depot)."""

    cost: int
    i: int
    j: int


class _Route:
    """One courier's stops and, per position, earliest/latest service start and load.

    Position 0 is the start depot, ``n + 1`` the end depot, ``k`` the k-th stop.
    """

    def __init__(self, builder: RouteBuilder, vehicle: Vehicle, stops: list[str]):
        self.builder = builder
        self.vehicle = vehicle
        self.stops = stops
        self.locked = len(vehicle.locked_stop_ids)
        matrix = builder.travel.matrices[vehicle.profile]
        self.dist = matrix.distances_m
        self.dur = matrix.durations_s
        self.start_loc = builder.travel.depot_location[vehicle.start_depot]
        self.end_loc = builder.travel.depot_location[vehicle.end_depot]
        self.class_key = (
            vehicle.start_depot,
            vehicle.end_depot,
            vehicle.profile,
            vehicle.shift,
            vehicle.capacity,
            vehicle.max_duration_s,
            vehicle.fixed_cost,
        )
        self.refresh()

    def refresh(self) -> None:
        """Recompute the per-position arrays after the stops changed.

        The windows are looked up inline (as ``_earliest`` and ``_latest`` do): this
        runs for every removal the ejection pool tries (``routing.ejection``).
        """
        b = self.builder
        dur, dist = self.dur, self.dist
        stops = self.stops
        bloc, bsvc, bwin = b.loc, b.svc, b.win
        loc = [self.start_loc]
        loc += [bloc[s] for s in stops]
        loc.append(self.end_loc)
        svc = [0]
        svc += [bsvc[s] for s in stops]
        svc.append(0)
        win: list[tuple[Window, ...] | None] = [None]
        win += [bwin[s] for s in stops]
        win.append(None)
        n = len(stops)
        t = self.vehicle.shift.start
        earliest = [t] * (n + 2)
        busy = distance = 0
        for k in range(1, n + 2):
            here, there = loc[k - 1], loc[k]
            leg = dur[here][there]
            busy += svc[k - 1] + leg
            distance += dist[here][there]
            t += svc[k - 1] + leg
            windows = win[k]
            if windows is not None:
                for opens, closes in windows:
                    if t <= closes:
                        if t < opens:
                            t = opens
                        break
                else:
                    t = INF
            earliest[k] = t
        t = self.vehicle.shift.end
        latest = [t] * (n + 2)
        for k in range(n, -1, -1):
            t -= svc[k] + dur[loc[k]][loc[k + 1]]
            windows = win[k]
            if windows is not None:
                for opens, closes in reversed(windows):
                    if t >= opens:
                        if t > closes:
                            t = closes
                        break
                else:
                    t = -INF
            latest[k] = t
        running = sum(b.preload[s] for s in stops)
        load = [running]
        delta = b.delta
        for s in stops:
            running += delta[s]
            load.append(running)
        load.append(running)
        self.loc, self.svc, self.win = loc, svc, win
        self.on = set(stops)
        self.earliest, self.latest, self.load = earliest, latest, load
        self.busy = busy
        self.distance = distance
        prefix = list(load)
        for k in range(1, n + 2):
            if prefix[k] < prefix[k - 1]:
                prefix[k] = prefix[k - 1]
        suffix = list(load)
        for k in range(n, -1, -1):
            if suffix[k] < suffix[k + 1]:
                suffix[k] = suffix[k + 1]
        self.prefix_max, self.suffix_max = prefix, suffix

    @property
    def fixed(self) -> int:
        """The courier's fixed cost if the route is still empty (paid on first use)."""
        return self.vehicle.fixed_cost if not self.stops else 0

    def feasible(self, stops: Sequence[str]) -> bool:
        """Whether ``stops`` on this courier pass the plan's own schedule check."""
        b = self.builder
        route = schedule_route(b.problem, b.travel, self.vehicle, stops)
        return not route_violations(b.problem, self.vehicle, route)

    def _busy_fits(self, extra: int) -> bool:
        limit = self.vehicle.max_duration_s
        return limit is None or self.busy + extra <= limit

    def best_pair(
        self, pickup: str, delivery: str, items: int, banned: set[tuple[int, int]]
    ) -> _Insertion | None:
        """Cheapest feasible place for a pickup and its delivery, pickup first."""
        b = self.builder
        dist, dur = self.dist, self.dur
        loc, svc, win = self.loc, self.svc, self.win
        earliest, latest, load = self.earliest, self.latest, self.load
        lp, ld = b.loc[pickup], b.loc[delivery]
        sp, sd = b.svc[pickup], b.svc[delivery]
        wp, wd = b.win[pickup], b.win[delivery]
        cap = self.vehicle.capacity - items
        n = len(self.stops)
        best = INF
        where = (-1, -1)
        pd_m, pd_s = dist[lp][ld], dur[lp][ld]
        for i in range(self.locked, n + 1):
            if load[i] > cap:
                continue
            li, nxt = loc[i], loc[i + 1]
            t_p = _earliest(wp, earliest[i] + svc[i] + dur[li][lp])
            if t_p >= INF:
                break
            t_d = _earliest(wd, t_p + sp + pd_s)
            if t_d + sd + dur[ld][nxt] <= latest[i + 1]:
                cost = dist[li][lp] + pd_m + dist[ld][nxt] - dist[li][nxt]
                if (
                    cost < best
                    and (i, i) not in banned
                    and self._busy_fits(
                        sp + sd + dur[li][lp] + pd_s + dur[ld][nxt] - dur[li][nxt]
                    )
                ):
                    best, where = cost, (i, i)
            add_p = dist[li][lp] + dist[lp][nxt] - dist[li][nxt]
            if add_p >= best or i == n:
                continue
            busy_p = sp + sd + dur[li][lp] + dur[lp][nxt] - dur[li][nxt]
            t = _earliest(win[i + 1], t_p + sp + dur[lp][nxt])
            k = i + 1
            while t <= latest[k] and load[k] <= cap:
                lk, after = loc[k], loc[k + 1]
                leave = t + svc[k]
                t_d = _earliest(wd, leave + dur[lk][ld])
                if t_d + sd + dur[ld][after] <= latest[k + 1]:
                    cost = add_p + dist[lk][ld] + dist[ld][after] - dist[lk][after]
                    if (
                        cost < best
                        and (i, k) not in banned
                        and self._busy_fits(
                            busy_p + dur[lk][ld] + dur[ld][after] - dur[lk][after]
                        )
                    ):
                        best, where = cost, (i, k)
                if k == n:
                    break
                t = _earliest(win[k + 1], leave + dur[lk][after])
                k += 1
        if where[0] < 0:
            return None
        return _Insertion(best + self.fixed, *where)

    def best_single(
        self,
        stop: str,
        load_from_start: int,
        load_to_end: int,
        banned: AbstractSet[int],
    ) -> _Insertion | None:
        """Cheapest feasible place for one stop.

        ``load_from_start`` items ride from the depot to the stop (a delivery-only
        task), ``load_to_end`` from the stop back to the depot (a pickup-only task).
        """
        b = self.builder
        dist, dur = self.dist, self.dur
        loc, svc = self.loc, self.svc
        earliest, latest, load = self.earliest, self.latest, self.load
        ls, ss, ws = b.loc[stop], b.svc[stop], b.win[stop]
        cap = self.vehicle.capacity
        n = len(self.stops)
        best = INF
        where = -1
        for i in range(self.locked, n + 1):
            if load_from_start and self.prefix_max[i] + load_from_start > cap:
                break
            if load_to_end and (
                load[i] + load_to_end > cap
                or (i < n and self.suffix_max[i + 1] + load_to_end > cap)
            ):
                continue
            li, nxt = loc[i], loc[i + 1]
            t = _earliest(ws, earliest[i] + svc[i] + dur[li][ls])
            if t >= INF:
                break
            if t + ss + dur[ls][nxt] > latest[i + 1]:
                continue
            cost = dist[li][ls] + dist[ls][nxt] - dist[li][nxt]
            if (
                cost < best
                and i not in banned
                and self._busy_fits(ss + dur[li][ls] + dur[ls][nxt] - dur[li][nxt])
            ):
                best, where = cost, i
        if where < 0:
            return None
        return _Insertion(best + self.fixed, where, where)


class RouteBuilder:
    """Routes under construction for some of a problem's couriers.

    ``routes`` maps a vehicle's position in ``problem.vehicles`` to its stop ids; the
    builder only adds stops, so routes given to it (a warm start, a merged plan) keep
    their order. A given route that fails ``route_violations`` is cut back to its
    locked stops, or with ``keep_infeasible`` kept as it is and left alone (a
    solver's route that meets a maximum duration only with its own service times).
    """

    def __init__(
        self,
        problem: Problem,
        travel: TravelData,
        routes: Sequence[Sequence[str]] | None = None,
        *,
        keep_infeasible: bool = False,
    ) -> None:
        self.problem = problem
        self.travel = travel
        self.loc: dict[str, int] = dict(travel.stop_location)
        self.svc: dict[str, int] = {}
        self.win: dict[str, tuple[Window, ...] | None] = {}
        self.delta: dict[str, int] = {}
        self.preload: dict[str, int] = {}
        for task in problem.tasks:
            for stop in task.stops:
                self.svc[stop.id] = stop.service_s
                self.win[stop.id] = (
                    tuple((w.start, w.end) for w in stop.windows)
                    if stop.windows
                    else None
                )
                is_pickup = stop is task.pickup
                self.delta[stop.id] = task.items if is_pickup else -task.items
                self.preload[stop.id] = task.items if task.pickup is None else 0
        # Optional tasks go in where they cost less than greed x their penalty.
        self.greed = 1.0
        self.routes: list[_Route] = []
        self.frozen: set[int] = set()
        for v, vehicle in enumerate(problem.vehicles):
            stops = list(routes[v]) if routes is not None else []
            locked = list(vehicle.locked_stop_ids)
            if stops[: len(locked)] != locked:
                stops = locked + [s for s in stops if s not in set(locked)]
            route = _Route(self, vehicle, stops)
            if stops != locked and not route.feasible(stops):
                if keep_infeasible:
                    self.frozen.add(v)
                else:
                    route = _Route(self, vehicle, locked)
            self.routes.append(route)
        self._lock_owner = {
            s: v for v, veh in enumerate(problem.vehicles) for s in veh.locked_stop_ids
        }

    def stop_routes(self) -> list[list[str]]:
        """The stop ids of every courier, in the problem's vehicle order."""
        return [list(r.stops) for r in self.routes]

    def served(self) -> set[str]:
        """Ids of the tasks with a stop on some route."""
        return {self.problem.stop(s)[0].id for r in self.routes for s in r.stops}

    def _candidates(self, task: Task, allowed: Iterable[int] | None) -> list[int]:
        owners = {
            self._lock_owner[s.id] for s in task.stops if s.id in self._lock_owner
        }
        if owners:
            return sorted(owners - self.frozen)
        vehicles = range(len(self.routes)) if allowed is None else allowed
        ids = set(task.vehicle_ids)
        return [
            v
            for v in vehicles
            if v not in self.frozen and (not ids or self.problem.vehicles[v].id in ids)
        ]

    def _missing(self, task: Task, route: _Route) -> list[str]:
        on_route = route.on
        return [s.id for s in task.stops if s.id not in on_route]

    def _evaluate(
        self, task: Task, route: _Route, banned: set[tuple[int, int]]
    ) -> _Insertion | None:
        """The cheapest place on ``route`` for the stops of ``task`` not yet on it."""
        pickup, delivery, on = task.pickup, task.delivery, route.on
        singles = {i for i, j in banned if i == j} if banned else _NONE
        if pickup is not None and delivery is not None:
            if pickup.id not in on:
                if delivery.id in on:
                    return None
                return route.best_pair(pickup.id, delivery.id, task.items, banned)
            if delivery.id in on:
                return None
            # The pickup is a locked stop already on this route.
            return route.best_single(delivery.id, 0, 0, singles)
        if pickup is None:
            assert delivery is not None
            if delivery.id in on:
                return None
            return route.best_single(delivery.id, task.items, 0, singles)
        if pickup.id in on:
            return None
        return route.best_single(pickup.id, 0, task.items, singles)

    def _apply(self, task: Task, route: _Route, ins: _Insertion) -> list[str]:
        missing = self._missing(task, route)
        stops = list(route.stops)
        if len(missing) == 2:
            stops.insert(ins.j, missing[1])
            stops.insert(ins.i, missing[0])
        else:
            stops.insert(ins.i, missing[0])
        return stops

    def _insert(self, task: Task, route: _Route, first: _Insertion) -> bool:
        """Insert at ``first`` or the next best places; False when none verifies."""
        banned: set[tuple[int, int]] = set()
        ins: _Insertion | None = first
        for _ in range(_VERIFY_TRIES):
            if ins is None:
                return False
            stops = self._apply(task, route, ins)
            if route.feasible(stops):
                route.stops = stops
                route.refresh()
                return True
            banned.add((ins.i, ins.j))
            ins = self._evaluate(task, route, banned)
        return False

    def insert(
        self,
        tasks: Iterable[Task],
        *,
        allowed: dict[str, list[int]] | None = None,
        deadline: float | None = None,
    ) -> None:
        """Insert ``tasks`` by regret: the task that loses most if not placed now goes first.

        Must-serve tasks go before optional ones; an optional task is only inserted
        where it costs less than its penalty. ``allowed`` restricts a task's couriers
        (by position in ``problem.vehicles``). Past ``deadline`` (monotonic clock) the
        remaining optional tasks are left out.
        """
        pending = {t.id: t for t in tasks}
        candidates = {
            t.id: self._candidates(t, None if allowed is None else allowed.get(t.id))
            for t in pending.values()
        }
        cache = {t: self._first_places(pending[t], vs) for t, vs in candidates.items()}
        while pending:
            if deadline is not None and time.monotonic() > deadline:
                pending = {k: t for k, t in pending.items() if t.must_serve}
                cache = {k: c for k, c in cache.items() if k in pending}
                if not pending:
                    break
            chosen = self._most_regret(pending, cache)
            if chosen is None:
                break
            task_id, v = chosen
            task = pending[task_id]
            first = cache[task_id][v]
            assert first is not None
            if not self._insert(task, self.routes[v], first):
                cache[task_id][v] = None
                continue
            del pending[task_id]
            del cache[task_id]
            for other, by_route in cache.items():
                if v in by_route:
                    by_route[v] = self._evaluate(pending[other], self.routes[v], set())

    def _first_places(
        self, task: Task, vehicles: Sequence[int]
    ) -> dict[int, _Insertion | None]:
        """The cheapest place for ``task`` on each of ``vehicles``' routes; an empty
        route is evaluated once per kind of courier (the same place on all of them)."""
        places: dict[int, _Insertion | None] = {}
        empty: dict[tuple[object, ...], _Insertion | None] = {}
        none: set[tuple[int, int]] = set()
        for v in vehicles:
            route = self.routes[v]
            if route.stops:
                places[v] = self._evaluate(task, route, none)
            else:
                key = route.class_key
                if key not in empty:
                    empty[key] = self._evaluate(task, route, none)
                places[v] = empty[key]
        return places

    def _most_regret(
        self,
        pending: dict[str, Task],
        cache: dict[str, dict[int, _Insertion | None]],
    ) -> tuple[str, int] | None:
        best_key: tuple[int, int, int] | None = None
        chosen: tuple[str, int] | None = None
        for task_id, by_route in cache.items():
            task = pending[task_id]
            first = second = INF
            first_v = -1
            first_class: object = None
            for v, ins in by_route.items():
                if ins is None:
                    continue
                route = self.routes[v]
                key = route.class_key if not route.stops else v
                if ins.cost < first:
                    if key != first_class:
                        second = first
                    first, first_v, first_class = ins.cost, v, key
                elif ins.cost < second and key != first_class:
                    second = ins.cost
            if first_v < 0:
                continue
            penalty = _MUST if task.penalty is None else int(task.penalty * self.greed)
            if first >= penalty:
                continue
            regret = min(second, penalty) - first
            rank = (1 if task.must_serve else 0, regret, -first)
            if best_key is None or rank > best_key:
                best_key, chosen = rank, (task_id, first_v)
        return chosen


# Optional tasks are inserted where they cost less than this many times their
# penalty: above 1, a task that does not pay for a trip alone can open a route that
# later tasks share. Each factor is one attempt; the cheapest plan by the true
# objective is kept (measured in docs/benchmarks-routing.md, "Scale").
GREEDS = (1.0, 1.3, 1.5, 1.15)


def construct(
    problem: Problem,
    travel: TravelData,
    *,
    initial: Sequence[Sequence[str]] | None = None,
    deadline: float | None = None,
) -> list[list[str]]:
    """Stop ids per courier (problem order) of a feasible plan built by regret insertion.

    ``initial`` routes (a warm start) are kept where feasible and completed; tasks that
    fit nowhere are left out (must-serve ones too: the caller decides what that means).
    One attempt per factor of ``GREEDS`` while the next is expected to end before
    ``deadline`` (monotonic clock; without one, the first attempt only).
    """
    best: list[list[str]] | None = None
    best_cost = 0
    for greed in GREEDS:
        began = time.monotonic()
        builder = RouteBuilder(problem, travel, initial)
        builder.greed = greed
        on_routes = {s for r in builder.routes for s in r.stops}
        builder.insert(
            t for t in problem.tasks if any(s.id not in on_routes for s in t.stops)
        )
        routes = builder.stop_routes()
        cost = plan_cost(problem, travel, routes)
        if best is None or cost < best_cost:
            best, best_cost = routes, cost
        took = time.monotonic() - began
        if deadline is None or time.monotonic() + took > deadline:
            break
    assert best is not None
    return best


def route_cost(travel: TravelData, vehicle: Vehicle, stops: Sequence[str]) -> int:
    """One courier's part of the objective: metres of the route and its fixed cost."""
    if not stops:
        return 0
    dist = travel.matrices[vehicle.profile].distances_m
    total = vehicle.fixed_cost
    here = travel.depot_location[vehicle.start_depot]
    for s in stops:
        there = travel.stop_location[s]
        total += dist[here][there]
        here = there
    return total + dist[here][travel.depot_location[vehicle.end_depot]]


def plan_cost(
    problem: Problem, travel: TravelData, routes: Sequence[Sequence[str]]
) -> int:
    """The objective OR-Tools minimises: metres, fixed costs, penalties of unserved tasks."""
    total = 0
    served: set[str] = set()
    for vehicle, stops in zip(problem.vehicles, routes, strict=True):
        total += route_cost(travel, vehicle, stops)
        served.update(stops)
    for task in problem.tasks:
        if not any(s.id in served for s in task.stops):
            total += MUST_SERVE_PENALTY if task.penalty is None else task.penalty
    return total


__all__ = ["RouteBuilder", "construct", "plan_cost", "route_cost"]
