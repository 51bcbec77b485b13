"""Ruin and recreate: a nearby but different plan to start the next search from.

Guided local search is deterministic: started again from the same plan it walks the
same path and finds the same routes. Between the rounds of the two-worker search
(``routing.cooperate``) the plan to restart from is perturbed: the tasks nearest to a
randomly chosen one (a share of all tasks, never a locked one) are taken out and put
back by our own checked regret insertion (``construct.RouteBuilder``); a task that fits
nowhere is left out for the search to put back.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

from routing.construct import RouteBuilder
from routing.distances import TravelData
from routing.model import Problem, Task


def ruin_and_recreate(
    problem: Problem,
    travel: TravelData,
    routes: Sequence[Sequence[str]],
    rng: random.Random,
    *,
    share: float,
    same_couriers: bool = False,
) -> list[list[str]]:
    """The plan with ``share`` of its tasks, those around a random one, put back anew.

    With ``same_couriers`` they go back only onto couriers that were out (a plan with
    couriers kept home stays so; a task that fits nowhere there is left out).
    """
    task_of = {s.id: t for t in problem.tasks for s in t.stops}
    locked = problem.locked_task_ids()
    served = {task_of[s].id for r in routes for s in r}
    movable = [t for t in problem.tasks if t.id in served and t.id not in locked]
    if not movable:
        return [list(r) for r in routes]
    count = max(1, round(share * len(movable)))
    centre = rng.choice(movable)
    profile = problem.vehicles[0].profile
    places = [travel.stop_location[s.id] for s in centre.stops]

    def distance(task: Task) -> int:
        return min(
            travel.leg(profile, a, travel.stop_location[s.id])[0]
            for a in places
            for s in task.stops
        )

    taken = sorted(movable, key=distance)[:count]
    taken_ids = {t.id for t in taken}
    kept = [[s for s in r if task_of[s].id not in taken_ids] for r in routes]
    builder = RouteBuilder(problem, travel, kept, keep_infeasible=True)
    out = [v for v, r in enumerate(routes) if r]
    builder.insert(
        [dataclasses.replace(t, penalty=None) for t in taken],
        allowed={t.id: out for t in taken} if same_couriers else None,
    )
    return builder.stop_routes()


__all__ = ["ruin_and_recreate"]
