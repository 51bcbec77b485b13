"""Independent double-precision checker for benchmark routes (customer ids per route).

It reads only the instance: no routing code. Times are compared exactly (no
tolerance is needed: the planner rounds travel times up, so its schedules are never
earlier than the exact ones, and the windows are integers).
"""

from __future__ import annotations

from instances import Instance

EPS = 1e-9


def check_routes(
    instance: Instance, routes: list[list[int]]
) -> tuple[list[str], float]:
    """Return (violations, total Euclidean distance) of routes of customer ids."""
    problems: list[str] = []
    seen: dict[int, tuple[int, int]] = {}
    total = 0.0
    if sum(1 for r in routes if r) > instance.vehicles:
        problems.append(
            f"{sum(1 for r in routes if r)} routes > {instance.vehicles} vehicles"
        )
    for r, route in enumerate(routes):
        if not route:
            continue
        clock, load, here = float(instance.depot.ready), 0, 0
        if instance.kind == "solomon":
            load = sum(instance.node(c).demand for c in route)
            if load > instance.capacity:
                problems.append(f"route {r}: {load} > capacity")
        for position, c in enumerate(route):
            if c in seen or not 1 <= c <= len(instance.customers):
                problems.append(f"customer {c} repeated or unknown")
            seen[c] = (r, position)
            node = instance.node(c)
            total += instance.dist(here, c)
            clock = max(clock + instance.dist(here, c), node.ready)
            if clock > node.due + EPS:
                problems.append(
                    f"customer {c}: service at {clock:.4f} > due {node.due}"
                )
            clock += node.service
            if instance.kind == "lilim":
                load += node.demand
                if load > instance.capacity:
                    problems.append(f"route {r}: load {load} at {c}")
            here = c
        total += instance.dist(here, 0)
        if clock + instance.dist(here, 0) > instance.depot.due + EPS:
            problems.append(f"route {r}: back after the depot closes")
    missing = set(range(1, len(instance.customers) + 1)) - set(seen)
    if missing:
        problems.append(f"{len(missing)} customers not served")
    if instance.kind == "lilim":
        for c in seen:
            node = instance.node(c)
            if node.demand > 0:
                p, d = seen[c], seen.get(node.delivery)
                if d is None or d[0] != p[0] or d[1] < p[1]:
                    problems.append(f"pair {c}->{node.delivery} split or reversed")
    return problems, total
