"""plan_routes: the library's entry point, from a problem to a checked-in plan."""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import replace
from multiprocessing.connection import Connection

from routing.cooperate import solve_together
from routing.decompose import should_decompose, solve_by_depot
from routing.distances import GeodesicProvider, TravelData, TravelTimeProvider
from routing.eliminate import solve_in_phases
from routing.model import Problem
from routing.plan import DroppedTask, NoRouteFound, Plan, Route, SolverStats
from routing.reasons import explain_drop
from routing.schedule import route_violations, schedule_route
from routing.solver import RawSolution, SearchOptions

# The second worker of a two-core portfolio searches differently, so that the two
# searches do not just repeat each other (measured in docs/benchmarks-routing.md).
ALTERNATIVE = SearchOptions(first_solution="LOCAL_CHEAPEST_INSERTION")
# Without pickup-and-delivery pairs (deliveries from and pickups to the depot only),
# the savings heuristic gives the second search a more different start, and the child
# searches 64 times per round, each time from its best plan perturbed: many local
# optima in the route pool (Solomon mean gap 1.66 -> 1.01 %; 32 gave 1.19, 128 1.05).
ALTERNATIVE_WITHOUT_PAIRS = SearchOptions(first_solution="SAVINGS", restarts=64)


def default_alternative(problem: Problem) -> SearchOptions:
    """The second worker's search when the caller names none."""
    return ALTERNATIVE if problem.has_pairs() else ALTERNATIVE_WITHOUT_PAIRS


def plan_routes(
    problem: Problem,
    *,
    time_limit_s: float = 10.0,
    solution_limit: int | None = None,
    warm_start: Plan | None = None,
    provider: TravelTimeProvider | None = None,
    options: SearchOptions | None = None,
    workers: int = 1,
    by_depot: bool | None = None,
    alternative: SearchOptions | None = None,
) -> Plan:
    """Return the cheapest plan found within ``time_limit_s``.

    Parameters
    ----------
    problem
        Depots, couriers and tasks; times in seconds from the start of the day.
    time_limit_s
        Wall-clock budget of the search (building the matrices comes on top).
    solution_limit
        Stop after this many improving solutions: with it and a generous time limit,
        the search is deterministic, which tests rely on.
    warm_start
        A previous plan whose routes seed the search; stops unknown to ``problem``
        are ignored. Stops in ``Vehicle.locked_stop_ids`` stay first on their route
        whether or not a warm start is given.
    provider
        Travel times; defaults to :class:`GeodesicProvider`.
    options
        First-solution strategy, metaheuristic and operators; see ``SearchOptions``.
    workers
        1 searches in this process; 2 also runs a differently configured search in
        a child process and keeps the cheaper plan.
    by_depot
        Plan each start depot's couriers and tasks apart, each from a first plan of
        our own (see ``routing.decompose``), on ``workers`` processes. ``None``
        (default) does so from ``DECOMPOSE_FROM`` tasks on.
    alternative
        The second worker's search (default ``default_alternative(problem)``:
        ``ALTERNATIVE``, or ``ALTERNATIVE_WITHOUT_PAIRS`` when no task is a pair;
        not used by the
        by-depot split, whose workers share the parts).

    Returns
    -------
    Plan
        One route per vehicle (empty when the courier stays home), the dropped
        optional tasks with reasons, the objective and solver statistics.

    Raises
    ------
    NoRouteFound
        When no plan found serves every must-serve task; ``unserved`` says which
        tasks and why.
    """
    began = time.monotonic()
    travel = TravelData(
        problem, provider if provider is not None else GeodesicProvider()
    )
    options = options if options is not None else SearchOptions()
    warm_routes = _warm_routes(problem, warm_start) if warm_start is not None else None
    deadline = began + time_limit_s
    if should_decompose(problem, by_depot):
        raw: RawSolution | None = solve_by_depot(
            problem,
            travel,
            options=replace(options, late=None),
            deadline=deadline,
            solution_limit=solution_limit,
            warm_routes=warm_routes,
            workers=workers,
        )
    else:
        second = (
            alternative if alternative is not None else default_alternative(problem)
        )
        raw = _search(
            problem,
            travel,
            (options, second),
            deadline,
            solution_limit,
            warm_routes,
            workers,
        )
    if raw is None:
        raise NoRouteFound("OR-Tools found no plan within the time limit")
    routes = tuple(
        _route(problem, travel, v, raw) for v in range(len(problem.vehicles))
    )
    served = {s.task_id for r in routes for s in r.stops}
    dropped = tuple(
        explain_drop(problem, travel, t) for t in problem.tasks if t.id not in served
    )
    unserved = tuple(d for d in dropped if _must_serve(problem, d))
    if unserved:
        names = ", ".join(f"{d.task_id} ({d.reason})" for d in unserved)
        raise NoRouteFound(f"must-serve tasks left out: {names}", unserved)
    stats = SolverStats(
        status=raw.status,
        wall_time_s=time.monotonic() - began,
        strategy=raw.strategy,
        workers=workers,
        warm_started=warm_routes is not None,
    )
    return Plan(routes=routes, dropped=dropped, objective=raw.objective, stats=stats)


