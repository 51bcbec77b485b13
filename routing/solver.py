"""The only module that speaks OR-Tools: problem + matrices -> routing model -> raw routes."""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from ortools.util import optional_boolean_pb2

from routing.distances import TravelData
from routing.model import Problem, TimeWindow

# Must-serve tasks are soft with a prohibitive penalty rather than hard: a hard node
# that the first-solution heuristic cannot insert makes OR-Tools return nothing at
# all, whereas a dropped one tells the caller which task is the obstacle.
MUST_SERVE_PENALTY = 10**10

_INSERTION_LNS = (
    "use_global_cheapest_insertion_expensive_chain_lns",
    "use_local_cheapest_insertion_expensive_chain_lns",
    "use_global_cheapest_insertion_close_nodes_lns",
    "use_local_cheapest_insertion_close_nodes_lns",
)


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How OR-Tools searches; the defaults are the measured best (docs/benchmarks-routing.md).

    ``insertion_lns=None`` switches the four insertion-LNS operators that OR-Tools
    leaves off on for pickup-and-delivery problems only (they helped Li & Lim and
    hurt Solomon).

    ``hard_must_serve`` gives must-serve stops no disjunction, so that constraint
    propagation prunes with them (if no plan is found, the soft model is solved in
    the time left, to say which task is the obstacle). ``full_propagation`` is
    OR-Tools' ``use_full_propagation``. ``fleet_phase`` (a share of the time, 0-1)
    first searches with a high cost per courier and seeds the real search with those
    routes. ``neighbors_ratio`` restricts the local-search operators to that share of
    each stop's nearest stops (at least 10); in OR-Tools 9.12-9.15 any ratio below 1
    leaves the local search accepting no move at all (an upstream defect, measured in
    docs/benchmarks-routing.md), so leave it unset. ``gls_lambda`` is guided local search's
    penalty coefficient (OR-Tools' default 0.1). ``gls_courier_classes``: when guided
    local search penalises an arc leaving or reaching a depot, it penalises that arc
    for every courier of the same class (identical couriers), not for the one courier
    only, which the search would escape by moving the same route onto an identical
    courier (OR-Tools' ``guided_local_search_penalize_with_vehicle_classes``; on by
    default since it measured better on Solomon, False gives the old behaviour).
    ``phases`` above 1 splits the time into that many searches, each from the
    previous best plan with its shortest route emptied and its tasks re-inserted
    elsewhere (``routing.eliminate``; not used by the by-depot split); ``None`` is
    two phases with pickup-and-delivery pairs and long routes
    (``routing.eliminate.stops_per_shift``), one otherwise. ``partial`` starts the
    next phase even when some of the emptied route's tasks fit nowhere else (left
    out, for the search to put back).
    ``rounds`` is the number of rounds of the two-worker search, with a recombination
    of the routes both workers have seen after each (``routing.cooperate``; there it
    takes the place of ``phases``); ``None`` is five with pickup-and-delivery pairs,
    one (a recombination at the end only) without. ``cover`` lets a recombination choose routes that
    share tasks and then leave each task on one of them (``RoutePool.recombine``).
    ``ruin_share`` is the share of tasks taken out and put back before a round starts
    again from the recombined plan (``routing.perturb``; 0: no perturbation).
    ``restarts`` cuts each round of a worker of the two-worker search into that many
    searches, each after the first from that worker's best plan so far perturbed
    (``ruin_share``), so that the route pool holds routes from many local optima; a
    round with one courier fewer stays one search.

    ``late`` (a share of the day) relaxes the ends of time windows and shifts in a
    search: a stop may be served, and a courier come back, up to that share of the day
    late, at ``late_cost`` per second late. Such a search's plans may be late:
    ``routing.relax`` uses it to reach plans that moves between punctual plans cannot,
    then makes them punctual again. Only the two-worker search uses it
    (``routing.cooperate``): ``None`` there is ``cooperate.AUTO_LATE`` on days with
    pickup-and-delivery pairs, 0 on others; ``solve`` itself relaxes nothing unless
    given a share above 0.

    ``ejection`` (a share of the time) bounds each try of the two-worker search to
    find a plan with one courier fewer by an ejection pool (``routing.ejection``):
    the tasks a round with couriers kept home left out, put back on its plan; at a
    fleet size where that failed, the tasks of a route emptied anew; 0: no ejection
    pool. A try never runs past the end of the round it starts in (the time limit
    holds whatever the share).

    ``seed`` draws the perturbations of the two-worker search (``routing.cooperate``;
    the child takes this process's): another seed, another search. Benchmarks compare
    settings over several seeds, because one run of a setting is one draw.
    """

    first_solution: str = "PARALLEL_CHEAPEST_INSERTION"
    metaheuristic: str = "GUIDED_LOCAL_SEARCH"
    insertion_lns: bool | None = None
    gls_lambda: float | None = None
    gls_courier_classes: bool = True
    hard_must_serve: bool = False
    full_propagation: bool = False
    fleet_phase: float = 0.0
    neighbors_ratio: float | None = None
    phases: int | None = None
    partial: bool = True
    rounds: int | None = None
    cover: bool = False
    ruin_share: float = 0.4
    restarts: int = 1
    late: float | None = None
    late_cost: int = 1
    seed: int = 0
    ejection: float = 0.1

    @property
    def label(self) -> str:
        """Short human-readable name of the strategy."""
        lns = {None: "auto", True: "on", False: "off"}[self.insertion_lns]
        extras = ""
        if self.hard_must_serve:
            extras += ", hard must-serve"
        if self.full_propagation:
            extras += ", full propagation"
        if self.fleet_phase:
            extras += f", fleet phase {self.fleet_phase:g}"
        if self.neighbors_ratio is not None:
            extras += f", neighbours {self.neighbors_ratio:g}"
        if self.gls_lambda is not None:
            extras += f", lambda {self.gls_lambda}"
        if not self.gls_courier_classes:
            extras += ", GLS penalties per courier"
        if self.phases is None:
            extras += ", phases auto"
        elif self.phases > 1:
            extras += f", {self.phases} phases"
        if self.phases != 1 and not self.partial:
            extras += " (whole routes only)"
        return (
            f"{self.first_solution}+{self.metaheuristic} (insertion LNS {lns}{extras})"
        )


@dataclass(frozen=True, slots=True)
class RawSolution:
    """Stop ids per vehicle with the solver's service start times, and the objective."""

    routes: tuple[tuple[str, ...], ...]
    starts: tuple[tuple[int, ...], ...]
    objective: int
    status: str
    wall_time_s: float
    strategy: str


class _Nodes:
    """Node numbering: depots first, then every stop in task order."""

    def __init__(self, problem: Problem) -> None:
        depot_node = {d.id: i for i, d in enumerate(problem.depots)}
        self.stop_ids: list[str | None] = [None] * len(problem.depots)
        self.depot_of_node = [d.id for d in problem.depots]
        for task in problem.tasks:
            for stop in task.stops:
                self.stop_ids.append(stop.id)
        self.node_of = {s: n for n, s in enumerate(self.stop_ids) if s is not None}
        self.starts = [depot_node[v.start_depot] for v in problem.vehicles]
        self.ends = [depot_node[v.end_depot] for v in problem.vehicles]


def _node_locations(problem: Problem, travel: TravelData, nodes: _Nodes) -> list[int]:
    locations = [travel.depot_location[d] for d in nodes.depot_of_node]
    locations += [travel.stop_location[s] for s in nodes.stop_ids if s is not None]
    return locations


def _service_times(problem: Problem, nodes: _Nodes) -> list[int]:
    return [0 if s is None else problem.stop(s)[2].service_s for s in nodes.stop_ids]


@dataclass(frozen=True, slots=True)
class _Lateness:
    """How late a relaxed search may be (seconds) and what each second late costs."""

    seconds: int = 0
    cost: int = 0

    @classmethod
    def of(cls, problem: Problem, options: SearchOptions) -> _Lateness:
        if not options.late or options.late <= 0:
            return cls()
        day = max(v.shift.end for v in problem.vehicles) - min(
            v.shift.start for v in problem.vehicles
        )
        return cls(int(options.late * day), options.late_cost)

    def relax(
        self, time_dim: pywrapcp.RoutingDimension, index: int, end: int, bound: int
    ) -> int:
        """The latest time allowed at ``index`` whose window ends at ``end``."""
        if self.seconds <= 0:
            return min(end, bound)
        time_dim.SetCumulVarSoftUpperBound(index, end, self.cost)
        return min(end + self.seconds, bound)


def _add_costs_and_time(
    routing: pywrapcp.RoutingModel,
    problem: Problem,
    travel: TravelData,
    nodes: _Nodes,
    late: _Lateness,
) -> pywrapcp.RoutingDimension:
    locations = _node_locations(problem, travel, nodes)
    service = _service_times(problem, nodes)
    time_index: dict[str, int] = {}
    for profile, matrix in travel.matrices.items():
        dist = [[matrix.distances_m[a][b] for b in locations] for a in locations]
        dur = [
            [service[i] + matrix.durations_s[a][b] for b in locations]
            for i, a in enumerate(locations)
        ]
        cost_index = routing.RegisterTransitMatrix(dist)
        time_index[profile] = routing.RegisterTransitMatrix(dur)
        for v, vehicle in enumerate(problem.vehicles):
            if vehicle.profile == profile:
                routing.SetArcCostEvaluatorOfVehicle(cost_index, v)
    horizon = max(v.shift.end for v in problem.vehicles) + late.seconds
    routing.AddDimensionWithVehicleTransits(
        [time_index[v.profile] for v in problem.vehicles],
        horizon,
        horizon,
        False,
        "time",
    )
    return routing.GetDimensionOrDie("time")


def _add_load(routing: pywrapcp.RoutingModel, problem: Problem, nodes: _Nodes) -> None:
    from_depot = any(t.pickup is None for t in problem.tasks)
    mixed = from_depot and any(t.pickup is not None for t in problem.tasks)
    demand = [0] * len(nodes.stop_ids)
    preload = [0] * len(nodes.stop_ids)
    for task in problem.tasks:
        if task.pickup is not None:
            demand[nodes.node_of[task.pickup.id]] = task.items
            if task.delivery is not None:
                demand[nodes.node_of[task.delivery.id]] = -task.items
        elif task.delivery is not None:
            node = nodes.node_of[task.delivery.id]
            # Delivery-only routes can count items up from zero; once pickups share
            # the route, the load must start at the preloaded items and go down.
            demand[node] = -task.items if mixed else task.items
            preload[node] = task.items
    capacities = [v.capacity for v in problem.vehicles]
    load = routing.RegisterUnaryTransitVector(demand)
    routing.AddDimensionWithVehicleCapacity(load, 0, capacities, not mixed, "load")
    if not mixed:
        return
    pre = routing.RegisterUnaryTransitVector(preload)
    routing.AddDimensionWithVehicleCapacity(pre, 0, capacities, True, "preload")
    load_dim = routing.GetDimensionOrDie("load")
    pre_dim = routing.GetDimensionOrDie("preload")
    for v in range(len(problem.vehicles)):
        routing.solver().Add(
            load_dim.CumulVar(routing.Start(v)) == pre_dim.CumulVar(routing.End(v))
        )


def _add_tasks(
    routing: pywrapcp.RoutingModel,
    manager: pywrapcp.RoutingIndexManager,
    problem: Problem,
    nodes: _Nodes,
    time_dim: pywrapcp.RoutingDimension,
    hard_must_serve: bool = False,
    late: _Lateness = _Lateness(),
) -> None:
    solver = routing.solver()
    vehicle_number = {v.id: i for i, v in enumerate(problem.vehicles)}
    locked_tasks = problem.locked_task_ids()
    horizon = max(v.shift.end for v in problem.vehicles)
    for task in problem.tasks:
        indices = [manager.NodeToIndex(nodes.node_of[s.id]) for s in task.stops]
        for index, stop in zip(indices, task.stops, strict=True):
            if stop.windows:
                _restrict_to_windows(
                    routing, time_dim, index, stop.windows, horizon, late
                )
            if task.vehicle_ids:
                allowed = [vehicle_number[v] for v in task.vehicle_ids]
                # -1 keeps the task droppable; the SWIG wrapper of
                # SetAllowedVehiclesForIndex rejects Python lists in 9.15.
                routing.VehicleVar(index).SetValues([-1, *allowed])
        if len(indices) == 2:
            pickup, delivery = indices
            routing.AddPickupAndDelivery(pickup, delivery)
            solver.Add(routing.VehicleVar(pickup) == routing.VehicleVar(delivery))
            solver.Add(time_dim.CumulVar(pickup) <= time_dim.CumulVar(delivery))
        if task.id in locked_tasks or (hard_must_serve and task.penalty is None):
            continue
        penalty = MUST_SERVE_PENALTY if task.penalty is None else task.penalty
        share = penalty // len(indices)
        for position, index in enumerate(indices):
            part = penalty - share * (len(indices) - 1) if position == 0 else share
            routing.AddDisjunction([index], max(part, 1))


def _restrict_to_windows(
    routing: pywrapcp.RoutingModel,
    time_dim: pywrapcp.RoutingDimension,
    index: int,
    windows: Sequence[TimeWindow],
    horizon: int,
    late: _Lateness = _Lateness(),
) -> None:
    # Windows past every shift would make the domain empty, which OR-Tools reports
    # as a failure of the whole model; such a stop is simply never visited.
    usable = [w for w in windows if w.start <= horizon]
    if not usable:
        routing.ActiveVar(index).SetValue(0)
        return
    cumul = time_dim.CumulVar(index)
    latest = late.relax(time_dim, index, usable[-1].end, horizon + late.seconds)
    cumul.SetRange(usable[0].start, latest)
    for before, after in itertools.pairwise(usable):
        cumul.RemoveInterval(before.end + 1, after.start - 1)


def _add_vehicles(
    routing: pywrapcp.RoutingModel,
    manager: pywrapcp.RoutingIndexManager,
    problem: Problem,
    nodes: _Nodes,
    time_dim: pywrapcp.RoutingDimension,
    late: _Lateness = _Lateness(),
) -> None:
    for v, vehicle in enumerate(problem.vehicles):
        start, end = routing.Start(v), routing.End(v)
        time_dim.CumulVar(start).SetRange(vehicle.shift.start, vehicle.shift.end)
        latest = late.relax(
            time_dim, end, vehicle.shift.end, vehicle.shift.end + late.seconds
        )
        time_dim.CumulVar(end).SetRange(vehicle.shift.start, latest)
        if vehicle.max_duration_s is not None:
            time_dim.SetSpanUpperBoundForVehicle(vehicle.max_duration_s, v)
        if vehicle.fixed_cost:
            routing.SetFixedCostOfVehicle(vehicle.fixed_cost, v)
        previous = routing.Start(v)
        for stop_id in vehicle.locked_stop_ids:
            index = manager.NodeToIndex(nodes.node_of[stop_id])
            routing.NextVar(previous).SetValue(index)
            routing.VehicleVar(index).SetValue(v)
            previous = index


def _parameters(
    problem: Problem,
    options: SearchOptions,
    time_limit_s: float,
    solution_limit: int | None,
) -> pywrapcp.DefaultRoutingSearchParameters:
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = getattr(
        routing_enums_pb2.FirstSolutionStrategy, options.first_solution
    )
    params.local_search_metaheuristic = getattr(
        routing_enums_pb2.LocalSearchMetaheuristic, options.metaheuristic
    )
    params.time_limit.FromMilliseconds(max(1, int(time_limit_s * 1000)))
    if solution_limit is not None:
        params.solution_limit = solution_limit
    if options.gls_lambda is not None:
        params.guided_local_search_lambda_coefficient = options.gls_lambda
    params.guided_local_search_penalize_with_vehicle_classes = (
        options.gls_courier_classes
    )
    lns = options.insertion_lns
    if lns is None:
        lns = problem.has_pairs()
    if lns:
        for name in _INSERTION_LNS:
            setattr(params.local_search_operators, name, optional_boolean_pb2.BOOL_TRUE)
    if options.full_propagation:
        params.use_full_propagation = True
    if options.neighbors_ratio is not None:
        params.ls_operator_neighbors_ratio = options.neighbors_ratio
        params.ls_operator_min_neighbors = 10
    return params


def solve(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    time_limit_s: float,
    solution_limit: int | None = None,
    warm_routes: Sequence[Sequence[str]] | None = None,
    collect: Callable[[list[list[str]]], None] | None = None,
    idle: Collection[int] = (),
) -> RawSolution | None:
    """Build the OR-Tools model and search; None when OR-Tools finds nothing.

    ``idle``: vehicles (indices) that serve nothing in this search (a round with one
    courier fewer, ``routing.cooperate``).

    ``collect``, if given, receives every solution the search accepts (stop ids per
    vehicle), e.g. ``routing.pool.RoutePool.add``.

    With ``options.fleet_phase`` and no warm start, that share of the time is first
    spent on the same problem with a high fixed cost per courier; its routes (few,
    full couriers) then seed the search for the real objective.
    """
    began = time.monotonic()
    if options.fleet_phase > 0 and warm_routes is None and solution_limit is None:
        fleet = _solve_once(
            _with_courier_cost(problem, travel),
            travel,
            options=options,
            time_limit_s=time_limit_s * options.fleet_phase,
            solution_limit=None,
            warm_routes=None,
        )
        if fleet is not None:
            warm_routes = [list(route) for route in fleet.routes]
    raw = _solve_once(
        problem,
        travel,
        options=options,
        time_limit_s=max(0.05, time_limit_s - (time.monotonic() - began)),
        solution_limit=solution_limit,
        warm_routes=warm_routes,
        began=began,
        collect=collect,
        idle=idle,
    )
    if raw is None and options.hard_must_serve:
        # Hard must-serve stops leave OR-Tools nothing to return when one cannot be
        # placed; the soft model then says which task is the obstacle and why.
        raw = _solve_once(
            problem,
            travel,
            options=dataclasses.replace(options, hard_must_serve=False),
            time_limit_s=max(0.05, time_limit_s - (time.monotonic() - began)),
            solution_limit=solution_limit,
            warm_routes=warm_routes,
            began=began,
        )
    return raw


def _with_courier_cost(problem: Problem, travel: TravelData) -> Problem:
    """The problem with every courier costing more than any route is likely to."""
    longest = max(
        max(max(row) for row in matrix.distances_m) if matrix.distances_m else 0
        for matrix in travel.matrices.values()
    )
    extra = 10 * max(longest, 1)
    vehicles = tuple(
        dataclasses.replace(v, fixed_cost=v.fixed_cost + extra)
        for v in problem.vehicles
    )
    return dataclasses.replace(problem, vehicles=vehicles)


def _solve_once(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    time_limit_s: float,
    solution_limit: int | None,
    warm_routes: Sequence[Sequence[str]] | None,
    began: float | None = None,
    collect: Callable[[list[list[str]]], None] | None = None,
    idle: Collection[int] = (),
) -> RawSolution | None:
    began = time.monotonic() if began is None else began
    nodes = _Nodes(problem)
    manager = pywrapcp.RoutingIndexManager(
        len(nodes.stop_ids), len(problem.vehicles), nodes.starts, nodes.ends
    )
    routing = pywrapcp.RoutingModel(manager)
    late = _Lateness.of(problem, options)
    time_dim = _add_costs_and_time(routing, problem, travel, nodes, late)
    _add_load(routing, problem, nodes)
    _add_tasks(
        routing, manager, problem, nodes, time_dim, options.hard_must_serve, late
    )
    _add_vehicles(routing, manager, problem, nodes, time_dim, late)
    for v in idle:
        for node in nodes.node_of.values():
            routing.VehicleVar(manager.NodeToIndex(node)).RemoveValue(v)
    params = _parameters(problem, options, time_limit_s, solution_limit)
    # The callback must outlive the search: OR-Tools keeps no reference to it.
    readers = (
        [_collect_solutions(routing, manager, nodes, len(problem.vehicles), collect)]
        if collect is not None
        else []
    )
    solution = None
    if warm_routes is not None:
        routing.CloseModelWithParameters(params)
        indices = [
            [manager.NodeToIndex(nodes.node_of[s]) for s in route]
            for route in warm_routes
        ]
        initial = routing.ReadAssignmentFromRoutes(indices, True)
        if initial is not None:
            solution = routing.SolveFromAssignmentWithParameters(initial, params)
    if solution is None:
        solution = routing.SolveWithParameters(params)
    readers.clear()
    if solution is None:
        return None
    routes: list[tuple[str, ...]] = []
    starts: list[tuple[int, ...]] = []
    for v in range(len(problem.vehicles)):
        stops: list[str] = []
        times: list[int] = []
        index = solution.Value(routing.NextVar(routing.Start(v)))
        while not routing.IsEnd(index):
            stop_id = nodes.stop_ids[manager.IndexToNode(index)]
            assert stop_id is not None
            stops.append(stop_id)
            times.append(solution.Value(time_dim.CumulVar(index)))
            index = solution.Value(routing.NextVar(index))
        routes.append(tuple(stops))
        starts.append(tuple(times))
    return RawSolution(
        routes=tuple(routes),
        starts=tuple(starts),
        objective=solution.ObjectiveValue(),
        status=_status_name(routing.status()),
        wall_time_s=time.monotonic() - began,
        strategy=options.label,
    )


def _collect_solutions(
    routing: pywrapcp.RoutingModel,
    manager: pywrapcp.RoutingIndexManager,
    nodes: _Nodes,
    vehicles: int,
    collect: Callable[[list[list[str]]], None],
) -> Callable[[], None]:
    """Hand every solution the search accepts, as stop ids per vehicle, to ``collect``.

    Consecutive solutions of the same cost are read once (guided local search often
    accepts moves that change nothing of the real cost).
    """
    last = [-1]
    stop_ids = nodes.stop_ids
    next_vars = [routing.NextVar(i) for i in range(routing.Size())]
    starts = [routing.Start(v) for v in range(vehicles)]
    size = routing.Size()

    def read() -> None:
        # The cost variable exists only once the model is closed, after this is set up.
        value = routing.CostVar().Value()
        if value == last[0]:
            return
        last[0] = value
        routes: list[list[str]] = []
        for start in starts:
            stops: list[str] = []
            index = next_vars[start].Value()
            while index < size and not routing.IsEnd(index):
                stop_id = stop_ids[manager.IndexToNode(index)]
                assert stop_id is not None
                stops.append(stop_id)
                index = next_vars[index].Value()
            routes.append(stops)
        collect(routes)

    routing.AddAtSolutionCallback(read)
    return read


def _status_name(status: int) -> str:
    try:
        return str(routing_enums_pb2.RoutingSearchStatus.Value.Name(status))
    except ValueError:
        return str(status)


__all__ = ["MUST_SERVE_PENALTY", "RawSolution", "SearchOptions", "solve"]
