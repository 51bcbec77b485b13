"""A search through late plans: relaxed windows, then back to punctual plans."""

from __future__ import annotations

import dataclasses

from routing_plans import as_plan, spy_on

from routing import SearchOptions, Task, TimeWindow, check_plan, relax
from routing.distances import TravelData
from routing.solver import solve


def _late_only_day(make_problem, make_stop, make_courier):
    """A delivery 1,000 m out whose window closes at 500 s: only late can it be served."""
    far = make_stop("far", 1000, 0, TimeWindow(0, 500))
    near = make_stop("near", 100, 0, TimeWindow(0, 5000))
    tasks = [Task("t-far", delivery=far), Task("t-near", delivery=near)]
    return make_problem(tasks, [make_courier("c1")])


def test_a_relaxed_search_serves_a_stop_late_and_says_the_plan_is_not_punctual(
    plane, make_problem, make_stop, make_courier
):
    problem = _late_only_day(make_problem, make_stop, make_courier)
    travel = TravelData(problem, plane)

    strict = solve(problem, travel, options=SearchOptions(), time_limit_s=1)
    relaxed = solve(problem, travel, options=SearchOptions(late=0.1), time_limit_s=1)

    assert strict is not None and relaxed is not None
    assert "far" not in strict.routes[0]
    assert sorted(relaxed.routes[0]) == ["far", "near"]
    assert relax.punctual(problem, travel, strict.routes)
    assert not relax.punctual(problem, travel, relaxed.routes)


def test_a_relaxed_search_keeps_the_lunch_break_closed(
    plane, make_problem, make_stop, make_courier, office_hours
):
    # Reached at 12:00 with the agency closed for lunch: the courier waits for 13:30
    # rather than being "late" for the morning window.
    agency = make_stop("agency", 100, 0, *office_hours)
    problem = make_problem(
        [Task("t", delivery=agency)],
        [make_courier("c1", shift=TimeWindow(12 * 3600 - 100, 24 * 3600))],
    )
    travel = TravelData(problem, plane)

    raw = solve(problem, travel, options=SearchOptions(late=0.1), time_limit_s=1)

    assert raw is not None and raw.routes[0] == ("agency",)
    assert raw.starts[0][0] == office_hours[1].start


def test_what_is_still_late_after_the_second_step_is_taken_out_before_the_third(
    plane, make_problem, make_stop, make_courier, monkeypatch
):
    problem = _late_only_day(make_problem, make_stop, make_courier)
    travel = TravelData(problem, plane)
    calls = spy_on(monkeypatch, relax, "solve")
    seed = [["near", "far"]]
    collected: list[list[list[str]]] = []

    raw = relax.search_through_late(
        problem,
        travel,
        options=SearchOptions(late=0.1),
        time_limit_s=1.5,
        warm_routes=seed,
        collect=collected.append,
    )

    assert [c["options"].late for c in calls] == [0.1, 0.1, 0.0]
    assert calls[1]["options"].late_cost == relax.LATE_COST_PUNCTUAL
    # The far stop can only be served late: the third step starts without it.
    assert calls[2]["warm_routes"] == [["near"]]
    # Only the search with the real windows hands its plans on.
    assert [c.get("collect") is None for c in calls] == [True, True, False]
    assert raw is not None and relax.punctual(problem, travel, raw.routes)
    assert all(relax.punctual(problem, travel, routes) for routes in collected)


def test_a_plan_made_punctual_again_seeds_the_search_with_the_real_windows(
    plane, make_problem, make_courier, make_random_pairs, monkeypatch
):
    tasks = make_random_pairs(7, 8, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}") for i in range(3)])
    travel = TravelData(problem, plane)
    results: list[object] = []
    calls = spy_on(monkeypatch, relax, "solve", results)

    raw = relax.search_through_late(
        problem,
        travel,
        options=dataclasses.replace(SearchOptions(), late=0.05),
        time_limit_s=2,
        warm_routes=None,
    )

    back = results[1]
    assert back is not None and relax.punctual(problem, travel, back.routes)
    assert calls[2]["warm_routes"] == [list(r) for r in back.routes]
    assert raw is not None
    routes = [list(r) for r in raw.routes]
    assert check_plan(problem, as_plan(problem, travel, routes), provider=plane) == []


def test_the_punctual_part_of_a_plan_keeps_every_task_served_on_time(
    plane, make_problem, make_stop, make_courier
):
    problem = _late_only_day(make_problem, make_stop, make_courier)
    travel = TravelData(problem, plane)

    assert relax.punctual_part(problem, travel, [["far", "near"]]) == [["near"]]
    assert relax.punctual_part(problem, travel, [["near"]]) == [["near"]]
    assert relax.punctual_part(problem, travel, [[]]) == [[]]
