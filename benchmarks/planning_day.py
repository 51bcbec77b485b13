"""A postal point's day through the planning service: 80 stops, 3 couriers (a benchmark).

Builds the day from database rows (SQLite in memory): agencies open 07:30-11:30 and
13:30-17:00, homes around the postal point, couriers with 40-item bags; queues a plan,
solves it with the real planner and checks the stored routes with the planner's
independent checker. Prints the solve time, stops served, distance and violations.

    python benchmarks/planning_day.py [--stops 80] [--couriers 3] [--time-limit 10] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import postal_service.models  # noqa: F401
from postal_service.access import Caller
from postal_service.config import Settings
from postal_service.db import Base, make_session_factory
from postal_service.enums import (
    AgencyLevel,
    IdType,
    PostalPointKind,
    Role,
    ServiceType,
    Vehicle,
)
from postal_service.models import Agency, Courier, PostalPoint, Procedure
from postal_service.services import auth, intake, results
from postal_service.services.intake import Citizen, DossierRequest
from postal_service.services.route_planning import service as planning
from postal_service.unit_of_work import UnitOfWork
from routing import Plan, Problem, check_plan, plan_routes

HOURS = [["07:30", "11:30"], ["13:30", "17:00"]]
DOCS = [{"name": "Tờ khai", "original": True, "copies": 0}]
CENTRE = (21.594, 105.848)  # Thái Nguyên city (synthetic neighbourhood around it)


def _jitter(rng: random.Random, spread: float) -> tuple[float, float]:
    return CENTRE[0] + rng.uniform(-spread, spread), CENTRE[1] + rng.uniform(
        -spread, spread
    )


def build_day(
    uow: UnitOfWork,
    settings: Settings,
    *,
    stops: int,
    couriers: int,
    seed: int,
    now: datetime,
) -> None:
    """Reference data, users, and dossiers/results making ``stops`` stops."""
    rng = random.Random(seed)
    with uow:
        point = PostalPoint(
            code="BC001",
            name="Bưu cục Trung tâm",
            kind=PostalPointKind.POST_OFFICE,
            address="Số 10 Hoàng Văn Thụ",
            commune_code=5443,
            lat=CENTRE[0],
            lon=CENTRE[1],
            opening_hours=HOURS,
        )
        uow.session.add(point)
        agencies = []
        for n in range(6):
            lat, lon = _jitter(rng, 0.05)
            agencies.append(
                Agency(
                    code=f"CQ{n}",
                    name=f"Cơ quan {n}",
                    level=AgencyLevel.PROVINCE,
                    address=f"Số {n}",
                    commune_code=5443,
                    lat=lat,
                    lon=lon,
                    office_hours=HOURS,
                )
            )
        uow.session.add_all(agencies)
        uow.session.flush()
        for n, agency in enumerate(agencies):
            uow.session.add(
                Procedure(
                    national_code=f"1.00{n}",
                    name=f"Thủ tục {n}",
                    search_name=f"thu tuc {n}",
                    agency_id=agency.id,
                    processing_days=5,
                    documents=DOCS,
                )
            )
        for n in range(couriers):
            uow.session.add(
                Courier(
                    code=f"BT{n:03d}",
                    full_name=f"Bưu tá {n}",
                    phone="+84912345678",
                    postal_point_id=point.id,
                    vehicle=Vehicle.MOTORBIKE,
                    capacity_items=40,
                    shift_start="07:30",
                    shift_end="17:00",
                )
            )
        uow.commit()
        point_id = point.id
    clerk_id = auth.create_user(
        uow,
        username="clerk",
        full_name="GDV",
        role=Role.CLERK,
        password=None,
        now=now,
        postal_point_id=point_id,
    )
    admin_id = auth.create_user(
        uow, username="admin", full_name="QT", role=Role.ADMIN, password=None, now=now
    )
    clerk = Caller(clerk_id, Role.CLERK, postal_point_id=point_id)
    admin = Caller(admin_id, Role.ADMIN)
    made = 0
    n = 0
    while made < stops:
        n += 1
        lat, lon = _jitter(rng, 0.12)
        citizen = Citizen(
            name=f"Công dân {n}",
            phone="+84912345678",
            address=f"Nhà {n}",
            commune_code=5443,
            lat=lat,
            lon=lon,
            id_type=IdType.CCCD,
            id_number=f"{n:012d}",
        )
        proc = f"1.00{rng.randrange(6)}"
        kind = rng.random()
        if kind < 0.3 or stops - made < 2:  # at the counter: one agency stop
            req = DossierRequest(
                proc, ServiceType.SEND, citizen, DOCS, dossier_code=None
            )
            intake.register_at_counter(uow, clerk, req, settings=settings, now=now)
            made += 1
        elif kind < 0.5:  # home pickup: home, then agency
            req = DossierRequest(
                proc, ServiceType.SEND, citizen, DOCS, dossier_code=None
            )
            intake.request_home_pickup(uow, clerk, req, settings=settings, now=now)
            made += 2
        else:  # result: agency, then home
            req = DossierRequest(
                proc, ServiceType.RECEIVE, citizen, DOCS, postal_point_code="BC001"
            )
            results.mark_result_ready(
                uow,
                admin,
                dossier_code=f"000.00.15.H10-261123-{n:04d}",
                appointment_date=None,
                new_dossier=req,
                settings=settings,
                now=now,
            )
            made += 2


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stops", type=int, default=80)
    parser.add_argument("--couriers", type=int, default=3)
    parser.add_argument("--time-limit", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    factory = make_session_factory("sqlite://")
    Base.metadata.create_all(factory.kw["bind"])
    uow = UnitOfWork(factory)
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # the day before, at 19:00 local
    settings = Settings().with_overrides({"solver_time_limit_s": args.time_limit})
    build_day(
        uow, settings, stops=args.stops, couriers=args.couriers, seed=args.seed, now=now
    )
    admin = Caller(2, Role.ADMIN)
    plan = planning.request_plan(
        uow,
        admin,
        postal_point_code="BC001",
        service_date=date(2026, 11, 23),
        settings=settings,
        now=now + timedelta(minutes=1),
    )
    seen: dict[str, object] = {}

    def solver(problem: Problem, limit: int) -> Plan:
        started = time.perf_counter()
        found = plan_routes(problem, time_limit_s=limit)
        seen.update(problem=problem, plan=found, wall=time.perf_counter() - started)
        return found

    planning.run_plan(factory, plan.id, solver=solver)
    stored = planning.get_plan(uow, admin, plan.id)
    problem, found = seen["problem"], seen["plan"]
    assert isinstance(problem, Problem) and isinstance(found, Plan)
    violations = check_plan(problem, found)
    served = sum(len(r.stops) for r in stored.routes)
    print(
        f"stops requested {args.stops}, tasks {len(problem.tasks)}, couriers {args.couriers}"
    )
    print(
        f"plan {stored.status.value}: {served} stops served on {len(stored.routes)} routes, "
        f"{len(stored.dropped or [])} tasks dropped, {found.distance_m / 1000:.1f} km"
    )
    print(
        f"solve wall time {seen['wall']:.2f} s (limit {args.time_limit} s); "
        f"checker violations: {len(violations)}"
    )
    print(f"solver status {found.stats.status}, strategy {found.stats.strategy}")


if __name__ == "__main__":
    main()
