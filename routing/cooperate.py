"""Two searches that share what they find: rounds of search, then set partitioning.

The two-core portfolio used to run two OR-Tools searches side by side and keep the
cheaper plan. Here the time is cut into rounds. In each round both workers search (this
process and a child process), and every route their searches accept goes into one
``routing.pool.RoutePool``. Between rounds the pool is recombined by set partitioning:
the cheapest plan made of routes either search has seen, often cheaper than both (two
local optima hold good routes that neither combines). The next round starts near that
plan (``_next_seed``): on days with pickup-and-delivery pairs, this process from the
plan with its shortest route emptied and every courier without a route kept home (a
search for a plan with one courier fewer: its tasks put back by regret insertion,
``routing.eliminate``, and those that fit nowhere left for the search to place; the
tasks such a round left out are put back on its plan by an ejection pool,
``routing.ejection``, and if they do not fit, the next try at that fleet size empties
a route of the best plan and puts its tasks back by the ejection pool; once that
misses too, not again, but from the plan perturbed; never below the couriers that time
allows, ``eliminate.fewest_couriers``) and the child from the plan perturbed
(``routing.perturb``); on other days this
process from the plan perturbed and the child from its own best. Once this process
has a plan with fewer couriers than the best, the next rounds go on from the cheapest
plan of that fleet in the pool, perturbed on the same couriers (the child too, on
days of long routes), until the best plan has that few. The child gets its orders, and perturbs its
start itself, before this process prepares its own start, so that it does not wait
idle between rounds. Guided local search is deterministic, so a
restart from the very same plan would find the very same routes. A worker may also cut
its round into several searches (``SearchOptions.restarts``), each from its best plan so
far perturbed: many local optima in the pool (the child's default without pairs).
On days with pairs some rounds search through late plans (``routing.relax``,
``_for_round``): the rounds with a courier fewer and every other round from the second.

Measured in docs/benchmarks-routing.md ("Sharing routes between the two workers").
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import pickle
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection

from routing.distances import TravelData
from routing.ejection import put_back, remove_route
from routing.eliminate import (
    LONG_ROUTE_STOPS,
    eliminate_route,
    fewest_couriers,
    stops_per_shift,
)
from routing.model import Problem
from routing.perturb import ruin_and_recreate
from routing.pool import RoutePool
from routing.relax import search_through_late
from routing.solver import MUST_SERVE_PENALTY, RawSolution, SearchOptions, solve

# Time given to one recombination: this share of the budget, at most RECOMBINE_MAX_S
# (SCIP usually proves the optimum over a few thousand routes in 0.1 s).
RECOMBINE_SHARE = 0.05
RECOMBINE_MAX_S = 1.0
# Rounds of ``rounds=None``: with pickup-and-delivery pairs, and without (five rounds
# gave Solomon a better mean, 1.50 against 1.66 %, but a worse max, 6.28 against 5.76 %;
# docs/benchmarks-routing.md). Measured again in the eleventh session, with the
# child's restarts: no gain that six draws could show.
ROUNDS_WITH_PAIRS = 5
ROUNDS_WITHOUT_PAIRS = 1
# A restarted search gets at least this long per stop (0.1 s for Solomon's 100
# customers, where 64 restarts in 10 s fit; a larger day gets fewer, longer searches).
RESTART_S_PER_STOP = 0.001
# ``SearchOptions.late=None`` on a day with pickup-and-delivery pairs: how late (a share
# of the day) the rounds that search through late plans may be (``routing.relax``).
AUTO_LATE = 0.3
# Where the day is handed to the child (``_day_file``): memory, not disk, if any.
_SHARED_MEMORY = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Time the parent waits for the child's round beyond the round's end.
_GRACE_S = 30.0
# The rounds and recombinations end this long before the time limit: the time to give
# a recombined plan its service times (one bounded solve) and to stop the child.
# Without it, days whose last recombination used its whole budget ran 10.2-10.35 s
# on a 10 s limit (R108: the recombination ended at 10.08 s, the child's exit took
# 0.17 s more); with 0.1 s, up to 10.03 s.
FINISH_S = 0.15
# How long the child may take to exit once told to; then it is stopped (it has sent
# everything it found).
_EXIT_S = 0.05


@dataclass(frozen=True, slots=True)
class _Round:
    """The child's orders for one round: search until ``until`` (wall clock) from
    ``seed``, perturbed first if ``perturb`` (the child does it: its round starts
    while this process prepares its own)."""

    until: float
    seed: list[list[str]] | None
    perturb: bool = False
    idle: tuple[int, ...] = ()


def solve_together(
    problem: Problem,
    travel: TravelData,
    *,
    options: SearchOptions,
    second: SearchOptions,
    time_limit_s: float,
    warm_routes: Sequence[Sequence[str]] | None = None,
) -> RawSolution | None:
    """Search on two processes in ``options.rounds`` rounds, recombining in between."""
    began = time.time()
    deadline = began + max(time_limit_s / 2, time_limit_s - FINISH_S)
    rounds = max(1, options.rounds or _default_rounds(problem))
    recombine_s = min(RECOMBINE_MAX_S, RECOMBINE_SHARE * time_limit_s)
    # Unlike the one-worker phases, every day with pairs gets the round with one
    # courier fewer: the perturbed child round keeps short-horizon days searching.
    eliminate = problem.has_pairs() if options.phases is None else options.phases > 1
    context = multiprocessing.get_context("spawn")
    mine_end, child_end = context.Pipe()
    day = _day_file(problem, travel, dataclasses.replace(second, seed=options.seed))
    child = context.Process(target=_second_worker, args=(child_end, day), daemon=True)
    try:
        child.start()
    except BaseException:
        _remove(day)
        raise
    child_end.close()
    pool = RoutePool(problem, travel)
    seed: list[list[str]] | None = _copy(warm_routes)
    idle: list[int] = []
    # Fleet sizes from which a round with one courier fewer, its left-out tasks to
    # place, left tasks out: tried next from the ejection pool's plan instead.
    placed: set[int] = set()
    # Fleet sizes where that failed too: not tried again (on a day already at its
    # smallest fleet, every such round is lost time).
    failed: set[int] = set()
    # This process goes through late plans on days of short routes only: on long ones
    # (Li & Lim's type 2) its slower search lost more rounds than it won (lr204,
    # lrc208: one courier too many, 7-10 %); the child does on both.
    own = options
    long_routes = stops_per_shift(problem, travel) >= LONG_ROUTE_STOPS
    # No round searches for a plan with fewer couriers than time allows (lr207: after
    # reaching its 2 couriers, a round with 1 was lost time).
    fewest = fewest_couriers(problem, travel) if eliminate else 0
    if long_routes:
        own = dataclasses.replace(options, late=0.0)
    fleet = 0
    # The cheapest plan this process found with couriers kept home, while the best
    # plan still has more couriers: the next round with couriers kept home goes on
    # from it rather than emptying a route of the best plan again.
    fewer: RawSolution | None = None
    best: RawSolution | None = None
    recombined: list[list[str]] | None = None
    rng = random.Random(2 * options.seed)
    try:
        until = _round_end(deadline, recombine_s, rounds, 0)
        mine_end.send(_Round(until=until, seed=seed))
        for done in range(rounds):
            mine = _search_round(
                problem,
                travel,
                _for_round(problem, own, done, idle),
                _Round(until, seed),
                pool.add,
                rng,
                idle,
            )
            # A round with couriers kept home that left tasks out: the ejection pool
            # tries to put them back on its plan before the next round.
            unfinished: RawSolution | None = None
            if idle and (mine is None or mine.objective >= MUST_SERVE_PENALTY):
                (failed if fleet in placed else placed).add(fleet)
                unfinished = mine
            elif (
                idle
                and mine is not None
                and (fewer is None or mine.objective < fewer.objective)
            ):
                fewer = mine
            theirs: RawSolution | None = None
            if mine_end.poll(max(0.0, until - time.time()) + _GRACE_S):
                routes, theirs = mine_end.recv()
                for v, stops in routes:
                    pool.add_route(v, stops)
            for raw in (mine, theirs):
                if raw is not None and (best is None or raw.objective < best.objective):
                    best, recombined = raw, None
            if best is None:
                continue
            incumbent = recombined if recombined is not None else list(best.routes)
            budget = min(recombine_s, max(0.01, deadline - time.time()))
            better = pool.recombine(incumbent, budget, cover=options.cover)
            if better is not None and better.objective < best.objective:
                recombined = better.routes
                best = _with_routes(best, better.routes, better.objective)
            if done == rounds - 1:
                break
            plan = recombined if recombined is not None else _copy(best.routes) or []
            fleet = _used(plan)
            if fewer is not None and _used(fewer.routes) >= fleet:
                fewer = None
            # The child's orders first: it starts its round while this process
            # prepares its own start.
            if eliminate and fewer is not None:
                # Both workers go on from the cheapest plan with fewer couriers, the
                # child too on a day of long routes.
                seed = _cheapest_with_fleet(pool, fewer.routes, recombine_s)
                idle = [v for v, r in enumerate(seed) if not r]
                until = _round_end(deadline, recombine_s, rounds, done + 1)
                if long_routes:
                    mine_end.send(_Round(until, seed, perturb=True, idle=tuple(idle)))
                else:
                    mine_end.send(_Round(until, plan, perturb=True))
                seed = _perturbed_within_fleet(
                    problem,
                    travel,
                    options,
                    seed,
                    random.Random(done + 1000 * options.seed),
                    _ejection_s(options, time_limit_s, until),
                )
                idle = [v for v, r in enumerate(seed) if not r]
                continue
            until = _round_end(deadline, recombine_s, rounds, done + 1)
            if eliminate or theirs is None:
                mine_end.send(_Round(until, plan, perturb=True))
            else:
                mine_end.send(_Round(until, [list(r) for r in theirs.routes]))
            if unfinished is not None:
                whole = _completed(
                    problem,
                    travel,
                    unfinished.routes,
                    random.Random(done + 1000 * options.seed + 500),
                    _ejection_s(options, time_limit_s, until),
                )
                if whole is not None:
                    seed = whole
                    idle = [v for v, r in enumerate(whole) if not r]
                    continue
            shrink = eliminate and fleet not in failed and fleet > fewest
            # The search places left-out tasks first (its plans were the shorter
            # ones, lr209); where it failed, the ejection pool, once.
            pooled = fleet in placed
            seed, idle = _next_seed(
                problem,
                travel,
                dataclasses.replace(options, partial=False) if pooled else options,
                plan,
                shrink,
                random.Random(done + 1000 * options.seed),
                _ejection_s(options, time_limit_s, until) if pooled else 0.0,
            )
            if shrink and not idle:
                failed.add(fleet)
    finally:
        with contextlib.suppress(BrokenPipeError, OSError):
            mine_end.send(None)
        mine_end.close()
        child.join(_EXIT_S)
        if child.is_alive():
            child.terminate()
            child.join(5.0)
        _remove(day)
    if best is None:
        return None
    if recombined is not None:
        # A recombined plan has no service times from the solver: one bounded solve
        # from it gives them (and the plan back, or a better one).
        timed = solve(
            problem,
            travel,
            options=options,
            time_limit_s=max(1.0, deadline - time.time()),
            solution_limit=1,
            warm_routes=recombined,
        )
        if timed is not None and timed.objective <= best.objective:
            best = timed
    return _with_routes(best, [list(r) for r in best.routes], best.objective, began)


def _day_file(problem: Problem, travel: TravelData, options: SearchOptions) -> str:
    """A file holding the child's day. Passed to ``Process``, the day would be written
    to a pipe that the child empties only once it has imported OR-Tools, and this
    process would wait that long (0.4 s on a 100-customer day). The file is readable
    by this user only, in memory where the system has /dev/shm, and removed as soon as
    the child has read it (``_remove``): it holds addresses."""
    with tempfile.NamedTemporaryFile(
        prefix="routing-day-", suffix=".pickle", delete=False, dir=_SHARED_MEMORY
    ) as file:
        try:
            pickle.dump((problem, travel, options), file, pickle.HIGHEST_PROTOCOL)
        except BaseException:
            _remove(file.name)
            raise
    return file.name


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _used(routes: Sequence[Sequence[str]]) -> int:
    return sum(1 for r in routes if r)


def _cheapest_with_fleet(
    pool: RoutePool, routes: Sequence[Sequence[str]], budget_s: float
) -> list[list[str]]:
    """The cheapest plan of pooled routes with no more couriers than ``routes`` use
    (``routes`` themselves if none is cheaper)."""
    capped = pool.recombine(routes, budget_s, max_routes=_used(routes))
    return capped.routes if capped is not None else [list(r) for r in routes]


def _perturbed_within_fleet(
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    routes: list[list[str]],
    rng: random.Random,
    ejection_s: float,
) -> list[list[str]]:
    """``routes`` perturbed on the couriers already out (``routing.perturb``), the
    tasks that no longer fit put back by the ejection pool for up to ``ejection_s``
    seconds; ``routes`` as they are if they cannot be."""
    if options.ruin_share <= 0:
        return routes
    perturbed = ruin_and_recreate(
        problem, travel, routes, rng, share=options.ruin_share, same_couriers=True
    )
    served = {s for r in routes for s in r}
    left = {problem.stop(s)[0].id for s in served - {s for r in perturbed for s in r}}
    if not left:
        return perturbed
    whole = put_back(
        problem,
        travel,
        perturbed,
        left,
        deadline=time.monotonic() + ejection_s,
        rng=rng,
    )
    return whole if whole is not None else routes


def _completed(
    problem: Problem,
    travel: TravelData,
    routes: Sequence[Sequence[str]],
    rng: random.Random,
    ejection_s: float,
) -> list[list[str]] | None:
    """``routes`` with the must-serve tasks they leave out put back by the ejection
    pool within ``ejection_s`` seconds, on the couriers already out; None if not."""
    if ejection_s <= 0:
        return None
    served = {s for r in routes for s in r}
    left = {
        t.id
        for t in problem.tasks
        if t.must_serve and not any(s.id in served for s in t.stops)
    }
    if not left:
        return None
    return put_back(
        problem,
        travel,
        routes,
        task_ids=left,
        deadline=time.monotonic() + ejection_s,
        rng=rng,
    )


def _ejection_s(options: SearchOptions, time_limit_s: float, until: float) -> float:
    """Time for one try of the ejection pool between rounds: ``options.ejection`` of
    the budget, never past ``until`` (wall clock), the end of the round it starts:
    the pool runs in this process's round, and tries that outlived the round would
    delay both workers and, near the end, overrun the time limit (with 0.3 of 10 s,
    where two tries can follow one round: runs of 11-13 s)."""
    return min(options.ejection * time_limit_s, max(0.0, until - time.time()))


def _round_end(deadline: float, recombine_s: float, rounds: int, done: int) -> float:
    """When round ``done`` ends (wall clock): an equal share of the time left, after
    a recombination per round still to come."""
    left = deadline - time.time() - recombine_s * (rounds - done)
    return time.time() + max(0.05, left / (rounds - done))


def _next_seed(
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    plan: list[list[str]],
    eliminate: bool,
    rng: random.Random,
    ejection_s: float = 0.0,
) -> tuple[list[list[str]], list[int]]:
    """Where this process starts the next round, and which couriers stay home.

    With ``eliminate``: the plan with one route fewer, every courier without a route
    staying home for the round. Its tasks are put back by regret insertion
    (``routing.eliminate``), else by an ejection pool for up to ``ejection_s``
    seconds (``routing.ejection``), else (``options.partial``) as many as fit, the
    others left out for the search to place. Otherwise the plan perturbed. (The child
    starts from the plan perturbed on days with pairs, from its own best on others:
    ``solve_together``.)
    """
    if eliminate:
        emptied = eliminate_route(problem, travel, plan)
        if emptied is None and ejection_s > 0:
            emptied = remove_route(
                problem,
                travel,
                plan,
                deadline=time.monotonic() + ejection_s,
                rng=rng,
            )
        if emptied is None and options.partial:
            emptied = eliminate_route(problem, travel, plan, partial=True)
        if emptied is not None:
            # Every courier without a route stays home, not only the emptied one.
            return emptied, [v for v, r in enumerate(emptied) if not r]
    return _perturbed(problem, travel, options, plan, rng), []


def _perturbed(
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    routes: Sequence[Sequence[str]],
    rng: random.Random,
    same_couriers: bool = False,
) -> list[list[str]]:
    """``routes`` ruined and recreated (``options.ruin_share``; 0: as they are: a
    search restarted from the same plan walks the same path), on the same couriers
    if ``same_couriers``."""
    if options.ruin_share <= 0:
        return _copy(routes) or []
    return ruin_and_recreate(
        problem,
        travel,
        routes,
        rng,
        share=options.ruin_share,
        same_couriers=same_couriers,
    )


def _default_rounds(problem: Problem) -> int:
    return ROUNDS_WITH_PAIRS if problem.has_pairs() else ROUNDS_WITHOUT_PAIRS


def _second_worker(conn: Connection, day: str) -> None:
    """The child process: one round per order (``options.restarts`` searches), sending
    back its new routes and its best plan. ``day`` is a file holding the problem, its
    travel data and the child's options."""
    with open(day, "rb") as file:
        problem, travel, options = pickle.load(file)
    _remove(day)
    fresh = _FreshRoutes()
    rng = random.Random(2 * options.seed + 1)
    done = 0
    with conn:
        while True:
            try:
                orders = conn.recv()
            except EOFError:
                return
            if orders is None:
                return
            if orders.perturb and orders.seed is not None:
                seed = _perturbed(
                    problem, travel, options, orders.seed, rng, bool(orders.idle)
                )
                orders = dataclasses.replace(orders, seed=seed, perturb=False)
            raw = _search_round(
                problem,
                travel,
                _for_round(problem, options, done, orders.idle),
                orders,
                fresh.add,
                rng,
                orders.idle,
            )
            done += 1
            conn.send((fresh.take(), raw))


