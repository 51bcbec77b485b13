"""Periodic jobs: overdue alerts, the nightly summary, the retention purge, period claims."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker
from support import Actions, FakeClock, confirmed_dossier

from postal_service import jobs
from postal_service.config import Settings
from postal_service.enums import NotificationChannel
from postal_service.models import Dossier, JobRun, Notification, TrackingEvent
from postal_service.services import maintenance
from postal_service.unit_of_work import UnitOfWork


def _alerts(uow: UnitOfWork) -> list[Notification]:
    with uow:
        return list(
            uow.session.scalars(
                select(Notification).where(
                    Notification.channel == NotificationChannel.SUPERVISOR_ALERT
                )
            )
        )


def test_an_overdue_item_is_alerted_once(act: Actions, uow: UnitOfWork) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    assert maintenance.detect_overdue(uow, now=act.clock.now) == {"overdue": 0}
    later = act.clock.advance(days=5)
    assert maintenance.detect_overdue(uow, now=later) == {"overdue": 1}
    maintenance.detect_overdue(uow, now=later + timedelta(hours=1))
    alerts = _alerts(uow)
    assert [a.subject for a in alerts] == [f"Quá hạn: {code}"]


def test_a_closed_item_is_never_overdue(act: Actions, uow: UnitOfWork) -> None:
    confirmed_dossier(act)
    assert maintenance.detect_overdue(uow, now=act.clock.advance(days=30)) == {
        "overdue": 0
    }


def test_the_nightly_summary_counts_on_time_work(act: Actions, uow: UnitOfWork) -> None:
    confirmed_dossier(act)
    act.intake(dossier_code=None)
    summary = maintenance.nightly_summary(uow, now=act.clock.advance(hours=10))
    assert summary["finished_last_24h"] == 1
    assert summary["on_time_percent"] == 100.0
    assert summary["by_state"] == {"delivered": 1, "at_postal_point": 1}


def test_personal_data_is_purged_five_years_after_the_item_closed(
    act: Actions, uow: UnitOfWork
) -> None:
    confirmed_dossier(act)
    act.intake(dossier_code=None)  # still open: kept
    maintenance.purge_personal_data(
        uow, now=act.clock.now + timedelta(days=365 * 4), retention_years=5
    )
    result = maintenance.purge_personal_data(
        uow, now=act.clock.now + timedelta(days=365 * 5 + 5), retention_years=5
    )
    assert result["dossiers_purged"] == 1
    with uow:
        rows = uow.session.scalars(select(Dossier).order_by(Dossier.id)).all()
        assert rows[0].citizen_name == "[đã xóa]" and rows[0].citizen_id_hash is None
        assert rows[1].citizen_name == "Nguyễn Văn An"
        assert (
            uow.session.scalar(
                select(TrackingEvent.id).where(TrackingEvent.proof.is_not(None))
            )
            is None
        )


def test_a_period_is_claimed_once(
    session_factory: sessionmaker[Any], settings: Settings, clock: FakeClock
) -> None:
    first = jobs.run_job("overdue_alerts", session_factory, settings, clock)
    second = jobs.run_job("overdue_alerts", session_factory, settings, clock)
    clock.advance(hours=1)
    third = jobs.run_job("overdue_alerts", session_factory, settings, clock)
    assert first == {"overdue": 0} and second is None and third == {"overdue": 0}
    uow = UnitOfWork(session_factory)
    with uow:
        periods = uow.session.scalars(select(JobRun.period).order_by(JobRun.id)).all()
    assert periods == ["2026-11-23T09", "2026-11-23T10"]


@pytest.mark.parametrize("name", sorted(jobs.JOBS))
def test_every_job_runs_on_an_empty_database(
    name: str, session_factory: sessionmaker[Any], settings: Settings, clock: FakeClock
) -> None:
    assert jobs.run_job(name, session_factory, settings, clock) is not None


@pytest.mark.parametrize("workers", [1, 2])
def test_the_nightly_job_plans_the_next_working_day_without_publishing(
    act: Actions,
    session_factory: sessionmaker[Any],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    workers: int,
) -> None:
    from postal_service.access import Caller
    from postal_service.enums import PlanStatus, Role
    from postal_service.services.route_planning import service as planning

    solves: list[int] = []
    real_plan_routes = planning.plan_routes

    def plan_routes(problem: Any, **kwargs: Any) -> Any:
        solves.append(kwargs.get("workers", 1))
        return real_plan_routes(problem, **kwargs)

    monkeypatch.setattr(planning, "plan_routes", plan_routes)
    act.intake()
    quick = settings.with_overrides(
        {"solver_time_limit_s": 1, "solver_workers": workers}
    )
    summary = jobs.run_job("nightly_planning", session_factory, quick, act.clock)
    # SOLVER_WORKERS reaches the planner.
    assert solves == [workers, workers]
    # Monday -> Wednesday: Tuesday 24/11 is Culture Day.
    assert summary == {"day": "2026-11-25", "plans": 2, "succeeded": 2}
    plans = planning.list_plans(
        UnitOfWork(session_factory), Caller(1, Role.ADMIN), service_date=None
    )
    assert {p.status for p in plans} == {PlanStatus.SUCCEEDED}
    assert sum(len(r.stops) for p in plans for r in p.routes) == 1
