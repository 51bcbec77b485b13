"""One custody event as a few SQL statements: the hot path of ``POST /items/{code}/events``.

The item's row is locked (``FOR NO KEY UPDATE`` on PostgreSQL) and read with what its
events derived so far. An event that happened after all the others is folded onto
that in one step; a late one replays the history's facts (type, time, id, courier)
with it in its place. Then the event is inserted and the item's derived state
updated -- no ORM graph is loaded. Events that need the dossier (a
delivery's proof, a failed delivery's invitation or return) take the ORM path of
:mod:`postal_service.services.custody` in the same transaction.

Nothing here commits: the caller's unit of work does, together with the
Idempotency-Key record, so a request is one transaction.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Select, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from postal_service.access import Caller, item_scope_template, scope_params
from postal_service.config import Settings
from postal_service.custody import Derived, Fact, replay, step
from postal_service.enums import EventType, ItemState, LegKind, Role
from postal_service.errors import InvalidInput, NotFound
from postal_service.models import Courier, Item, TrackingEvent
from postal_service.services import custody
from postal_service.services.custody import EventRequest
from postal_service.unit_of_work import UnitOfWork

E = EventType
# These read the dossier (the citizen's ID hash) or may open a return leg.
_ORM_EVENTS = frozenset({E.DELIVERED, E.COLLECTED_AT_COUNTER, E.DELIVERY_FAILED})
# A new event sorts after every stored one that happened at the same instant.
_NEW_SEQ = 2**62
DUPLICATE_KEY = "This Idempotency-Key was already used for another event of this item"


@dataclass(frozen=True)
class RecordedEvent:
    """The stored event, as its poster sees it."""

    id: int
    type: EventType
    occurred_at: datetime
    recorded_at: datetime
    actor_role: Role | None
    courier_code: str | None
    place: str | None
    lat: float | None
    lon: float | None
    note: str | None
    proof: dict[str, Any] | None


@dataclass(frozen=True)
class Recorded:
    """An item's state right after an event, and that event."""

    s10_code: str
    leg_kind: LegKind
    state: ItemState
    courier_code: str | None
    due_at: datetime | None
    last_event_at: datetime
    submitted_at: datetime | None
    delivered_at: datetime | None
    closed_at: datetime | None
    failed_attempts: int
    next_attempt_on: date | None
    event: RecordedEvent


def record(
    uow: UnitOfWork,
    caller: Caller,
    code: str,
    req: EventRequest,
    *,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None = None,
) -> Recorded:
    """Append one event to an item inside ``uow``'s open transaction (no commit).

    The same rules as :func:`custody.record_event`: the caller's role, the scope
    (404 for others), the device time, and a replay of the history in the order
    the events happened (409 naming the allowed events if it is illegal).
    """
    custody.check_recordable(caller, req)
    try:
        if req.type in _ORM_EVENTS:
            return _record_with_orm(
                uow, caller, code, req, settings, now, idempotency_key
            )
        return _record_lean(
            uow.session.connection(), caller, code, req, settings, now, idempotency_key
        )
    except IntegrityError as exc:
        raise InvalidInput(DUPLICATE_KEY, field="Idempotency-Key") from exc


# The statements are built once (per role for the lock): building and hashing a
# statement costs more Python time than running it.
_ITEMS = cast(Table, Item.__table__)
_EVENTS = cast(Table, TrackingEvent.__table__)
_COURIERS = cast(Table, Courier.__table__)
# The item's columns that are a fold of its events (see custody.Derived).
_DERIVED = (
    "state",
    "last_event_at",
    "submitted_at",
    "delivered_at",
    "closed_at",
    "failed_attempts",
    "courier_id",
)


@functools.cache
def _lock_item(role: Role) -> Select[Any]:
    """The item by code, in the role's scope, locked against concurrent events.

    With what its events derived so far, and the code of the courier holding it.
    """
    return (
        select(
            _ITEMS.c.id,
            _ITEMS.c.leg_kind,
            _ITEMS.c.created_at,
            _ITEMS.c.due_at,
            _ITEMS.c.next_attempt_on,
            *(_ITEMS.c[name] for name in _DERIVED),
            _COURIERS.c.code.label("courier_code"),
        )
        .select_from(_ITEMS.outerjoin(_COURIERS, _COURIERS.c.id == _ITEMS.c.courier_id))
        .where(_ITEMS.c.s10_code == bindparam("code"), item_scope_template(role))
        .with_for_update(of=_ITEMS, key_share=True)
    )