def _for_round(
    problem: Problem, options: SearchOptions, done: int, idle: Sequence[int] = ()
) -> SearchOptions:
    """A worker's options for its round after ``done`` rounds, ``late`` resolved: with
    late plans allowed (``options.late``; ``None``: ``AUTO_LATE`` on days with pairs),
    a round with couriers kept home and every other round (the second, the fourth, ...)
    search through late plans, the others with the real windows only. The first round
    builds the plan the others start from; on a day where late plans lead nowhere, half
    of the rounds keep their whole time."""
    late = options.late
    if late is None:
        late = AUTO_LATE if problem.has_pairs() else 0.0
    if not idle and done % 2 == 0:
        late = 0.0
    return dataclasses.replace(options, late=late)


def _search_round(
    problem: Problem,
    travel: TravelData,
    options: SearchOptions,
    orders: _Round,
    collect: Callable[[list[list[str]]], None],
    rng: random.Random,
    idle: Sequence[int] = (),
) -> RawSolution | None:
    """One worker's round: ``options.restarts`` searches, each after the first from its
    best plan so far perturbed (couriers in ``idle`` stay home); the best plan found."""
    best: RawSolution | None = None
    seed = orders.seed
    searches = _searches(problem, options, orders.until - time.time(), idle)
    for done in range(searches):
        left = orders.until - time.time()
        if left <= 0.05 and done:
            break
        # A search that found no plan at all (too short for a first solution on a
        # large day) gives the rest of the round to one last search.
        last = done == searches - 1 or (best is None and done > 0)
        search = search_through_late if options.late else solve
        raw = search(
            problem,
            travel,
            options=options,
            time_limit_s=max(0.05, left if last else left / (searches - done)),
            warm_routes=seed,
            collect=collect,
            idle=idle,
        )
        if raw is not None and (best is None or raw.objective < best.objective):
            best = raw
        if last:
            break
        if best is not None:
            seed = ruin_and_recreate(
                problem,
                travel,
                [list(r) for r in best.routes],
                rng,
                share=options.ruin_share,
            )
    return best


