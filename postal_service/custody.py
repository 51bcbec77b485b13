"""The chain-of-custody state machine: which event may follow which state, per leg kind.

The state of an item is a fold of its events in the order they *happened*
(``occurred_at``), so a late or out-of-order event is replayed into place rather
than appended blindly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from postal_service.enums import EventType as E
from postal_service.enums import ItemState as S
from postal_service.enums import LegKind
from postal_service.errors import InvalidTransition

# (leg kind, state or None for "no event yet", event) -> next state
_COMMON_CARRIAGE: dict[tuple[S | None, E], S] = {
    (S.IN_TRANSIT, E.RECEIVED_AT_POSTAL_POINT): S.AT_POSTAL_POINT,
    (S.AT_POSTAL_POINT, E.DISPATCHED): S.IN_TRANSIT,
}

_TO_AGENCY: dict[tuple[S | None, E], S] = {
    **_COMMON_CARRIAGE,
    (S.IN_TRANSIT, E.HANDED_OVER): S.AWAITING_CONFIRMATION,
    (S.AWAITING_CONFIRMATION, E.RECEIPT_CONFIRMED): S.DELIVERED,
    (S.AWAITING_CONFIRMATION, E.RECEIPT_REFUSED): S.IN_TRANSIT,
}

TRANSITIONS: dict[LegKind, dict[tuple[S | None, E], S]] = {
    LegKind.DOSSIER: {
        (None, E.ACCEPTED_AT_COUNTER): S.AT_POSTAL_POINT,
        (None, E.PICKUP_REQUESTED): S.AWAITING_PICKUP,
        (S.AWAITING_PICKUP, E.PICKED_UP): S.IN_TRANSIT,
        (S.AWAITING_PICKUP, E.CANCELLED): S.CANCELLED,
        (S.AT_POSTAL_POINT, E.CANCELLED): S.CANCELLED,
        **_TO_AGENCY,
    },
    LegKind.RESULT: {
        (None, E.RESULT_READY): S.AWAITING_PICKUP,
        (S.AWAITING_PICKUP, E.PICKED_UP): S.IN_TRANSIT,
        (S.AWAITING_PICKUP, E.CANCELLED): S.CANCELLED,
        **_COMMON_CARRIAGE,
        (S.IN_TRANSIT, E.DELIVERED): S.DELIVERED,
        (S.IN_TRANSIT, E.DELIVERY_FAILED): S.DELIVERY_FAILED,
        (S.DELIVERY_FAILED, E.DISPATCHED): S.IN_TRANSIT,
        (S.DELIVERY_FAILED, E.RECEIVED_AT_POSTAL_POINT): S.AT_POSTAL_POINT,
        (S.AT_POSTAL_POINT, E.COLLECTED_AT_COUNTER): S.DELIVERED,
        (S.DELIVERY_FAILED, E.RETURNED_TO_AGENCY): S.RETURNED,
        (S.AT_POSTAL_POINT, E.RETURNED_TO_AGENCY): S.RETURNED,
    },
    LegKind.RETURN: {
        (None, E.RETURN_REGISTERED): S.AT_POSTAL_POINT,
        **_TO_AGENCY,
    },
}

TERMINAL_STATES = frozenset({S.DELIVERED, S.RETURNED, S.CANCELLED})
CREATION_EVENTS = frozenset(
    {E.ACCEPTED_AT_COUNTER, E.PICKUP_REQUESTED, E.RESULT_READY, E.RETURN_REGISTERED}
)


def allowed_events(leg: LegKind, state: S | None) -> list[E]:
    """Events that may follow ``state`` on a leg of kind ``leg``, in a stable order."""
    return sorted(e for (s, e) in TRANSITIONS[leg] if s == state)


def next_state(leg: LegKind, state: S | None, event: E) -> S:
    """Return the state after ``event``; raise ``InvalidTransition`` naming the allowed ones."""
    try:
        return TRANSITIONS[leg][(state, event)]
    except KeyError:
        allowed = allowed_events(leg, state)
        where = state.value if state else "new"
        raise InvalidTransition(
            f"A {leg.value} item that is {where} cannot take '{event.value}'; "
            f"allowed: {', '.join(a.value for a in allowed) or 'none (closed)'}",
            allowed=[a.value for a in allowed],
        ) from None


@dataclass(frozen=True)
class Fact:
    """The part of a tracking event the state machine needs."""

    type: E
    occurred_at: datetime
    seq: int  # tie-breaker: the order the server recorded it
    courier_id: int | None = None


@dataclass(frozen=True)
class Derived:
    """Everything about an item that follows from its events."""

    state: S
    last_event_at: datetime
    submitted_at: datetime | None  # legal submission time: the agency's confirmation
    delivered_at: datetime | None
    closed_at: datetime | None
    failed_attempts: int
    courier_id: int | None


_CARRIED_BY_COURIER = frozenset({E.PICKED_UP, E.DISPATCHED})
_LEFT_COURIER = frozenset(
    {E.RECEIVED_AT_POSTAL_POINT, E.RECEIPT_CONFIRMED, E.DELIVERED, E.RETURNED_TO_AGENCY}
)


def replay(leg: LegKind, facts: Iterable[Fact]) -> Derived:
    """Fold events in the order they happened; raise ``InvalidTransition`` if they clash."""
    derived: Derived | None = None
    for fact in sorted(facts, key=lambda f: (f.occurred_at, f.seq)):
        derived = step(leg, derived, fact)
    if derived is None:
        raise InvalidTransition("An item needs at least its creation event", allowed=[])
    return derived


def step(leg: LegKind, before: Derived | None, fact: Fact) -> Derived:
    """Fold one more event, which happened after all the others, into ``before``.

    ``before`` is what the earlier events derived (None: no event yet). An item row
    stores exactly that, so an event that arrives in order needs no replay.
    """
    state = next_state(leg, before.state if before else None, fact.type)
    submitted = before.submitted_at if before else None
    delivered = before.delivered_at if before else None
    closed = before.closed_at if before else None
    failed = before.failed_attempts if before else 0
    courier = before.courier_id if before else None
    if fact.type is E.RECEIPT_CONFIRMED:
        submitted = fact.occurred_at
    elif fact.type in (E.DELIVERED, E.COLLECTED_AT_COUNTER):
        delivered = fact.occurred_at
    elif fact.type is E.DELIVERY_FAILED:
        failed += 1
    if fact.type in _CARRIED_BY_COURIER and fact.courier_id is not None:
        courier = fact.courier_id
    elif fact.type in _LEFT_COURIER:
        courier = None
    if state in TERMINAL_STATES and closed is None:
        closed = fact.occurred_at
    return Derived(
        state, fact.occurred_at, submitted, delivered, closed, failed, courier
    )
