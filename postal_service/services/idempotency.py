"""The Idempotency-Key store: the first response to a request is replayed to its retries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from postal_service.errors import Conflict, IdempotencyMismatch
from postal_service.models import IdempotencyRecord
from postal_service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class StoredResponse:
    """A response recorded under an idempotency key."""

    status_code: int
    body: Any
    headers: dict[str, str]


def begin(
    uow: UnitOfWork, *, user_id: int, key: str, fingerprint: str, now: datetime
) -> int | StoredResponse:
    """Claim ``key`` for a new request (return the claim id) or return the stored response.

    The claim is committed before the request runs, so a concurrent duplicate finds it
    and gets a conflict instead of running twice.
    """
    with uow:
        record = IdempotencyRecord(
            user_id=user_id, key=key, fingerprint=fingerprint, created_at=now
        )
        uow.session.add(record)
        try:
            uow.commit()
            return record.id
        except IntegrityError:
            uow.session.rollback()
    with uow:
        existing = uow.session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
            )
        )
        if existing is None:  # the other request failed and released the key meanwhile
            raise Conflict("A request with this Idempotency-Key is in progress; retry")
        if existing.fingerprint != fingerprint:
            raise IdempotencyMismatch(
                "This Idempotency-Key was used for a different request",
                field="Idempotency-Key",
            )
        if existing.status_code is None:
            raise Conflict("A request with this Idempotency-Key is in progress; retry")
        return StoredResponse(
            existing.status_code, existing.body, existing.headers or {}
        )


# Built once: these run on every event post.
_RECORDS = cast(Table, IdempotencyRecord.__table__)
_RECORD = insert(_RECORDS)
_STORED = select(
    _RECORDS.c.fingerprint, _RECORDS.c.status_code, _RECORDS.c.body, _RECORDS.c.headers
).where(_RECORDS.c.user_id == bindparam("user_id"), _RECORDS.c.key == bindparam("key"))


def record_in(
    uow: UnitOfWork,
    *,
    user_id: int,
    key: str,
    fingerprint: str,
    now: datetime,
    status_code: int,
    body: Any,
    headers: dict[str, str],
) -> None:
    """Store a response under ``key`` in ``uow``'s open transaction, with the work.

    The unique index on (user, key) decides between concurrent duplicates: the
    second one's insert waits for the first transaction and then fails with an
    ``IntegrityError``; roll back and replay :func:`stored_response`.
    """
    uow.session.connection().execute(
        _RECORD,
        {
            "user_id": user_id,
            "key": key,
            "fingerprint": fingerprint,
            "created_at": now,
            "status_code": status_code,
            "body": body,
            "headers": headers,
        },
    )


def stored_response(
    uow: UnitOfWork, *, user_id: int, key: str, fingerprint: str
) -> StoredResponse | None:
    """The response stored under ``key`` for this request, or None if the key is free.

    The same key with another request -> 422; a claim whose request still runs -> 409.
    """
    existing = (
        uow.session.connection()
        .execute(_STORED, {"user_id": user_id, "key": key})
        .one_or_none()
    )
    if existing is None:
        return None
    if existing.fingerprint != fingerprint:
        raise IdempotencyMismatch(
            "This Idempotency-Key was used for a different request",
            field="Idempotency-Key",
        )
    if existing.status_code is None:
        raise Conflict("A request with this Idempotency-Key is in progress; retry")
    return StoredResponse(existing.status_code, existing.body, existing.headers or {})


def complete(
    uow: UnitOfWork,
    claim_id: int,
    *,
    status_code: int,
    body: Any,
    headers: dict[str, str],
) -> None:
    """Store the response that retries will get."""
    with uow:
        uow.session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.id == claim_id)
            .values(status_code=status_code, body=body, headers=headers)
        )
        uow.commit()


def release(uow: UnitOfWork, claim_id: int) -> None:
    """Forget a claim whose request failed on our side, so a retry runs it afresh."""
    with uow:
        uow.session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.id == claim_id)
        )
        uow.commit()


def purge_before(uow: UnitOfWork, cutoff: datetime) -> int:
    """Delete records older than ``cutoff``; return how many."""
    with uow:
        result = uow.session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff)
        )
        uow.commit()
        return int(result.rowcount)  # type: ignore[attr-defined]