def _searches(
    problem: Problem, options: SearchOptions, budget_s: float, idle: Sequence[int]
) -> int:
    """How many searches a round holds: ``options.restarts``, fewer when each would get
    less than ``RESTART_S_PER_STOP`` per stop; one when couriers are kept home (a
    perturbation could hand an idle courier a route)."""
    if idle or options.restarts <= 1:
        return 1
    stops = sum(len(t.stops) for t in problem.tasks)
    fit = int(budget_s / (RESTART_S_PER_STOP * max(1, stops)))
    return max(1, min(options.restarts, fit))


class _FreshRoutes:
    """Routes (vehicle, stops) not seen before, gathered until taken."""

    def __init__(self) -> None:
        self._seen: set[tuple[int, tuple[str, ...]]] = set()
        self._fresh: list[tuple[int, tuple[str, ...]]] = []

    def add(self, routes: list[list[str]]) -> None:
        for v, stops in enumerate(routes):
            key = (v, tuple(stops))
            if stops and key not in self._seen:
                self._seen.add(key)
                self._fresh.append(key)

    def take(self) -> list[tuple[int, tuple[str, ...]]]:
        fresh, self._fresh = self._fresh, []
        return fresh


def _copy(routes: Sequence[Sequence[str]] | None) -> list[list[str]] | None:
    return [list(r) for r in routes] if routes is not None else None


def _with_routes(
    raw: RawSolution,
    routes: Sequence[Sequence[str]],
    objective: int,
    began: float | None = None,
) -> RawSolution:
    same = [tuple(r) for r in routes] == list(raw.routes)
    return RawSolution(
        routes=tuple(tuple(r) for r in routes),
        starts=raw.starts if same else tuple(() for _ in routes),
        objective=objective,
        status=raw.status,
        wall_time_s=time.time() - began if began is not None else raw.wall_time_s,
        strategy=raw.strategy,
    )


__all__ = ["solve_together"]
