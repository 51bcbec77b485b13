"""Two scheduler processes on one PostgreSQL never run a job twice for a period."""

import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker
from support import TEST_SETTINGS, FakeClock, build_world, intake_body

from api import create_app
from postal_service import jobs
from postal_service.config import Settings
from postal_service.models import JobRun, Notification
from postal_service.unit_of_work import UnitOfWork


def test_two_schedulers_run_each_job_once(
    pg_session_factory: sessionmaker[Any],
) -> None:
    clock = FakeClock()
    world = build_world(UnitOfWork(pg_session_factory), clock.now)
    app = create_app(
        overrides=TEST_SETTINGS, session_factory=pg_session_factory, clock=clock
    )
    for n in range(3):
        body = intake_body(dossier_code=f"000.00.15.H10-261123-000{n + 1}")
        app.test_client().post(
            "/api/v1/intakes", json=body, headers=world.auth("clerk")
        )
    clock.advance(days=10)  # every item is now overdue
    settings = Settings().with_overrides({**TEST_SETTINGS, "solver_time_limit_s": 1})
    schedulers = [
        jobs.build_scheduler(
            pg_session_factory, settings, clock=clock, background=True, run_now=True
        )
        for _ in range(2)
    ]
    for scheduler in schedulers:
        scheduler.start()
    uow = UnitOfWork(pg_session_factory)
    deadline = time.monotonic() + 30
    finished = 0
    while time.monotonic() < deadline:
        with uow:
            finished = (
                uow.session.scalar(
                    select(func.count())
                    .select_from(JobRun)
                    .where(JobRun.finished_at.is_not(None))
                )
                or 0
            )
        if finished == len(jobs.JOBS):
            break
        time.sleep(0.2)
    for scheduler in schedulers:
        scheduler.shutdown(wait=True)
    with uow:
        runs = uow.session.execute(
            select(JobRun.job, func.count()).group_by(JobRun.job)
        ).all()
        alerts = uow.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.subject.like("Quá hạn:%"))
        )
    assert dict(runs) == {name: 1 for name in jobs.JOBS}
    assert alerts == 3
