"""Scheduled jobs (APScheduler 3) in their own process; each job claims its period first.

``python -m postal_service.jobs`` (or ``postal-service scheduler``) runs them. Two
scheduler processes may run side by side: a job's period (the hour, the local day) is
claimed by inserting a ``job_runs`` row, and only the process whose insert succeeds runs.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from postal_service.calendar import LOCAL_TZ
from postal_service.config import Settings
from postal_service.db import make_session_factory, utcnow
from postal_service.models import JobRun
from postal_service.services import maintenance
from postal_service.services.route_planning import service as planning
from postal_service.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def hour_period(now: datetime) -> str:
    """The local hour a job runs for: '2026-11-23T09'."""
    return now.astimezone(LOCAL_TZ).strftime("%Y-%m-%dT%H")


def day_period(now: datetime) -> str:
    """The local day a job runs for: '2026-11-23'."""
    return now.astimezone(LOCAL_TZ).strftime("%Y-%m-%d")


def claim(uow: UnitOfWork, job: str, period: str, *, now: datetime) -> int | None:
    """Claim ``job`` for ``period``; None when another process already has it."""
    with uow:
        run = JobRun(job=job, period=period, claimed_at=now)
        uow.session.add(run)
        try:
            uow.commit()
        except IntegrityError:
            return None
        return run.id


def finish(
    uow: UnitOfWork, run_id: int, summary: dict[str, Any], *, now: datetime
) -> None:
    """Record what a claimed run did."""
    with uow:
        run = uow.session.get(JobRun, run_id)
        assert run is not None
        run.finished_at = now
        run.summary = summary
        uow.commit()


JOBS: dict[
    str,
    tuple[
        Callable[[datetime], str],
        Callable[[UnitOfWork, Settings, datetime], dict[str, Any]],
    ],
] = {
    "overdue_alerts": (
        hour_period,
        lambda uow, _s, now: maintenance.detect_overdue(uow, now=now),
    ),
    "nightly_summary": (
        day_period,
        lambda uow, _s, now: maintenance.nightly_summary(uow, now=now),
    ),
    "nightly_planning": (
        day_period,
        lambda uow, s, now: planning.plan_next_working_day(
            uow.session_factory, s, now=now
        ),
    ),
    "retention_purge": (
        day_period,
        lambda uow, s, now: maintenance.purge_personal_data(
            uow, now=now, retention_years=s.retention_years
        ),
    ),
}
SCHEDULES = {
    "overdue_alerts": CronTrigger(minute=5, timezone=LOCAL_TZ),
    "nightly_summary": CronTrigger(hour=20, minute=0, timezone=LOCAL_TZ),
    "nightly_planning": CronTrigger(hour=21, minute=0, timezone=LOCAL_TZ),
    "retention_purge": CronTrigger(hour=2, minute=30, timezone=LOCAL_TZ),
}


def run_job(
    name: str,
    session_factory: sessionmaker[Any],
    settings: Settings,
    clock: Clock = utcnow,
) -> dict[str, Any] | None:
    """Run one job for the current period if nobody has; return its summary or None."""
    period_of, body = JOBS[name]
    now = clock()
    uow = UnitOfWork(session_factory)
    run_id = claim(uow, name, period_of(now), now=now)
    if run_id is None:
        log.info("job %s for %s already claimed", name, period_of(now))
        return None
    summary = body(uow, settings, now)
    finish(uow, run_id, summary, now=clock())
    log.info("job %s for %s done: %s", name, period_of(now), summary)
    return summary


def build_scheduler(
    session_factory: sessionmaker[Any],
    settings: Settings,
    *,
    clock: Clock = utcnow,
    background: bool = False,
    run_now: bool = False,
) -> BackgroundScheduler | BlockingScheduler:
    """A scheduler with every job; ``run_now`` also fires each job once at start."""
    scheduler = (BackgroundScheduler if background else BlockingScheduler)(
        timezone=LOCAL_TZ
    )
    for name, trigger in SCHEDULES.items():
        scheduler.add_job(
            run_job,
            trigger,
            args=[name, session_factory, settings, clock],
            id=name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=600,
            **({"next_run_time": datetime.now(LOCAL_TZ)} if run_now else {}),
        )
    return scheduler


def main() -> None:
    """Run the scheduler in the foreground until SIGTERM or Ctrl-C."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    settings = Settings.from_env()
    scheduler = build_scheduler(make_session_factory(settings.database_url), settings)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    scheduler.start()


if __name__ == "__main__":
    main()
