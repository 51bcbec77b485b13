"""Cross-check our Solomon reader against PyPI's vrplib (benchmark-only dependency).

Usage: pip install vrplib; PYTHONPATH=.:benchmarks/routing python benchmarks/routing/crosscheck_reader.py
"""

from __future__ import annotations

import vrplib
from instances import SHARED, all_instances


def main() -> None:
    checked = 0
    for ours in all_instances("solomon"):
        theirs = vrplib.read_instance(
            str(SHARED / "solomon" / f"{ours.name}.txt"), instance_format="solomon"
        )
        nodes = [ours.depot, *ours.customers]
        assert theirs["vehicles"] == ours.vehicles, ours.name
        assert theirs["capacity"] == ours.capacity, ours.name
        for k, node in enumerate(nodes):
            assert tuple(theirs["node_coord"][k]) == (node.x, node.y), ours.name
            assert theirs["demand"][k] == node.demand, ours.name
            assert tuple(theirs["time_window"][k]) == (node.ready, node.due), ours.name
            assert theirs["service_time"][k] == node.service, ours.name
        checked += 1
    print(f"{checked} Solomon instances read identically by vrplib and by instances.py")
    pairs = 0
    for instance in all_instances("lilim"):
        for node in instance.customers:
            if node.demand > 0:
                partner = instance.node(node.delivery)
                assert partner.pickup == node.id and partner.demand == -node.demand
                pairs += 1
    print(f"{pairs} Li & Lim pairs point at each other with opposite demands")


if __name__ == "__main__":
    main()
