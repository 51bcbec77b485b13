"""Solve the Solomon and Li & Lim instances and print feasibility, vehicles, gap, time.

Usage (from the repository root):
    PYTHONPATH=.:benchmarks/routing python benchmarks/routing/run.py \
        --kind all --time-limit 10 --workers 1 --json /tmp/run.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import sys
import time

from check import check_routes
from instances import (
    SCALE,
    Instance,
    all_instances,
    best_known,
    hierarchical_best_known,
    to_problem,
)

from routing import EuclideanProvider, NoRouteFound, SearchOptions, plan_routes
from routing.planner import default_alternative


def solve(instance: Instance, args: argparse.Namespace) -> dict[str, object]:
    fixed = args.fixed_cost * SCALE
    problem = to_problem(instance, fixed_cost=fixed)
    options = _with_overrides(
        SearchOptions(
            first_solution=args.first_solution,
            metaheuristic=args.metaheuristic,
            insertion_lns={"auto": None, "on": True, "off": False}[args.insertion_lns],
        ),
        args.set,
    )
    alternative = (
        _with_overrides(default_alternative(problem), args.second)
        if args.second is not None
        else None
    )
    began = time.monotonic()
    cpu_before = _cpu_seconds()
    try:
        plan = plan_routes(
            problem,
            provider=EuclideanProvider(scale=SCALE),
            time_limit_s=args.time_limit,
            options=options,
            workers=args.workers,
            alternative=alternative,
        )
    except NoRouteFound as error:
        return {
            "name": instance.name,
            "family": instance.family,
            "feasible": False,
            "error": str(error),
            "seconds": time.monotonic() - began,
        }
    seconds = time.monotonic() - began
    cpu = _cpu_seconds() - cpu_before
    routes = [[int(s.stop_id) for s in r.stops] for r in plan.routes]
    violations, distance = check_routes(instance, routes)
    bks, bks_vehicles = best_known(instance)
    _, hier_vehicles = hierarchical_best_known(instance)
    return {
        "name": instance.name,
        "family": instance.family,
        "feasible": not violations,
        "violations": violations[:3],
        "vehicles": plan.vehicles_used,
        "distance": distance,
        "bks": bks,
        "bks_vehicles": bks_vehicles,
        "hierarchical_bks_vehicles": hier_vehicles,
        "gap": 100 * (distance - bks) / bks,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "strategy": plan.stats.strategy,
    }


def _with_overrides(options: SearchOptions, settings: list[str]) -> SearchOptions:
    """``SearchOptions`` with ``field=value`` settings (bool, int, float or str)."""
    changes: dict[str, object] = {}
    for setting in settings:
        name, text = setting.split("=", 1)
        value: object
        if text in ("true", "false", "none"):
            value = {"true": True, "false": False, "none": None}[text]
        else:
            try:
                value = int(text)
            except ValueError:
                try:
                    value = float(text)
                except ValueError:
                    value = text
        changes[name] = value
    return dataclasses.replace(options, **changes)


def _cpu_seconds() -> float:
    """CPU time of this process and of finished children (the second worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def summary(rows: list[dict[str, object]], label: str) -> str:
    ok = [r for r in rows if r["feasible"]]
    gaps = [float(r["gap"]) for r in ok]  # type: ignore[arg-type]
    if not gaps:
        return f"{label:8} feasible 0/{len(rows)}"
    more = sum(1 for r in ok if r["vehicles"] > r["hierarchical_bks_vehicles"])  # type: ignore[operator]
    return (
        f"{label:8} feasible {len(ok)}/{len(rows)}  gap median {statistics.median(gaps):6.2f} %"
        f"  mean {statistics.mean(gaps):6.2f} %  max {max(gaps):6.2f} %"
        f"  vehicles {sum(r['vehicles'] for r in ok)} (hier. BKS {sum(r['hierarchical_bks_vehicles'] for r in ok)},"  # type: ignore[misc]
        f" more than BKS on {more})"
        f"  time median {statistics.median(float(r['seconds']) for r in rows):.1f} s"  # type: ignore[arg-type]
        f"  CPU median {statistics.median(float(r.get('cpu_seconds', 0)) for r in rows):.1f} s"  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=["solomon", "lilim", "all"], default="all")
    parser.add_argument("--only", nargs="*", help="instance names")
    parser.add_argument("--every", type=int, default=1, help="take every n-th instance")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--first-solution", default="PARALLEL_CHEAPEST_INSERTION")
    parser.add_argument("--metaheuristic", default="GUIDED_LOCAL_SEARCH")
    parser.add_argument(
        "--insertion-lns", choices=["auto", "on", "off"], default="auto"
    )
    parser.add_argument(
        "--fixed-cost", type=int, default=0, help="per courier, in distance units"
    )
    parser.add_argument(
        "--set",
        nargs="*",
        default=[],
        metavar="FIELD=VALUE",
        help="SearchOptions fields of the (first) search, e.g. ruin_recreate=true",
    )
    parser.add_argument(
        "--second",
        nargs="*",
        metavar="FIELD=VALUE",
        help="SearchOptions fields of the second worker, over planner.default_alternative",
    )
    parser.add_argument("--json", help="write the rows here")
    args = parser.parse_args()
    kinds = ["solomon", "lilim"] if args.kind == "all" else [args.kind]
    rows: list[dict[str, object]] = []
    for kind in kinds:
        instances = all_instances(kind)[:: args.every]
        if args.only:
            instances = [i for i in instances if i.name in args.only]
        for instance in instances:
            row = solve(instance, args)
            rows.append(row)
            if row["feasible"]:
                print(
                    f"{row['name']:8} ok  veh {row['vehicles']:3} (BKS {row['bks_vehicles']:2}) "
                    f"dist {row['distance']:9.2f} BKS {row['bks']:9.2f} gap {row['gap']:6.2f} % "
                    f"{row['seconds']:5.1f} s",
                    flush=True,
                )
            else:
                print(
                    f"{row['name']:8} INFEASIBLE {row.get('violations') or row.get('error')}",
                    flush=True,
                )
    print()
    families = sorted({str(r["family"]) for r in rows}, key=str.lower)
    for family in families:
        print(summary([r for r in rows if r["family"] == family], family))
    for kind in kinds:
        print(
            summary(
                [r for r in rows if (str(r["family"])[0] == "l") == (kind == "lilim")],
                kind,
            )
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"args": vars(args), "rows": rows}, out, indent=1)


if __name__ == "__main__":
    sys.exit(main())
