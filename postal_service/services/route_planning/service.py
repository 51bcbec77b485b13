"""Plans for a postal point's day: request, run, cancel, publish, read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import sessionmaker

from postal_service.access import Caller
from postal_service.calendar import LOCAL_TZ
from postal_service.config import Settings
from postal_service.db import utcnow
from postal_service.enums import ItemState, PlanStatus, Role
from postal_service.errors import Conflict, InvalidInput, NotFound
from postal_service.models import (
    Courier,
    CourierRoute,
    Item,
    PostalPoint,
    RoutePlan,
    RouteStop,
)
from postal_service.services.calendar import load_calendar
from postal_service.services.route_planning.problem import (
    PlanningInput,
    build_input,
    build_route_input,
)
from postal_service.unit_of_work import UnitOfWork
from routing import NoRouteFound, Plan, Problem, plan_routes

Solver = Callable[[Problem, int], Plan]
FINAL = {PlanStatus.FAILED, PlanStatus.CANCELLED, PlanStatus.SUPERSEDED}


def default_solver(problem: Problem, time_limit_s: int) -> Plan:
    """OR-Tools with a time limit, on one core."""
    return plan_routes(problem, time_limit_s=time_limit_s)


def solver_for(workers: int) -> Solver:
    """OR-Tools on ``workers`` processes (``SOLVER_WORKERS``; 2: two searches sharing
    routes, ``routing.cooperate``, which spawns a child process)."""
    if workers <= 1:
        return default_solver

    def solve(problem: Problem, time_limit_s: int) -> Plan:
        return plan_routes(problem, time_limit_s=time_limit_s, workers=workers)

    return solve


def _scope(caller: Caller) -> ColumnElement[bool]:
    if caller.role in (Role.ADMIN, Role.SUPERVISOR):
        return true()
    if caller.role is Role.CLERK:
        return RoutePlan.postal_point_id == caller.postal_point_id
    return RoutePlan.id.is_(None)


def request_plan(
    uow: UnitOfWork,
    caller: Caller,
    *,
    postal_point_code: str,
    service_date: date,
    settings: Settings,
    now: datetime,
) -> RoutePlan:
    """Queue a planning run for a postal point's day."""
    caller.require(Role.CLERK, Role.SUPERVISOR, Role.ADMIN)
    with uow:
        point = uow.session.scalar(
            select(PostalPoint).where(PostalPoint.code == postal_point_code)
        )
        if point is None or (
            caller.role is Role.CLERK and point.id != caller.postal_point_id
        ):
            raise InvalidInput(
                f"No postal point {postal_point_code}", field="postal_point_code"
            )
        if service_date < now.astimezone(LOCAL_TZ).date():
            raise InvalidInput(
                "A plan is for today or a later day", field="service_date"
            )
        plan = RoutePlan(
            postal_point_id=point.id,
            service_date=service_date,
            status=PlanStatus.QUEUED,
            requested_by_id=caller.user_id,
            requested_at=now,
            time_limit_s=settings.solver_time_limit_s,
        )
        uow.session.add(plan)
        uow.commit()
        return uow.fresh(RoutePlan, plan.id)


def _at(day: date, seconds: int) -> datetime:
    return datetime.combine(day, time(0), LOCAL_TZ).astimezone(UTC) + timedelta(
        seconds=seconds
    )


def _store(
    plan: RoutePlan, solved: Plan, built: PlanningInput, codes: dict[int, str]
) -> None:
    day = plan.service_date
    for route in solved.routes:
        if not route.stops:
            continue
        courier_route = CourierRoute(
            courier_id=built.couriers[route.vehicle_id],
            departure=_at(day, route.departure),
            arrival=_at(day, route.arrival),
            distance_m=route.distance_m,
        )
        for seq, stop in enumerate(route.stops, start=1):
            place = built.places[stop.stop_id]
            courier_route.stops.append(
                RouteStop(
                    seq=seq,
                    item_id=place.item_id,
                    action=place.action,
                    place_kind=place.place_kind,
                    agency_id=place.agency_id,
                    address=place.address,
                    lat=place.lat,
                    lon=place.lon,
                    eta=_at(day, stop.arrival),
                    wait_s=stop.wait,
                    departure=_at(day, stop.departure),
                    load_after=stop.load_after,
                )
            )
        plan.routes.append(courier_route)
    plan.objective = solved.objective
    plan.distance_m = solved.distance_m
    plan.dropped = [
        {
            "item_id": int(d.task_id[1:]),
            "item_code": codes.get(int(d.task_id[1:])),
            "reason": d.reason.value,
            "detail": d.detail,
        }
        for d in solved.dropped
    ]
    plan.stats = {
        "status": solved.stats.status,
        "wall_time_s": round(solved.stats.wall_time_s, 3),
        "strategy": solved.stats.strategy,
        "vehicles_used": solved.vehicles_used,
    }


