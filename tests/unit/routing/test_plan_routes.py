"""Rules every plan keeps: office hours, pairs, capacity, shifts, drops and their reasons."""

from __future__ import annotations

import pytest

from routing import (
    DropReason,
    NoRouteFound,
    Task,
    TimeWindow,
    check_plan,
    plan_routes,
)

H = 3600


def test_a_courier_arriving_during_lunch_waits_until_the_afternoon_window(
    plane, make_stop, make_problem, make_courier, office_hours
):
    # The courier starts at 10:43:20 and reaches the home, open until 11:00, at
    # 11:00; the agency is 40 minutes further, so it arrives at 11:40.
    home = make_stop("home", 0, 1000, TimeWindow(10 * H + 1800, 11 * H))
    agency = make_stop("agency", 0, 3400, *office_hours)
    task = Task("dossier", pickup=home, delivery=agency)
    problem = make_problem(
        [task], [make_courier(shift=TimeWindow(11 * H - 1000, 18 * H))]
    )

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    visit = plan.routes[0].stops[1]
    assert check_plan(problem, plan, provider=plane) == []
    assert (visit.arrival, visit.start) == (11 * H + 2400, 13 * H + 1800)
    assert visit.wait == 13 * H + 1800 - (11 * H + 2400)


def test_a_pickup_is_visited_before_its_delivery_by_the_same_courier(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(11, 12, windows=False)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=4) for i in range(3)])

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0)

    where = {
        s.stop_id: (r.vehicle_id, i) for r in plan.routes for i, s in enumerate(r.stops)
    }
    for task in tasks:
        (p_vehicle, p_at), (d_vehicle, d_at) = (
            where[task.pickup.id],
            where[task.delivery.id],
        )
        assert p_vehicle == d_vehicle
        assert p_at < d_at
    assert check_plan(problem, plan, provider=plane) == []


@pytest.mark.parametrize("capacity", [1, 2, 5])
def test_no_courier_ever_carries_more_items_than_its_capacity(
    capacity, plane, make_stop, make_problem, make_courier
):
    # Every pickup is near the depot and every delivery far away: carrying all at
    # once would be shortest, so only the capacity stops it.
    tasks = [
        Task(
            f"t{k}",
            pickup=make_stop(f"p{k}", 10 * k, 0),
            delivery=make_stop(f"d{k}", 5000, 10 * k),
        )
        for k in range(6)
    ]
    problem = make_problem(tasks, [make_courier(capacity=capacity)])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    loads = [s.load_after for r in plan.routes for s in r.stops]
    assert max(loads) == capacity
    assert check_plan(problem, plan, provider=plane) == []


def test_a_courier_leaves_the_depot_loaded_with_what_it_delivers_from_there(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task("out1", delivery=make_stop("o1", 100, 0), items=2),
        Task("out2", delivery=make_stop("o2", 200, 0), items=2),
        Task("in1", pickup=make_stop("i1", 150, 50), items=3),
    ]
    problem = make_problem(tasks, [make_courier(capacity=4)])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    route = plan.routes[0]
    assert route.load_at_start == 4
    assert route.stops[-1].load_after == 3
    assert check_plan(problem, plan, provider=plane) == []


def test_a_pickup_to_the_depot_waits_until_the_deliveries_make_room(
    plane, make_stop, make_problem, make_courier
):
    # The pickup is on the way out, but a full courier must deliver first.
    tasks = [
        Task("out", delivery=make_stop("o", 1000, 0), items=3),
        Task("in", pickup=make_stop("i", 100, 0), items=2),
    ]
    problem = make_problem(tasks, [make_courier(capacity=4)])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert [s.stop_id for s in plan.routes[0].stops] == ["o", "i"]
    assert check_plan(problem, plan, provider=plane) == []


