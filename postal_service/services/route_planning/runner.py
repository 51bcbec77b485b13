"""Running a solve outside the web request: a child process, or an RQ worker with Redis."""

from __future__ import annotations

import multiprocessing

from postal_service.config import Settings
from postal_service.db import make_session_factory
from postal_service.services.route_planning.service import run_plan, solver_for

QUEUE = "optimize"


def run_in_worker(database_url: str, plan_id: int, workers: int = 1) -> str:
    """Entry point of a child process or an RQ job: ids in, nothing shared."""
    factory = make_session_factory(database_url)
    try:
        return run_plan(factory, plan_id, solver=solver_for(workers)).value
    finally:
        factory.kw["bind"].dispose()


def submit(settings: Settings, plan_id: int) -> None:
    """Start solving ``plan_id``: on the ``optimize`` queue if Redis is set, else a child."""
    if settings.redis_url:
        from redis import Redis
        from rq import Queue
        from rq.serializers import JSONSerializer

        queue = Queue(
            QUEUE,
            connection=Redis.from_url(settings.redis_url),
            serializer=JSONSerializer,
        )
        queue.enqueue(
            "postal_service.services.route_planning.runner.run_in_worker",
            settings.database_url,
            plan_id,
            settings.solver_workers,
            job_timeout=settings.solver_time_limit_s * 6 + 60,
        )
        return
    # spawn, not fork: the web process has threads and open connections. A daemon
    # process may not start children, and two solver workers need one.
    process = multiprocessing.get_context("spawn").Process(
        target=run_in_worker,
        args=(settings.database_url, plan_id, settings.solver_workers),
        daemon=settings.solver_workers <= 1,
    )
    process.start()
