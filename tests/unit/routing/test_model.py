"""Problems are validated when built, so the solver never sees an inconsistent one."""

from __future__ import annotations

import pytest

from routing import Depot, InvalidProblem, Problem, Stop, Task, TimeWindow, Vehicle

DAY = TimeWindow(0, 86_400)
HOME = Stop("home", (21.0, 105.8))


def _problem(**changes):
    parts = {
        "depots": (Depot("PP", (21.0, 105.8)),),
        "vehicles": (Vehicle("c1", "PP", "PP", DAY, 5),),
        "tasks": (Task("t", delivery=HOME),),
    }
    parts.update(changes)
    return Problem(**parts)


@pytest.mark.parametrize(
    "build",
    [
        lambda: _problem(vehicles=(Vehicle("c1", "PP", "XX", DAY, 5),)),
        lambda: _problem(vehicles=()),
        lambda: _problem(tasks=(Task("a", delivery=HOME), Task("b", pickup=HOME))),
        lambda: _problem(
            tasks=(Task("a", delivery=HOME), Task("a", delivery=Stop("x", (0, 0))))
        ),
        lambda: _problem(
            vehicles=(Vehicle("c1", "PP", "PP", DAY, 5, locked_stop_ids=("zz",)),)
        ),
        lambda: _problem(tasks=(Task("t", delivery=HOME, vehicle_ids=("c9",)),)),
        lambda: Task("empty"),
        lambda: TimeWindow(10, 5),
        lambda: Stop("s", (0, 0), windows=(TimeWindow(0, 10), TimeWindow(5, 20))),
        lambda: Task("neg", delivery=HOME, penalty=-1),
    ],
    ids=[
        "unknown depot",
        "no courier",
        "stop id used twice",
        "task id used twice",
        "unknown locked stop",
        "unknown reserved courier",
        "task without stops",
        "window ending before it starts",
        "overlapping windows",
        "negative penalty",
    ],
)
def test_an_inconsistent_problem_is_refused_when_built(build):
    with pytest.raises(InvalidProblem):
        build()


def test_a_consistent_problem_finds_each_stop_with_its_task_and_kind():
    problem = _problem()

    task, kind, stop = problem.stop("home")

    assert (task.id, kind, stop) == ("t", "delivery", HOME)
