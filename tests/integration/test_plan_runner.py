"""Solves run outside the web request: a spawned child process, or an RQ worker on Redis."""

import os
import time
from datetime import date
from typing import Any

import pytest
import redis
from rq import Queue, SimpleWorker
from rq.serializers import JSONSerializer
from sqlalchemy.orm import sessionmaker
from support import TEST_SETTINGS, FakeClock, build_world, intake_body

from api import create_app
from postal_service.access import Caller
from postal_service.config import Settings
from postal_service.enums import PlanStatus, Role
from postal_service.services.route_planning import runner
from postal_service.services.route_planning import service as planning
from postal_service.unit_of_work import UnitOfWork

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SUPERVISOR = Caller(user_id=2, role=Role.SUPERVISOR)


def _queued_plan(factory: sessionmaker[Any], url: str) -> tuple[int, Settings]:
    clock = FakeClock()
    world = build_world(UnitOfWork(factory), clock.now)
    app = create_app(overrides=TEST_SETTINGS, session_factory=factory, clock=clock)
    for n in range(4):
        body = intake_body(dossier_code=f"000.00.15.H10-261123-000{n + 1}")
        assert (
            app.test_client()
            .post("/api/v1/intakes", json=body, headers=world.auth("clerk"))
            .status_code
            == 201
        )
    settings = Settings().with_overrides(
        {**TEST_SETTINGS, "database_url": url, "solver_time_limit_s": 1}
    )
    plan = planning.request_plan(
        UnitOfWork(factory),
        SUPERVISOR,
        postal_point_code="BC01",
        # A later day than the real clock's, which the child process uses.
        service_date=date(2026, 11, 30),
        settings=settings,
        now=clock.now,
    )
    return plan.id, settings


def _wait(factory: sessionmaker[Any], plan_id: int, seconds: float = 60) -> PlanStatus:
    deadline = time.monotonic() + seconds
    status = PlanStatus.QUEUED
    while time.monotonic() < deadline:
        status = planning.get_plan(UnitOfWork(factory), SUPERVISOR, plan_id).status
        if status not in (PlanStatus.QUEUED, PlanStatus.RUNNING):
            break
        time.sleep(0.25)
    return status


@pytest.mark.parametrize("workers", [1, 2])
def test_without_redis_a_child_process_solves_the_plan(
    pg_session_factory: sessionmaker[Any], fresh_pg_url: str, workers: int
) -> None:
    """With two solver workers the child process starts a child of its own."""
    plan_id, settings = _queued_plan(pg_session_factory, fresh_pg_url)
    runner.submit(settings.with_overrides({"solver_workers": workers}), plan_id)
    assert _wait(pg_session_factory, plan_id) is PlanStatus.SUCCEEDED
    plan = planning.get_plan(UnitOfWork(pg_session_factory), SUPERVISOR, plan_id)
    assert sum(len(r.stops) for r in plan.routes) == 4


def test_with_redis_an_rq_worker_on_the_optimize_queue_solves_the_plan(
    pg_session_factory: sessionmaker[Any], fresh_pg_url: str
) -> None:
    connection = redis.Redis.from_url(REDIS_URL)
    connection.flushdb()
    plan_id, settings = _queued_plan(pg_session_factory, fresh_pg_url)
    runner.submit(
        settings.with_overrides({"redis_url": REDIS_URL, "solver_workers": 2}), plan_id
    )
    queue = Queue(runner.QUEUE, connection=connection, serializer=JSONSerializer)
    assert queue.count == 1
    worker = SimpleWorker([queue], connection=connection, serializer=JSONSerializer)
    job = queue.jobs[0]
    assert list(job.args) == [fresh_pg_url, plan_id, 2]
    worker.work(burst=True)
    assert _wait(pg_session_factory, plan_id, seconds=5) is PlanStatus.SUCCEEDED