_HISTORY = (
    select(
        _EVENTS.c.type,
        _EVENTS.c.occurred_at,
        _EVENTS.c.id,
        _EVENTS.c.courier_id,
        _COURIERS.c.code,
    )
    .outerjoin(_COURIERS, _COURIERS.c.id == _EVENTS.c.courier_id)
    .where(_EVENTS.c.item_id == bindparam("item_id"))
)
# The event's columns, and the item's update: two statements (SQLite), or one with
# both as data-modifying CTEs on PostgreSQL (one round trip less per event).
_EVENT_COLUMNS = (
    "item_id",
    "type",
    "occurred_at",
    "recorded_at",
    "actor_user_id",
    "actor_role",
    "courier_id",
    "place",
    "lat",
    "lon",
    "note",
    "proof",
    "idempotency_key",
)
_INSERT_EVENT = (
    insert(_EVENTS)
    .values(
        {c: bindparam(f"event_{c}", type_=_EVENTS.c[c].type) for c in _EVENT_COLUMNS}
    )
    .returning(_EVENTS.c.id)
)
_UPDATE_ITEM = (
    update(_ITEMS)
    .where(_ITEMS.c.id == bindparam("item_id"))
    .values({n: bindparam(f"item_{n}", type_=_ITEMS.c[n].type) for n in _DERIVED})
)
_INSERT_EVENT_UPDATE_ITEM = select(_INSERT_EVENT.cte("new_event").c.id).add_cte(
    _UPDATE_ITEM.cte("item_update")
)
_COURIER_BY_CODE = select(_COURIERS.c.id, _COURIERS.c.postal_point_id).where(
    _COURIERS.c.code == bindparam("code")
)
_COURIER_CODE = select(_COURIERS.c.code).where(_COURIERS.c.id == bindparam("id"))


def _record_lean(
    conn: Connection,
    caller: Caller,
    code: str,
    req: EventRequest,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None,
) -> Recorded:
    item = conn.execute(
        _lock_item(caller.role), {"code": code, **scope_params(caller)}
    ).one_or_none()
    if item is None:
        raise NotFound(f"No item {code}")
    custody.check_occurred_at(item.created_at, req, settings=settings, now=now)
    codes: dict[int, str] = {}
    if item.courier_id is not None:
        codes[item.courier_id] = item.courier_code
    event_courier = caller.courier_id if caller.role is Role.COURIER else None
    if req.type is E.DISPATCHED:
        event_courier = _dispatch_courier(conn, caller, req, codes)
    custody.check_invitation_date(item.next_attempt_on, req)

    new = Fact(req.type, req.occurred_at, _NEW_SEQ, event_courier)
    if req.occurred_at >= item.last_event_at:
        # In order: the item row holds the fold of the earlier events; one more step.
        before = Derived(*(getattr(item, name) for name in _DERIVED))
        derived = step(item.leg_kind, before, new)
    else:
        # Late (an offline device): replay the whole history with it in its place.
        history = conn.execute(_HISTORY, {"item_id": item.id}).all()
        facts = [Fact(h.type, h.occurred_at, h.id, h.courier_id) for h in history]
        codes.update(
            (h.courier_id, h.code) for h in history if h.courier_id is not None
        )
        derived = replay(item.leg_kind, [*facts, new])

    event_id = _write(
        conn,
        {
            "event_item_id": item.id,
            "event_type": req.type,
            "event_occurred_at": req.occurred_at,
            "event_recorded_at": now,
            "event_actor_user_id": caller.user_id,
            "event_actor_role": caller.role,
            "event_courier_id": event_courier,
            "event_place": req.place,
            "event_lat": req.lat,
            "event_lon": req.lon,
            "event_note": req.note,
            "event_proof": None,
            "event_idempotency_key": idempotency_key,
        },
        {"item_id": item.id, **_columns(derived)},
    )
    return _recorded(
        conn,
        codes,
        code,
        item,
        derived,
        RecordedEvent(
            id=event_id,
            type=req.type,
            occurred_at=req.occurred_at,
            recorded_at=now,
            actor_role=caller.role,
            courier_code=_code_of(conn, event_courier, codes),
            place=req.place,
            lat=req.lat,
            lon=req.lon,
            note=req.note,
            proof=None,
        ),
    )


