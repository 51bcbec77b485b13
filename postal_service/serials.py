"""Allocation of S10 serials, safe when many counters register at once."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from postal_service.errors import Conflict
from postal_service.models import SerialCounter
from postal_service.s10 import MAX_SERIAL, make_code


def next_s10_code(session: Session, prefix: str) -> str:
    """Take the next serial for ``prefix`` inside the caller's transaction.

    The UPDATE holds the counter row's lock until the transaction ends, so two
    concurrent transactions never get the same serial; a rollback gives it back.
    """
    bump = (
        update(SerialCounter)
        .where(SerialCounter.prefix == prefix)
        .values(last_serial=SerialCounter.last_serial + 1)
        .returning(SerialCounter.last_serial)
    )
    serial = session.execute(bump).scalar_one_or_none()
    if serial is None:
        try:
            with session.begin_nested():
                session.add(SerialCounter(prefix=prefix, last_serial=0))
        except IntegrityError:
            pass  # another transaction created it first; its row is now there
        serial = session.execute(bump).scalar_one()
    if serial > MAX_SERIAL:
        raise Conflict(f"S10 serials for prefix {prefix} are exhausted")
    return make_code(prefix, serial)


def last_serial(session: Session, prefix: str) -> int:
    """The last serial handed out for ``prefix`` (0 if none)."""
    value = session.scalar(
        select(SerialCounter.last_serial).where(SerialCounter.prefix == prefix)
    )
    return value or 0
