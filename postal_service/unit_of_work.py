"""A unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.interfaces import ORMOption

T = TypeVar("T")


class UnitOfWork:
    """``with uow: ...; uow.commit()`` -- leaving the block without commit rolls back."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Any]) -> None:
        self.session_factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self.session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back anything uncommitted and detaches objects without
        # expiring them, so what a service returns can still be rendered.
        self.session.close()

    def commit(self) -> None:
        """Commit the transaction."""
        self.session.commit()

    def fresh(self, model: type[T], ident: int, *options: ORMOption) -> T:
        """Reload an entity and its eager relationships after a commit, for rendering."""
        self.session.expunge_all()
        obj = self.session.get(model, ident, options=options)
        assert obj is not None, f"{model.__name__} {ident} vanished after commit"
        return obj
