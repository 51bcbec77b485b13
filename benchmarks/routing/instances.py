"""Readers for the Solomon VRPTW and Li & Lim PDPTW files, and their conversion to routing."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from routing import Depot, Problem, Stop, Task, TimeWindow, Vehicle

SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
# Coordinates are scaled by this factor into integer arcs for OR-Tools; scores and
# feasibility are recomputed from the routes in double precision (check.py).
SCALE = 1000


@dataclass(frozen=True)
class Node:
    id: int
    x: float
    y: float
    demand: int
    ready: int
    due: int
    service: int
    pickup: int = 0
    delivery: int = 0


@dataclass(frozen=True)
class Instance:
    name: str
    family: str
    vehicles: int
    capacity: int
    depot: Node
    customers: tuple[Node, ...]

    @property
    def kind(self) -> str:
        return "lilim" if self.family[0] == "l" else "solomon"

    def node(self, node_id: int) -> Node:
        return self.depot if node_id == 0 else self.customers[node_id - 1]

    def dist(self, a: int, b: int) -> float:
        na, nb = self.node(a), self.node(b)
        return math.hypot(na.x - nb.x, na.y - nb.y)


def read_solomon(path: Path) -> Instance:
    lines = path.read_text().splitlines()
    vehicles, capacity = map(int, lines[4].split())
    rows = [list(map(float, line.split())) for line in lines[9:] if line.strip()]
    nodes = [
        Node(int(r[0]), r[1], r[2], int(r[3]), int(r[4]), int(r[5]), int(r[6]))
        for r in rows
    ]
    assert [n.id for n in nodes] == list(range(len(nodes)))
    return Instance(
        path.stem, _family(path.stem), vehicles, capacity, nodes[0], tuple(nodes[1:])
    )


def read_lilim(path: Path) -> Instance:
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    vehicles, capacity, _speed = map(int, lines[0].split())
    nodes = []
    for line in lines[1:]:
        r = line.split()
        nodes.append(
            Node(
                int(r[0]),
                float(r[1]),
                float(r[2]),
                int(r[3]),
                int(r[4]),
                int(r[5]),
                int(r[6]),
                int(r[7]),
                int(r[8]),
            )
        )
    assert [n.id for n in nodes] == list(range(len(nodes)))
    return Instance(
        path.stem, _family(path.stem), vehicles, capacity, nodes[0], tuple(nodes[1:])
    )


def _family(name: str) -> str:
    letters = "".join(c for c in name if c.isalpha())
    return f"{letters}{name[len(letters)]}"  # C1, RC2, lc1, lrc2, ...


def all_instances(kind: str) -> list[Instance]:
    if kind == "solomon":
        return [read_solomon(p) for p in sorted((SHARED / "solomon").glob("*.txt"))]
    return [read_lilim(p) for p in sorted((SHARED / "lilim").glob("*.txt"))]


def best_known(instance: Instance) -> tuple[float, int]:
    """(distance, vehicles) of the reference: distance-only for Solomon, else hierarchical."""
    table = json.loads((SHARED / instance.kind / "BKS.vroom-scripts.json").read_text())
    key = f"{instance.name}_distance" if instance.kind == "solomon" else instance.name
    entry = table[key]
    return float(entry["best_known_cost"]), int(entry["solved_with_vehicles"])


def hierarchical_best_known(instance: Instance) -> tuple[float, int]:
    table = json.loads((SHARED / instance.kind / "BKS.vroom-scripts.json").read_text())
    entry = table[instance.name]
    return float(entry["best_known_cost"]), int(entry["solved_with_vehicles"])


def to_problem(instance: Instance, fixed_cost: int = 0) -> Problem:
    """Scaled integer problem: coordinates, times and service times × SCALE."""
    s = SCALE

    def stop(n: Node) -> Stop:
        return Stop(
            str(n.id), (n.x, n.y), n.service * s, (TimeWindow(n.ready * s, n.due * s),)
        )

    tasks: list[Task] = []
    if instance.kind == "solomon":
        tasks = [
            Task(str(n.id), delivery=stop(n), items=n.demand)
            for n in instance.customers
        ]
    else:
        for n in instance.customers:
            if n.demand > 0:
                d = instance.node(n.delivery)
                tasks.append(
                    Task(str(n.id), pickup=stop(n), delivery=stop(d), items=n.demand)
                )
    depot = instance.depot
    shift = TimeWindow(depot.ready * s, depot.due * s)
    vehicles = tuple(
        Vehicle(f"v{k}", "D", "D", shift, instance.capacity, fixed_cost=fixed_cost)
        for k in range(instance.vehicles)
    )
    return Problem((Depot("D", (depot.x, depot.y)),), vehicles, tuple(tasks))
