"""The chain-of-custody state machine, transition by transition, and replay order."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postal_service.custody import (
    TRANSITIONS,
    Fact,
    allowed_events,
    next_state,
    replay,
    step,
)
from postal_service.enums import EventType, ItemState, LegKind
from postal_service.errors import InvalidTransition

LEGAL = [
    (leg, state, event, after)
    for leg, table in TRANSITIONS.items()
    for (state, event), after in table.items()
]
ILLEGAL = [
    (leg, state, event)
    for leg, table in TRANSITIONS.items()
    for state in [None, *ItemState]
    for event in EventType
    if (state, event) not in table
]
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(("leg", "state", "event", "after"), LEGAL)
def test_every_legal_transition_leads_to_its_state(
    leg: LegKind, state: ItemState | None, event: EventType, after: ItemState
) -> None:
    assert next_state(leg, state, event) is after


@pytest.mark.parametrize(("leg", "state", "event"), ILLEGAL)
def test_every_illegal_transition_is_refused_naming_the_allowed_events(
    leg: LegKind, state: ItemState | None, event: EventType
) -> None:
    with pytest.raises(InvalidTransition) as info:
        next_state(leg, state, event)
    assert info.value.allowed == [e.value for e in allowed_events(leg, state)]
    assert event.value in info.value.message


@pytest.mark.parametrize(
    "state", [ItemState.DELIVERED, ItemState.RETURNED, ItemState.CANCELLED]
)
def test_closed_items_take_no_more_events(state: ItemState) -> None:
    for leg in LegKind:
        assert allowed_events(leg, state) == []


def _facts(types: list[EventType]) -> list[Fact]:
    return [
        Fact(type=t, occurred_at=T0 + timedelta(minutes=10 * i), seq=i, courier_id=7)
        for i, t in enumerate(types)
    ]


DOSSIER_DAY = [
    EventType.PICKUP_REQUESTED,
    EventType.PICKED_UP,
    EventType.RECEIVED_AT_POSTAL_POINT,
    EventType.DISPATCHED,
    EventType.HANDED_OVER,
    EventType.RECEIPT_CONFIRMED,
]
RESULT_DAY = [
    EventType.RESULT_READY,
    EventType.PICKED_UP,
    EventType.DELIVERY_FAILED,
    EventType.DISPATCHED,
    EventType.DELIVERY_FAILED,
    EventType.RETURNED_TO_AGENCY,
]


def test_a_confirmed_handover_sets_the_legal_submission_time() -> None:
    facts = _facts(DOSSIER_DAY)
    derived = replay(LegKind.DOSSIER, facts)
    assert derived.state is ItemState.DELIVERED
    assert derived.submitted_at == facts[-1].occurred_at
    assert derived.closed_at == facts[-1].occurred_at
    assert derived.courier_id is None


def test_failed_attempts_are_counted_and_the_result_can_go_back() -> None:
    derived = replay(LegKind.RESULT, _facts(RESULT_DAY))
    assert derived.state is ItemState.RETURNED
    assert derived.failed_attempts == 2
    assert derived.delivered_at is None


@given(st.permutations(range(len(DOSSIER_DAY))))
def test_events_stored_in_any_order_replay_to_the_same_state(order: list[int]) -> None:
    facts = _facts(DOSSIER_DAY)
    shuffled = [
        Fact(facts[i].type, facts[i].occurred_at, seq=n) for n, i in enumerate(order)
    ]
    assert replay(LegKind.DOSSIER, shuffled).state is ItemState.DELIVERED


def test_a_history_that_is_illegal_in_time_order_is_refused() -> None:
    facts = _facts([EventType.ACCEPTED_AT_COUNTER, EventType.HANDED_OVER])
    with pytest.raises(InvalidTransition):
        replay(LegKind.DOSSIER, facts)


def test_an_empty_history_is_refused() -> None:
    with pytest.raises(InvalidTransition):
        replay(LegKind.DOSSIER, [])


@pytest.mark.parametrize(
    ("leg", "day"), [(LegKind.DOSSIER, DOSSIER_DAY), (LegKind.RESULT, RESULT_DAY)]
)
def test_one_step_from_the_stored_state_equals_the_full_replay(
    leg: LegKind, day: list[EventType]
) -> None:
    facts = _facts(day)
    for n in range(1, len(facts)):
        before = replay(leg, facts[:n])
        assert step(leg, before, facts[n]) == replay(leg, facts[: n + 1])