def run_plan(
    session_factory: sessionmaker[Any],
    plan_id: int,
    *,
    solver: Solver = default_solver,
    clock: Callable[[], datetime] = utcnow,
) -> PlanStatus:
    """Solve a queued plan (in a worker or child process) and store the routes."""
    uow = UnitOfWork(session_factory)
    with uow:
        plan = uow.session.get(RoutePlan, plan_id)
        if plan is None or plan.status is not PlanStatus.QUEUED:
            return plan.status if plan else PlanStatus.FAILED
        plan.status, plan.started_at = PlanStatus.RUNNING, clock()
        uow.commit()
        # Nobody leaves before the plan was asked for, on a plan for the same day.
        started = plan.requested_at.astimezone(LOCAL_TZ)
        not_before = (
            started.hour * 3600 + started.minute * 60 + started.second
            if started.date() == plan.service_date
            else 0
        )
        if plan.amends_route_id is not None:
            route = uow.session.get(CourierRoute, plan.amends_route_id)
            urgent = uow.session.get(Item, plan.urgent_item_id)
            assert route is not None and urgent is not None
            built = build_route_input(uow.session, route, urgent, now_s=not_before)
        else:
            built = build_input(
                uow.session,
                plan.postal_point,
                plan.service_date,
                not_before_s=not_before,
            )
        limit = plan.time_limit_s
    error: str | None = None
    solved: Plan | None = None
    if built.problem is None:
        error = "No courier is on shift at this postal point"
    else:
        try:
            solved = solver(built.problem, limit)
        except NoRouteFound as exc:
            error = f"No feasible plan: {exc}"
        except Exception as exc:  # a solver crash must still close the plan
            error = f"The planner failed: {type(exc).__name__}"
    with uow:
        plan = uow.session.scalar(
            select(RoutePlan)
            .where(RoutePlan.id == plan_id)
            .with_for_update(of=RoutePlan)
        )
        assert plan is not None
        if plan.status is PlanStatus.CANCELLED:
            return plan.status
        if solved is not None:
            dropped_ids = [int(d.task_id[1:]) for d in solved.dropped]
            codes = {
                item_id: code
                for item_id, code in uow.session.execute(
                    select(Item.id, Item.s10_code).where(Item.id.in_(dropped_ids))
                )
            }
            _store(plan, solved, built, codes)
            plan.status = PlanStatus.SUCCEEDED
        else:
            plan.status, plan.error = PlanStatus.FAILED, (error or "")[:500]
        plan.finished_at = clock()
        uow.commit()
        return plan.status


def _scoped(
    uow: UnitOfWork, caller: Caller, plan_id: int, *, lock: bool = False
) -> RoutePlan:
    query = select(RoutePlan).where(RoutePlan.id == plan_id, _scope(caller))
    if lock:
        query = query.with_for_update(of=RoutePlan)
    plan = uow.session.scalar(query)
    if plan is None:
        raise NotFound(f"No plan {plan_id}")
    return plan


def get_plan(uow: UnitOfWork, caller: Caller, plan_id: int) -> RoutePlan:
    """One plan with its routes."""
    with uow:
        return _scoped(uow, caller, plan_id)


def list_plans(
    uow: UnitOfWork, caller: Caller, *, service_date: date | None
) -> list[RoutePlan]:
    """Plans the caller may see, newest first."""
    query = select(RoutePlan).where(_scope(caller))
    if service_date is not None:
        query = query.where(RoutePlan.service_date == service_date)
    with uow:
        return list(uow.session.scalars(query.order_by(RoutePlan.id.desc()).limit(100)))


def cancel_plan(
    uow: UnitOfWork, caller: Caller, plan_id: int, *, now: datetime
) -> RoutePlan:
    """Stop a queued or running plan; a running solve's answer is then thrown away."""
    with uow:
        plan = _scoped(uow, caller, plan_id, lock=True)
        if plan.status not in (
            PlanStatus.QUEUED,
            PlanStatus.RUNNING,
            PlanStatus.SUCCEEDED,
        ):
            raise Conflict(f"A {plan.status.value} plan cannot be cancelled")
        plan.status, plan.finished_at = PlanStatus.CANCELLED, plan.finished_at or now
        uow.commit()
        return uow.fresh(RoutePlan, plan.id)


def publish_plan(
    uow: UnitOfWork, caller: Caller, plan_id: int, *, now: datetime
) -> RoutePlan:
    """Send a succeeded plan to the couriers; never over a route a courier has started."""
    with uow:
        plan = _scoped(uow, caller, plan_id, lock=True)
        if plan.status is not PlanStatus.SUCCEEDED:
            raise Conflict(
                f"Only a succeeded plan can be published; this one is {plan.status.value}"
            )
        if plan.amends_route_id is not None:
            return _publish_insertion(uow, plan, now)
        current = uow.session.scalars(
            select(RoutePlan).where(
                RoutePlan.postal_point_id == plan.postal_point_id,
                RoutePlan.service_date == plan.service_date,
                RoutePlan.status == PlanStatus.PUBLISHED,
            )
        ).all()
        started = [r.courier.code for p in current for r in p.routes if r.started_at]
        if started:
            raise Conflict(
                "Couriers have started their routes: "
                + ", ".join(sorted(started))
                + ". Insert urgent pickups into their routes instead of re-publishing."
            )
        for old in current:
            old.status = PlanStatus.SUPERSEDED
        plan.status, plan.published_at = PlanStatus.PUBLISHED, now
        uow.commit()
        return uow.fresh(RoutePlan, plan.id)


