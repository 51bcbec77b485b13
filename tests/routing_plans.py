"""The plan the planner would report for given stop sequences (routing unit tests)."""

from __future__ import annotations

from typing import Any

import pytest

from routing import Plan, Problem, SolverStats
from routing.construct import plan_cost
from routing.distances import TravelData
from routing.reasons import explain_drop
from routing.schedule import schedule_route


def as_plan(problem: Problem, travel: TravelData, routes: list[list[str]]) -> Plan:
    """The plan the planner reports for these stop sequences."""
    scheduled = tuple(
        schedule_route(problem, travel, v, r)
        for v, r in zip(problem.vehicles, routes, strict=True)
    )
    served = {s.task_id for r in scheduled for s in r.stops}
    dropped = tuple(
        explain_drop(problem, travel, t) for t in problem.tasks if t.id not in served
    )
    return Plan(
        scheduled, dropped, plan_cost(problem, travel, routes), SolverStats("", 0, "")
    )


def spy_on(
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    results: list[Any] | None = None,
) -> list[dict[str, Any]]:
    """Record the keyword arguments of every call to ``module.name`` (the real function
    runs; its answers go to ``results`` if given)."""
    calls: list[dict[str, Any]] = []
    real = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        answer = real(*args, **kwargs)
        if results is not None:
            results.append(answer)
        return answer

    monkeypatch.setattr(module, name, spy)
    return calls
