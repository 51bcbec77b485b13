"""A device's offline queue, applied in the order things happened."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, select

from postal_service.access import Caller, item_scope_template, scope_params
from postal_service.config import Settings
from postal_service.enums import ItemState, Role
from postal_service.errors import PostalError
from postal_service.models import Item, TrackingEvent
from postal_service.services import custody_events
from postal_service.services.custody import EventRequest
from postal_service.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SyncEvent:
    """One event from a device's offline queue."""

    item_code: str
    client_event_id: str
    event: EventRequest


@dataclass(frozen=True)
class SyncResult:
    """What became of one queued event."""

    client_event_id: str
    item_code: str
    outcome: str  # recorded | duplicate | rejected
    detail: str | None = None
    state: str | None = None


@functools.cache
def _recorded_under(role: Role) -> Select[Any]:
    """The state of an item in the role's scope holding an event under a client id."""
    items, events = cast(Table, Item.__table__), cast(Table, TrackingEvent.__table__)
    return (
        select(items.c.state)
        .join(events, events.c.item_id == items.c.id)
        .where(
            items.c.s10_code == bindparam("code"),
            events.c.idempotency_key == bindparam("client_event_id"),
            item_scope_template(role),
        )
    )


def _already_recorded(
    uow: UnitOfWork, caller: Caller, sync: SyncEvent
) -> ItemState | None:
    """The item's state if this queued event is stored already, else None."""
    with uow:
        state = (
            uow.session.connection()
            .execute(
                _recorded_under(caller.role),
                {
                    "code": sync.item_code,
                    "client_event_id": sync.client_event_id,
                    **scope_params(caller),
                },
            )
            .scalar_one_or_none()
        )
        return cast(ItemState | None, state)


def sync_events(
    uow: UnitOfWork,
    caller: Caller,
    batch: list[SyncEvent],
    *,
    settings: Settings,
    now: datetime,
) -> list[SyncResult]:
    """Apply a device's offline queue in the order things happened, one by one.

    Each event has its own transaction, so one refused event never loses the others;
    an event already stored under its ``client_event_id`` is reported as a duplicate.
    Each is recorded as a single event post is (:func:`custody_events.record`).
    """
    results: dict[str, SyncResult] = {}
    for sync in sorted(batch, key=lambda s: s.event.occurred_at):
        done = _already_recorded(uow, caller, sync)
        if done is not None:
            results[sync.client_event_id] = SyncResult(
                sync.client_event_id,
                sync.item_code,
                "duplicate",
                state=done.value,
            )
            continue
        try:
            with uow:
                recorded = custody_events.record(
                    uow,
                    caller,
                    sync.item_code,
                    sync.event,
                    settings=settings,
                    now=now,
                    idempotency_key=sync.client_event_id,
                )
                uow.commit()
        except PostalError as exc:
            results[sync.client_event_id] = SyncResult(
                sync.client_event_id, sync.item_code, "rejected", detail=exc.message
            )
            continue
        results[sync.client_event_id] = SyncResult(
            sync.client_event_id,
            sync.item_code,
            "recorded",
            state=recorded.state.value,
        )
    return [results[s.client_event_id] for s in batch]