def _publish_insertion(uow: UnitOfWork, plan: RoutePlan, now: datetime) -> RoutePlan:
    """Swap a started route for its amended copy; the start time carries over."""
    old = uow.session.scalar(
        select(CourierRoute)
        .where(CourierRoute.id == plan.amends_route_id)
        .with_for_update(of=CourierRoute)
    )
    assert old is not None
    if old.superseded_at is not None:
        raise Conflict("That route was already amended; plan the insertion again")
    for route in plan.routes:
        route.started_at = old.started_at
    old.superseded_at = now
    plan.status, plan.published_at = PlanStatus.PUBLISHED, now
    uow.commit()
    return uow.fresh(RoutePlan, plan.id)


def request_insertion(
    uow: UnitOfWork,
    caller: Caller,
    *,
    route_id: int,
    item_code: str,
    settings: Settings,
    now: datetime,
) -> RoutePlan:
    """Queue the insertion of an urgent item into a route a courier has started.

    The stops already done stay first, as they were; the rest is re-planned from now.
    """
    caller.require(Role.CLERK, Role.SUPERVISOR, Role.ADMIN)
    with uow:
        route = uow.session.get(CourierRoute, route_id)
        plan = route.plan if route else None
        if (
            route is None
            or plan is None
            or (
                caller.role is Role.CLERK
                and plan.postal_point_id != caller.postal_point_id
            )
        ):
            raise NotFound(f"No route {route_id}")
        if (
            plan.status is not PlanStatus.PUBLISHED
            or route.started_at is None
            or route.superseded_at is not None
        ):
            raise Conflict("Only a started, published route takes an urgent insertion")
        item = uow.session.scalar(select(Item).where(Item.s10_code == item_code))
        if item is None or item.postal_point_id != plan.postal_point_id:
            raise InvalidInput(
                f"No item {item_code} at this postal point", field="item_code"
            )
        if item.state not in (ItemState.AWAITING_PICKUP, ItemState.AT_POSTAL_POINT):
            raise Conflict(f"Item {item_code} is {item.state.value}", field="item_code")
        if any(s.item_id == item.id for s in route.stops):
            raise Conflict(
                f"Item {item_code} is already on this route", field="item_code"
            )
        insertion = RoutePlan(
            postal_point_id=plan.postal_point_id,
            service_date=plan.service_date,
            status=PlanStatus.QUEUED,
            requested_by_id=caller.user_id,
            requested_at=now,
            time_limit_s=min(settings.solver_time_limit_s, 5),
            amends_route_id=route.id,
            urgent_item_id=item.id,
        )
        uow.session.add(insertion)
        uow.commit()
        return uow.fresh(RoutePlan, insertion.id)


def plan_next_working_day(
    session_factory: sessionmaker[Any],
    settings: Settings,
    *,
    now: datetime,
    solver: Solver | None = None,
) -> dict[str, Any]:
    """Plan every postal point's next working day (the nightly job); nothing is published.

    Runs in the scheduler's own process, one postal point after another; clerks review
    and publish in the morning. ``solver`` defaults to ``solver_for(settings.solver_workers)``.
    """
    solve = solver or solver_for(settings.solver_workers)
    uow = UnitOfWork(session_factory)
    with uow:
        day = load_calendar(uow.session).add_working_days(
            now.astimezone(LOCAL_TZ).date(), 1
        )
        point_ids = list(
            uow.session.scalars(
                select(PostalPoint.id)
                .join(Courier, Courier.postal_point_id == PostalPoint.id)
                .where(PostalPoint.active.is_(True), Courier.active.is_(True))
                .distinct()
                .order_by(PostalPoint.id)
            )
        )
        plan_ids = []
        for point_id in point_ids:
            plan = RoutePlan(
                postal_point_id=point_id,
                service_date=day,
                status=PlanStatus.QUEUED,
                requested_at=now,
                time_limit_s=settings.solver_time_limit_s,
            )
            uow.session.add(plan)
            uow.session.flush()
            plan_ids.append(plan.id)
        uow.commit()
    outcomes = [
        run_plan(session_factory, plan_id, solver=solve) for plan_id in plan_ids
    ]
    return {
        "day": day.isoformat(),
        "plans": len(plan_ids),
        "succeeded": sum(1 for o in outcomes if o is PlanStatus.SUCCEEDED),
    }
