"""Why a task was dropped: decided by trying it alone on each courier, without OR-Tools."""

from __future__ import annotations

from routing.distances import TravelData
from routing.model import Problem, Task
from routing.plan import DroppedTask, DropReason
from routing.schedule import route_violations, schedule_route


def explain_drop(problem: Problem, travel: TravelData, task: Task) -> DroppedTask:
    """Classify a dropped task: too big, unreachable, or crowded out."""
    allowed = [
        v for v in problem.vehicles if not task.vehicle_ids or v.id in task.vehicle_ids
    ]
    big_enough = [v for v in allowed if v.capacity >= task.items]
    if not big_enough:
        largest = max(v.capacity for v in allowed)
        return DroppedTask(
            task.id,
            DropReason.CAPACITY,
            f"{task.items} items, the largest courier carries {largest}",
        )
    stop_ids = [s.id for s in task.stops]
    for vehicle in big_enough:
        route = schedule_route(problem, travel, vehicle, stop_ids)
        if not route_violations(problem, vehicle, route):
            return DroppedTask(
                task.id,
                DropReason.CROWDED_OUT,
                f"courier {vehicle.id} could serve it alone, but not alongside the "
                "tasks kept, at less than its penalty",
            )
    return DroppedTask(
        task.id,
        DropReason.UNREACHABLE,
        "no courier can reach its stops within their time windows, the shift and "
        "the maximum route duration",
    )
