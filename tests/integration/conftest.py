"""Integration fixtures: a throw-away database on the real PostgreSQL, the real Redis."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from postal_service import migrate
from postal_service.db import make_engine, make_session_factory

PG_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _admin_conninfo() -> str:
    url = make_url(PG_URL)
    return f"host={url.host} port={url.port or 5432} user={url.username} dbname={url.database}"


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards."""
    name = f"bcci_it_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def pg_session_factory(fresh_pg_url: str) -> Iterator[sessionmaker[Any]]:
    """A session factory on a migrated, empty PostgreSQL database."""
    migrate.upgrade(fresh_pg_url)
    engine = make_engine(fresh_pg_url)
    yield make_session_factory(engine)
    engine.dispose()