def _must_serve(problem: Problem, dropped: DroppedTask) -> bool:
    task = next(t for t in problem.tasks if t.id == dropped.task_id)
    return task.must_serve


def _route(problem: Problem, travel: TravelData, v: int, raw: RawSolution) -> Route:
    vehicle = problem.vehicles[v]
    route = schedule_route(problem, travel, vehicle, raw.routes[v])
    if route_violations(problem, vehicle, route):
        # Earliest service can miss a maximum duration that the solver met by taking
        # a later window: then its own service times are the schedule.
        route = schedule_route(problem, travel, vehicle, raw.routes[v], raw.starts[v])
    return route


def _search(
    problem: Problem,
    travel: TravelData,
    portfolio: tuple[SearchOptions, SearchOptions],
    deadline: float,
    solution_limit: int | None,
    warm_routes: list[list[str]] | None,
    workers: int,
) -> RawSolution | None:
    options, second = portfolio

    def remaining() -> float:
        return max(0.05, deadline - time.monotonic())

    if workers > 1 and solution_limit is None:
        return solve_together(
            problem,
            travel,
            options=options,
            second=second,
            time_limit_s=remaining(),
            warm_routes=warm_routes,
        )
    # Only the two-worker search goes through late plans (and makes them punctual).
    options, second = (replace(o, late=None) for o in (options, second))
    if workers <= 1:
        return solve_in_phases(
            problem,
            travel,
            options=options,
            time_limit_s=remaining(),
            solution_limit=solution_limit,
            warm_routes=warm_routes,
        )
    # A bare Process, not a Pool: a Pool hands work to its child from a helper
    # thread, which OR-Tools starves by holding the GIL for the whole search, so the
    # two searches would run one after the other.
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_solve_in_child,
        args=(
            sender,
            problem,
            travel,
            second,
            time.time() + remaining(),
            solution_limit,
            warm_routes,
        ),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        mine = solve_in_phases(
            problem,
            travel,
            options=options,
            time_limit_s=remaining(),
            solution_limit=solution_limit,
            warm_routes=warm_routes,
        )
        theirs: RawSolution | None = receiver.recv() if receiver.poll(60.0) else None
    except EOFError:
        theirs = None
    finally:
        receiver.close()
        child.join(5.0)
        if child.is_alive():
            child.terminate()
    found = [r for r in (mine, theirs) if r is not None]
    return min(found, key=lambda r: r.objective) if found else None


def _solve_in_child(
    sender: Connection,
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    wall_deadline: float,
    solution_limit: int | None,
    warm_routes: list[list[str]] | None,
) -> None:
    """Entry point of the second worker: solve and send the raw solution back."""
    # The deadline is on the wall clock because a monotonic clock need not be shared
    # between processes (it is not in some sandboxes); the child's start-up thus
    # comes out of its own budget.
    time_limit_s = max(0.05, wall_deadline - time.time())
    with sender:
        sender.send(
            solve_in_phases(
                problem,
                travel,
                options=options,
                time_limit_s=time_limit_s,
                solution_limit=solution_limit,
                warm_routes=warm_routes,
            )
        )


def _warm_routes(problem: Problem, plan: Plan) -> list[list[str]]:
    """Routes of a previous plan made consistent with this problem."""
    previous = {r.vehicle_id: [s.stop_id for s in r.stops] for r in plan.routes}
    routes: list[list[str]] = []
    for vehicle in problem.vehicles:
        locked = list(vehicle.locked_stop_ids)
        kept = [
            s
            for s in previous.get(vehicle.id, [])
            if problem.has_stop(s) and s not in locked
        ]
        route = locked + kept
        # A pickup without its delivery on the same route (or the reverse) would
        # make the whole warm start invalid, so such halves are left out.
        on_route = set(route)
        complete = [
            s
            for s in route
            if all(x.id in on_route for x in problem.stop(s)[0].stops) or s in locked
        ]
        routes.append(complete)
    seen: set[str] = set()
    for route in routes:
        unique = [s for s in route if s not in seen]
        seen.update(unique)
        route[:] = unique
    return routes
