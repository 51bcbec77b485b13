"""Planning a postal point's day: from what is due to routes couriers can drive."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker
from support import Actions, confirmed_dossier

from postal_service.access import Caller
from postal_service.enums import PlanStatus, Role
from postal_service.errors import Conflict, NotFound
from postal_service.services.route_planning import service as planning
from postal_service.unit_of_work import UnitOfWork
from routing import NoRouteFound, Plan, Problem, check_plan, plan_routes

DAY = date(2026, 11, 23)


@pytest.fixture
def supervisor() -> Caller:
    return Caller(user_id=2, role=Role.SUPERVISOR)


@pytest.fixture
def busy_day(act: Actions) -> dict[str, str]:
    """A counter dossier, a home pickup and a result waiting at the agency, all at BC01."""
    confirmed_dossier(act)
    result = act.result_ready(dossier_code="000.00.15.H10-261123-0001").json["s10_code"]
    at_counter = act.intake(dossier_code="000.00.15.H10-261123-0002").json["items"][0][
        "s10_code"
    ]
    citizen = {
        "name": "Lò Văn Páo",
        "phone": "0978123456",
        "address": "Bản Nà, xã Tân Cương",
        "commune_code": 5503,
        "lat": 21.56,
        "lon": 105.75,
    }
    pickup = act.pickup(dossier_code="000.00.15.H10-261123-0003", citizen=citizen).json[
        "items"
    ][0]["s10_code"]
    return {"result": result, "counter": at_counter, "pickup": pickup}


def _request(uow: UnitOfWork, who: Caller, act: Actions, point: str = "BC01") -> int:
    settings = act.client.application.extensions["settings"]
    plan = planning.request_plan(
        uow,
        who,
        postal_point_code=point,
        service_date=DAY,
        settings=settings,
        now=act.clock.now,
    )
    return plan.id


class Recorder:
    """The real planner, keeping the problem and plan so a test can check them."""

    def __init__(self) -> None:
        self.problem: Problem | None = None
        self.plan: Plan | None = None

    def __call__(self, problem: Problem, _limit: int) -> Plan:
        self.problem = problem
        self.plan = plan_routes(problem, time_limit_s=1)
        return self.plan


def test_a_days_plan_serves_every_item_and_passes_the_checker(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    plan_id = _request(uow, supervisor, act)
    solver = Recorder()
    assert (
        planning.run_plan(session_factory, plan_id, solver=solver)
        is PlanStatus.SUCCEEDED
    )
    assert solver.problem is not None and solver.plan is not None
    assert check_plan(solver.problem, solver.plan) == []
    stored = planning.get_plan(uow, supervisor, plan_id)
    codes = {s.item.s10_code for r in stored.routes for s in r.stops}
    assert codes == set(busy_day.values())
    assert stored.dropped == []


def test_a_pickup_comes_before_its_delivery_on_the_same_route(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    plan_id = _request(uow, supervisor, act)
    planning.run_plan(session_factory, plan_id, solver=Recorder())
    stored = planning.get_plan(uow, supervisor, plan_id)
    for route in stored.routes:
        seen: dict[str, list[str]] = {}
        for stop in route.stops:
            seen.setdefault(stop.item.s10_code, []).append(stop.action.value)
        for code in (busy_day["pickup"], busy_day["result"]):
            if code in seen:
                assert seen[code] == ["pickup", "delivery"]


def test_a_solver_that_finds_nothing_fails_the_plan_with_a_reason(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    def no_route(_p: Problem, _t: int) -> Plan:
        raise NoRouteFound("every courier is full")

    plan_id = _request(uow, supervisor, act)
    assert (
        planning.run_plan(session_factory, plan_id, solver=no_route)
        is PlanStatus.FAILED
    )
    assert "every courier is full" in (
        planning.get_plan(uow, supervisor, plan_id).error or ""
    )


def test_a_crashing_solver_still_closes_the_plan(
    act: Actions,
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    def crash(_p: Problem, _t: int) -> Plan:
        raise MemoryError

    plan_id = _request(uow, supervisor, act)
    assert (
        planning.run_plan(session_factory, plan_id, solver=crash) is PlanStatus.FAILED
    )


def test_a_plan_cancelled_while_solving_keeps_no_routes(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    plan_id = _request(uow, supervisor, act)

    def cancelled_meanwhile(problem: Problem, limit: int) -> Plan:
        planning.cancel_plan(
            UnitOfWork(session_factory), supervisor, plan_id, now=act.clock.now
        )
        return Recorder()(problem, limit)

    status = planning.run_plan(session_factory, plan_id, solver=cancelled_meanwhile)
    assert status is PlanStatus.CANCELLED
    assert planning.get_plan(uow, supervisor, plan_id).routes == []


def test_publishing_supersedes_the_previous_plan(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    first, second = _request(uow, supervisor, act), _request(uow, supervisor, act)
    for plan_id in (first, second):
        planning.run_plan(session_factory, plan_id, solver=Recorder())
    planning.publish_plan(uow, supervisor, first, now=act.clock.now)
    planning.publish_plan(uow, supervisor, second, now=act.clock.now)
    assert planning.get_plan(uow, supervisor, first).status is PlanStatus.SUPERSEDED
    assert planning.get_plan(uow, supervisor, second).status is PlanStatus.PUBLISHED


def test_a_started_route_is_never_replaced(
    act: Actions,
    busy_day: dict[str, str],
    uow: UnitOfWork,
    session_factory: sessionmaker[Any],
    supervisor: Caller,
) -> None:
    from postal_service.services import courier_day

    first = _request(uow, supervisor, act)
    planning.run_plan(session_factory, first, solver=Recorder())
    planning.publish_plan(uow, supervisor, first, now=act.clock.now)
    route = planning.get_plan(uow, supervisor, first).routes[0]
    courier = Caller(user_id=5, role=Role.COURIER, courier_id=route.courier_id)
    courier_day.start_route(uow, courier, DAY, now=act.clock.now)
    second = _request(uow, supervisor, act)
    planning.run_plan(session_factory, second, solver=Recorder())
    with pytest.raises(Conflict):
        planning.publish_plan(uow, supervisor, second, now=act.clock.now)
    replanned = planning.get_plan(uow, supervisor, second)
    started_items = {s.item_id for s in route.stops}
    assert not started_items & {s.item_id for r in replanned.routes for s in r.stops}


def test_a_clerk_plans_only_their_postal_point(act: Actions, uow: UnitOfWork) -> None:
    settings = act.client.application.extensions["settings"]
    clerk2 = Caller(user_id=4, role=Role.CLERK, postal_point_id=act.world.ids["BC02"])
    with pytest.raises(Exception) as info:
        planning.request_plan(
            uow,
            clerk2,
            postal_point_code="BC01",
            service_date=DAY,
            settings=settings,
            now=act.clock.now,
        )
    assert getattr(info.value, "field", None) == "postal_point_code"
    plan_id = _request(uow, Caller(user_id=2, role=Role.SUPERVISOR), act)
    with pytest.raises(NotFound):
        planning.get_plan(uow, clerk2, plan_id)


def test_a_plan_for_a_past_day_is_refused(
    act: Actions, uow: UnitOfWork, supervisor: Caller
) -> None:
    settings = act.client.application.extensions["settings"]
    with pytest.raises(Exception) as info:
        planning.request_plan(
            uow,
            supervisor,
            postal_point_code="BC01",
            service_date=date(2026, 11, 20),
            settings=settings,
            now=datetime(2026, 11, 23, 2, tzinfo=UTC),
        )
    assert getattr(info.value, "field", None) == "service_date"
