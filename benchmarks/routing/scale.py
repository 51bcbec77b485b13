"""Province-like days of 100 to 1,000 tasks: time to a first plan, quality over time, memory.

Usage (from the repository root; one size per process so peak memory is per size):
    PYTHONPATH=. python benchmarks/routing/scale.py --tasks 1000 --limits 10 30 60

``--by-depot off`` plans the whole day in one OR-Tools search (the behaviour below
200 tasks); ``auto`` (default) splits it by postal point from 200 tasks on.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from routing import (
    Depot,
    GeodesicProvider,
    NoRouteFound,
    Problem,
    Stop,
    Task,
    TimeWindow,
    Vehicle,
    check_plan,
    plan_routes,
)

H = 3600
OFFICE = (TimeWindow(7 * H + 1800, 11 * H + 1800), TimeWindow(13 * H + 1800, 17 * H))
CENTRE = (21.03, 105.85)


def _near(
    rng: random.Random, centre: tuple[float, float], km: float
) -> tuple[float, float]:
    return (
        centre[0] + rng.uniform(-km, km) / 111,
        centre[1] + rng.uniform(-km, km) / 104,
    )


def province_day(tasks: int, seed: int = 1) -> Problem:
    """A seeded day: postal points, agencies with a lunch break, citizens' homes."""
    rng = random.Random(seed)
    postal_points = [
        Depot(f"PP{k}", _near(rng, CENTRE, 25)) for k in range(max(2, tasks // 100))
    ]
    agencies = [_near(rng, CENTRE, 25) for _ in range(max(5, tasks // 25))]
    made: list[Task] = []
    for k in range(tasks):
        agency = Stop(f"a{k}", rng.choice(agencies), 600, OFFICE)
        point = rng.choice(postal_points)
        home_slot = rng.randrange(8 * H, 15 * H, 1800)
        home = Stop(
            f"h{k}",
            _near(rng, point.location, 8),
            300,
            (TimeWindow(home_slot, home_slot + 3 * H),),
        )
        post = Stop(f"p{k}", point.location, 120)
        kind = rng.random()
        if kind < 0.35:
            pickup, delivery = home, agency
        elif kind < 0.65:
            pickup, delivery = agency, home
        elif kind < 0.75:
            pickup, delivery = post, agency
        elif kind < 0.85:
            pickup, delivery = agency, post
        elif kind < 0.93:
            pickup, delivery = None, home
        else:
            pickup, delivery = home, None
        urgent = rng.random() < 0.3
        made.append(
            Task(
                f"t{k}",
                pickup=pickup,
                delivery=delivery,
                items=rng.randint(1, 3),
                penalty=None if urgent else rng.randint(20_000, 100_000),
            )
        )
    couriers = tuple(
        Vehicle(
            f"c{k}",
            pp.id,
            pp.id,
            TimeWindow(7 * H, 18 * H),
            capacity=25,
            max_duration_s=10 * H,
        )
        for k, pp in (
            (k, postal_points[k % len(postal_points)])
            for k in range(max(2, tasks // 10))
        )
    )
    return Problem(tuple(postal_points), couriers, tuple(made))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limits", type=float, nargs="*", default=[10, 30, 60])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--by-depot",
        choices=["auto", "on", "off"],
        default="auto",
        help="plan_routes(by_depot=None/True/False)",
    )
    args = parser.parse_args()
    by_depot = {"auto": None, "on": True, "off": False}[args.by_depot]
    provider = GeodesicProvider()
    problem = province_day(args.tasks, args.seed)
    began = time.monotonic()
    provider.matrix(
        sorted(
            {d.location for d in problem.depots}
            | {s.location for t in problem.tasks for s in t.stops}
        ),
        "motorbike",
    )
    print(
        f"{args.tasks} tasks, {len(problem.vehicles)} couriers; geodesic matrix "
        f"{time.monotonic() - began:.1f} s",
        flush=True,
    )
    for label, limit, solutions in [("first", 60.0, 1)] + [
        (f"{x:g} s", x, None) for x in args.limits
    ]:
        began = time.monotonic()
        try:
            plan = plan_routes(
                problem,
                time_limit_s=limit,
                solution_limit=solutions,
                provider=provider,
                workers=args.workers,
                by_depot=by_depot,
            )
        except NoRouteFound as error:
            print(
                f"{label:>6}: {time.monotonic() - began:6.1f} s wall  no feasible plan: "
                f"{len(error.unserved)} must-serve tasks left out",
                flush=True,
            )
            continue
        seconds = time.monotonic() - began
        violations = check_plan(problem, plan, provider=provider)
        must = sum(1 for t in problem.tasks if t.must_serve)
        print(
            f"{label:>6}: {seconds:6.1f} s wall  feasible={not violations}  "
            f"distance {plan.distance_m / 1000:8.1f} km  couriers {plan.vehicles_used:3}  "
            f"dropped {len(plan.dropped):3} (must-serve {must} all served)  "
            f"objective {plan.objective}",
            flush=True,
        )
        if violations:
            print(f"        violations: {violations[:5]}", flush=True)
        print(f"        status: {plan.stats.status}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB (largest worker process {child:.0f} MiB)")


if __name__ == "__main__":
    main()
