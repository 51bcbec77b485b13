"""SQLAlchemy base class, engine and session factory."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, Enum, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC; SQLite's naive values come back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


def str_enum(cls: type[Any]) -> Enum:
    """A status column stored as its values (VARCHAR 32), not a native database enum."""
    return Enum(
        cls,
        native_enum=False,
        length=32,
        values_callable=lambda c: [m.value for m in c],
    )


class Base(DeclarativeBase):
    """Declarative base with a naming convention so migrations get stable names."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str) -> Engine:
    """Create an engine; in-memory SQLite shares one connection, file SQLite enforces FKs."""
    if url.startswith("sqlite"):
        kwargs: dict[str, Any] = {}
        if url in ("sqlite://", "sqlite:///:memory:"):
            kwargs = {
                "poolclass": StaticPool,
                "connect_args": {"check_same_thread": False},
            }
        else:
            kwargs = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if url not in ("sqlite://", "sqlite:///:memory:"):
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        return engine
    # No ping per checkout (a round trip each time): connections are recycled instead.
    return create_engine(
        url, pool_size=10, max_overflow=20, pool_recycle=1800, pool_use_lifo=True
    )


def make_session_factory(url_or_engine: str | Engine) -> sessionmaker[Any]:
    """Return a ``sessionmaker`` bound to a new engine for ``url`` (or the given engine)."""
    engine = (
        make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    )
    return sessionmaker(bind=engine, expire_on_commit=False)


def utcnow() -> datetime:
    """The current time in UTC; the only place rules get 'now' when none is passed in."""
    return datetime.now(UTC)