def _write(conn: Connection, event: dict[str, Any], item_update: dict[str, Any]) -> int:
    """Insert the event and update the item; return the event's id."""
    if conn.dialect.name == "postgresql":
        return int(
            conn.execute(
                _INSERT_EVENT_UPDATE_ITEM, {**event, **item_update}
            ).scalar_one()
        )
    event_id = int(conn.execute(_INSERT_EVENT, event).scalar_one())
    conn.execute(_UPDATE_ITEM, item_update)
    return event_id


def _dispatch_courier(
    conn: Connection, caller: Caller, req: EventRequest, codes: dict[int, str]
) -> int:
    """The courier who takes the bag: one of the caller's postal point."""
    if not req.courier_code:
        raise InvalidInput("Name the courier who takes the bag", field="courier_code")
    courier = conn.execute(_COURIER_BY_CODE, {"code": req.courier_code}).one_or_none()
    if courier is None or courier.postal_point_id != caller.postal_point_id:
        raise InvalidInput(
            f"No courier {req.courier_code} at this postal point", field="courier_code"
        )
    codes[courier.id] = req.courier_code
    return int(courier.id)


def _columns(derived: Derived) -> dict[str, Any]:
    return {
        "item_state": derived.state,
        "item_last_event_at": derived.last_event_at,
        "item_submitted_at": derived.submitted_at,
        "item_delivered_at": derived.delivered_at,
        "item_closed_at": derived.closed_at,
        "item_failed_attempts": derived.failed_attempts,
        "item_courier_id": derived.courier_id,
    }


def _recorded(
    conn: Connection,
    codes: dict[int, str],
    s10_code: str,
    item: Any,
    derived: Any,
    event: RecordedEvent,
) -> Recorded:
    """The answer to an event post: ``item``'s fixed columns, ``derived``'s state."""
    return Recorded(
        s10_code=s10_code,
        leg_kind=item.leg_kind,
        state=derived.state,
        courier_code=_code_of(conn, derived.courier_id, codes),
        due_at=item.due_at,
        last_event_at=derived.last_event_at,
        submitted_at=derived.submitted_at,
        delivered_at=derived.delivered_at,
        closed_at=derived.closed_at,
        failed_attempts=derived.failed_attempts,
        next_attempt_on=item.next_attempt_on,
        event=event,
    )


def _code_of(
    conn: Connection, courier_id: int | None, codes: dict[int, str]
) -> str | None:
    """A courier's code, from those already read or from the database."""
    if courier_id is None:
        return None
    if courier_id not in codes:
        codes[courier_id] = conn.execute(_COURIER_CODE, {"id": courier_id}).scalar_one()
    return codes[courier_id]


def _record_with_orm(
    uow: UnitOfWork,
    caller: Caller,
    code: str,
    req: EventRequest,
    settings: Settings,
    now: datetime,
    idempotency_key: str | None,
) -> Recorded:
    item = custody.scoped_item(uow, caller, code)
    event = custody.append_event(
        uow,
        caller,
        item,
        req,
        settings=settings,
        now=now,
        idempotency_key=idempotency_key,
    )
    uow.session.flush()
    conn = uow.session.connection()
    codes: dict[int, str] = {}
    return _recorded(
        conn,
        codes,
        item.s10_code,
        item,
        item,
        RecordedEvent(
            id=event.id,
            type=event.type,
            occurred_at=event.occurred_at,
            recorded_at=event.recorded_at,
            actor_role=event.actor_role,
            courier_code=_code_of(conn, event.courier_id, codes),
            place=event.place,
            lat=event.lat,
            lon=event.lon,
            note=event.note,
            proof=event.proof,
        ),
    )
