"""Shared fixtures: a database (SQLite or the real PostgreSQL), a fake clock, the app, a world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import sessionmaker
from support import (
    DATABASE_URL,
    IS_POSTGRES,
    TEST_SETTINGS,
    Actions,
    FakeClock,
    World,
    build_world,
    intake_body,
    quick_solver,
)

from api import create_app
from postal_service.config import Settings
from postal_service.db import Base, make_engine, make_session_factory
from postal_service.services.route_planning.service import run_plan
from postal_service.unit_of_work import UnitOfWork


@pytest.fixture(scope="session")
def engine() -> Iterator[Engine]:
    """One engine per test session; PostgreSQL's schema is rebuilt once."""
    eng = make_engine(DATABASE_URL)
    if IS_POSTGRES:
        with eng.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        Base.metadata.create_all(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Any]]:
    """A session factory on an empty database."""
    if IS_POSTGRES:
        factory = make_session_factory(engine)
        yield factory
        names = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        fresh = make_engine("sqlite://")
        Base.metadata.create_all(fresh)
        yield make_session_factory(fresh)
        fresh.dispose()


@pytest.fixture
def uow(session_factory: sessionmaker[Any]) -> UnitOfWork:
    """A unit of work on the test database."""
    return UnitOfWork(session_factory)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting on a Monday morning in Vietnam."""
    return FakeClock()


@pytest.fixture
def settings() -> Settings:
    """Settings with test keys."""
    return Settings().with_overrides(TEST_SETTINGS)


@pytest.fixture
def app(session_factory: sessionmaker[Any], clock: FakeClock) -> Flask:
    """The app on the test database and the fake clock."""

    def run_now(_settings: Settings, plan_id: int) -> None:
        # In tests the solve runs at once, in this thread, with the real planner.
        run_plan(session_factory, plan_id, solver=quick_solver, clock=clock)

    application = create_app(
        overrides={**TEST_SETTINGS, "public_rate_limit": "1000 per minute"},
        session_factory=session_factory,
        clock=clock,
        plan_runner=run_now,
    )
    application.config["TESTING"] = True
    return application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def world(uow: UnitOfWork, clock: FakeClock) -> World:
    """The small province with a user of every role."""
    return build_world(uow, clock.now)


@pytest.fixture
def registered(client: FlaskClient, world: World) -> dict[str, Any]:
    """A dossier registered at BC01's counter for SGTVT; returns the response body."""
    resp = client.post(
        "/api/v1/intakes", json=intake_body(), headers=world.auth("clerk")
    )
    assert resp.status_code == 201, resp.json
    return resp.json  # type: ignore[no-any-return]


@pytest.fixture
def act(client: FlaskClient, world: World, clock: FakeClock) -> Actions:
    """Requests as the province's users."""
    return Actions(client, world, clock)