def test_every_route_starts_and_ends_inside_the_couriers_shift_and_duration(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(21, 8, windows=True)
    shift = TimeWindow(1 * H, 9 * H)
    vehicles = [
        make_courier(f"c{i}", shift=shift, max_duration_s=3 * H) for i in range(4)
    ]
    problem = make_problem(tasks, vehicles)

    plan = plan_routes(problem, provider=plane, time_limit_s=1.0)

    for route in plan.routes:
        assert shift.start <= route.departure <= route.arrival <= shift.end
        assert route.duration_s <= 3 * H
    assert check_plan(problem, plan, provider=plane) == []


@pytest.mark.parametrize(
    ("task_kwargs", "reason"),
    [
        ({"items": 50}, DropReason.CAPACITY),
        ({"windows": (TimeWindow(20 * H, 21 * H),)}, DropReason.UNREACHABLE),
        ({"far": True}, DropReason.UNREACHABLE),
        ({"penalty": 1}, DropReason.CROWDED_OUT),
    ],
)
def test_an_optional_task_that_cannot_or_should_not_be_served_is_dropped_with_its_reason(
    task_kwargs, reason, plane, make_stop, make_problem, make_courier
):
    x = 50_000 if task_kwargs.get("far") else 800
    windows = task_kwargs.get("windows", ())
    odd = Task(
        "odd",
        pickup=make_stop("odd-p", x, 0, *windows),
        delivery=make_stop("odd-d", x, 100, *windows),
        items=task_kwargs.get("items", 1),
        penalty=task_kwargs.get("penalty", 1_000_000),
    )
    kept = Task(
        "kept", pickup=make_stop("k-p", 0, 100), delivery=make_stop("k-d", 0, 200)
    )
    shift = TimeWindow(8 * H, 17 * H)
    problem = make_problem([kept, odd], [make_courier(capacity=10, shift=shift)])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert [(d.task_id, d.reason) for d in plan.dropped] == [("odd", reason)]
    assert check_plan(problem, plan, provider=plane) == []


def test_an_optional_task_worth_more_than_its_detour_is_served(
    plane, make_stop, make_problem
):
    task = Task("urgent", delivery=make_stop("u", 800, 0), penalty=10_000)
    problem = make_problem([task])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert plan.dropped == ()
    assert plan.objective == 1600


def test_a_must_serve_task_that_cannot_be_served_raises_no_route_found_with_the_reason(
    plane, make_stop, make_problem, make_courier
):
    task = Task("huge", delivery=make_stop("h", 100, 0), items=30)
    problem = make_problem([task], [make_courier(capacity=10)])

    with pytest.raises(NoRouteFound) as raised:
        plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert [(d.task_id, d.reason) for d in raised.value.unserved] == [
        ("huge", DropReason.CAPACITY)
    ]


def test_a_fixed_cost_per_courier_makes_one_courier_do_the_whole_round(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task(f"t{k}", delivery=make_stop(f"s{k}", x, y))
        for k, (x, y) in enumerate([(1000, 0), (0, 1000), (-1000, 0), (0, -1000)])
    ]
    couriers = [make_courier(f"c{i}", fixed_cost=100_000) for i in range(4)]
    problem = make_problem(tasks, couriers)

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert plan.vehicles_used == 1
    assert check_plan(problem, plan, provider=plane) == []


def test_a_task_reserved_for_one_courier_is_served_by_that_courier(
    plane, make_stop, make_problem, make_courier
):
    tasks = [
        Task("mine", delivery=make_stop("m", 100, 0), vehicle_ids=("c2",)),
        Task("any", delivery=make_stop("a", 100, 10)),
    ]
    problem = make_problem(tasks, [make_courier("c1"), make_courier("c2")])

    plan = plan_routes(problem, provider=plane, time_limit_s=0.5)

    assert "m" in [s.stop_id for s in plan.route_of("c2").stops]
    assert check_plan(problem, plan, provider=plane) == []


def test_two_workers_return_a_feasible_plan_at_least_as_good_as_a_feasible_bound(
    plane, make_problem, make_courier, make_random_pairs
):
    tasks = make_random_pairs(31, 10, windows=True)
    problem = make_problem(tasks, [make_courier(f"c{i}", capacity=5) for i in range(3)])
    one_route_each = sum(
        2 * (abs(t.pickup.location[0]) + abs(t.pickup.location[1]))
        + 2 * (abs(t.delivery.location[0]) + abs(t.delivery.location[1]))
        for t in tasks
    )

    plan = plan_routes(problem, provider=plane, time_limit_s=2.0, workers=2)

    assert plan.stats.workers == 2
    assert plan.distance_m <= one_route_each
    assert check_plan(problem, plan, provider=plane) == []
