"""Markdown tables from run.py's JSON files: one row per run and instance family.

Usage: python benchmarks/routing/summarise.py LABEL=/tmp/run.json [LABEL=/tmp/other.json ...]
"""

from __future__ import annotations

import json
import statistics
import sys


def line(label: str, rows: list[dict[str, object]]) -> str:
    ok = [r for r in rows if r["feasible"]]
    gaps = [float(r["gap"]) for r in ok]  # type: ignore[arg-type]
    more = sum(1 for r in ok if r["vehicles"] > r["hierarchical_bks_vehicles"])  # type: ignore[operator]
    return (
        f"| {label} | {len(ok)}/{len(rows)} | {statistics.median(gaps):.2f} / "
        f"{statistics.mean(gaps):.2f} / {max(gaps):.2f} % | "
        f"{sum(int(r['vehicles']) for r in ok)} vs {sum(int(r['hierarchical_bks_vehicles']) for r in ok)} "  # type: ignore[call-overload]
        f"({more} instances above) |"
    )


def main() -> None:
    runs = [arg.split("=", 1) for arg in sys.argv[1:]]
    print(
        "| run, set | feasible | gap median / mean / max | vehicles vs hierarchical BKS |"
    )
    print("|---|---|---|---|")
    for label, path in runs:
        with open(path) as f:
            rows = json.load(f)["rows"]
        for kind, is_lilim in (("Li & Lim", True), ("Solomon", False)):
            chosen = [r for r in rows if (str(r["family"])[0] == "l") == is_lilim]
            if chosen:
                print(line(f"{label}, {kind}", chosen))
    print()
    print("| run | family | gap median / mean / max |")
    print("|---|---|---|")
    for label, path in runs:
        with open(path) as f:
            rows = json.load(f)["rows"]
        for family in sorted(
            {str(r["family"]) for r in rows}, key=lambda x: (x[0] != "l", x.lower())
        ):
            gaps = [
                float(r["gap"]) for r in rows if r["family"] == family and r["feasible"]
            ]
            print(
                f"| {label} | {family} | {statistics.median(gaps):.2f} / "
                f"{statistics.mean(gaps):.2f} / {max(gaps):.2f} % |"
            )


if __name__ == "__main__":
    main()
