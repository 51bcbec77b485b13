"""A device's offline queue, applied in the order things happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from postal_service.access import Caller, item_scope
from postal_service.config import Settings
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


def _already_recorded(uow: UnitOfWork, caller: Caller, sync: SyncEvent) -> Item | None:
    with uow:
        return uow.session.scalar(
            select(Item)
            .join(TrackingEvent, TrackingEvent.item_id == Item.id)
            .where(
                Item.s10_code == sync.item_code,
                TrackingEvent.idempotency_key == sync.client_event_id,
                item_scope(caller),
            )
        )


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
                state=done.state.value,
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
