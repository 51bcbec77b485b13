"""Lower bounds on the Solomon gaps: where a distance-only reference cannot be reached.

    PYTHONPATH=.:benchmarks/routing python benchmarks/routing/bounds.py

The distance-only references of ``BKS.vroom-scripts.json`` (``R109_distance`` etc.)
come from heuristic papers. The exact methods of the literature solved the Solomon
instances to optimality with every distance (and so every travel time) truncated to
one decimal. That problem is a relaxation of ours (double precision): each arc is
shorter or equal, so every plan feasible here is feasible there and no longer. Its
optimum is therefore a lower bound on the distance of any feasible plan here, and
where it lies above a reference, no solver can reach that reference.

``OPTIMUM_TRUNCATED`` holds the optima (distance, couriers) of Solomon's table of
optimal VRPTW solutions (http://web.cba.neu.edu/~msolomon/problems.htm, the page the
benchmark README cites) for 30 instances, as a public copy of that table lists them;
the others' were not at hand. The script prints, for each, the smallest gap any
feasible plan can have.
"""

from __future__ import annotations

from instances import all_instances, best_known

# Solomon 100-customer instances: optimum with distances truncated to one decimal
# (distance, couriers).
OPTIMUM_TRUNCATED: dict[str, tuple[float, int]] = {
    "C101": (827.3, 10),
    "C102": (827.3, 10),
    "C103": (826.3, 10),
    "C104": (822.9, 10),
    "C105": (827.3, 10),
    "C106": (827.3, 10),
    "C107": (827.3, 10),
    "C108": (827.3, 10),
    "C109": (827.3, 10),
    "C201": (589.1, 3),
    "C202": (589.1, 3),
    "C203": (588.7, 3),
    "C204": (588.1, 3),
    "C205": (586.4, 3),
    "C206": (586.0, 3),
    "C207": (585.8, 3),
    "C208": (585.8, 3),
    "R101": (1637.7, 20),
    "R102": (1466.6, 18),
    "R103": (1208.7, 14),
    "R105": (1355.3, 15),
    "R106": (1234.6, 13),
    "R107": (1064.6, 11),
    "R109": (1146.9, 13),
    "R110": (1068.0, 12),
    "R111": (1048.7, 12),
    "RC101": (1619.8, 15),
    "RC102": (1457.4, 14),
    "RC103": (1258.0, 11),
    "RC105": (1513.7, 15),
}


def least_gap(name: str, reference: float) -> float:
    """The smallest gap (%) to ``reference`` that a feasible plan of ``name`` can
    have: 0 where the bound is below the reference (or unknown here)."""
    bound = OPTIMUM_TRUNCATED.get(name)
    if bound is None or bound[0] <= reference:
        return 0.0
    return 100 * (bound[0] - reference) / reference


def main() -> None:
    total = 0.0
    instances = all_instances("solomon")
    for instance in instances:
        if instance.name not in OPTIMUM_TRUNCATED:
            continue
        reference, _ = best_known(instance)
        bound, couriers = OPTIMUM_TRUNCATED[instance.name]
        least = least_gap(instance.name, reference)
        total += least
        mark = "  <- the reference is below the bound" if least > 0 else ""
        print(
            f"{instance.name:6} reference {reference:8.2f}  bound {bound:7.1f} "
            f"({couriers:2} couriers)  least gap {least:5.2f} %{mark}"
        )
    print(
        f"least mean gap over all {len(instances)} Solomon instances: "
        f"{total / len(instances):.3f} %"
    )


if __name__ == "__main__":
    main()
