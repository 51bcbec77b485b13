"""The event post's hand-built answer equals the documented schema's dump."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from api.schemas.items import EventRecordedOut, dump_recorded
from postal_service.enums import EventType, ItemState, LegKind, Role
from postal_service.services.custody_events import Recorded, RecordedEvent

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
ICT = timezone(timedelta(hours=7))


def _event(**kw: object) -> RecordedEvent:
    base: dict[str, object] = dict(
        id=41,
        type=EventType.RECEIVED_AT_POSTAL_POINT,
        occurred_at=T0,
        recorded_at=T0 + timedelta(seconds=3),
        actor_role=Role.CLERK,
        courier_code=None,
        place=None,
        lat=None,
        lon=None,
        note=None,
        proof=None,
    )
    base.update(kw)
    return RecordedEvent(**base)  # type: ignore[arg-type]


def _recorded(event: RecordedEvent, **kw: object) -> Recorded:
    base: dict[str, object] = dict(
        s10_code="RR123456785VN",
        leg_kind=LegKind.DOSSIER,
        state=ItemState.AT_POSTAL_POINT,
        courier_code=None,
        due_at=None,
        last_event_at=event.occurred_at,
        submitted_at=None,
        delivered_at=None,
        closed_at=None,
        failed_attempts=0,
        next_attempt_on=None,
        event=event,
    )
    base.update(kw)
    return Recorded(**base)  # type: ignore[arg-type]


CASES = {
    "in order, received by the clerk": _recorded(_event()),
    "dispatched with a courier, due, at integer coordinates": _recorded(
        _event(
            type=EventType.DISPATCHED,
            courier_code="C-017",
            place="Bưu cục Ba Đình",
            lat=21,
            lon=105,
            note="xe máy",
        ),
        state=ItemState.IN_TRANSIT,
        courier_code="C-017",
        due_at=T0 + timedelta(days=1),
    ),
    "late (an offline device), the item ahead of it, another offset": _recorded(
        _event(
            type=EventType.HANDED_OVER,
            occurred_at=(T0 - timedelta(hours=2)).astimezone(ICT),
            actor_role=Role.COURIER,
            courier_code="C-017",
            lat=21.0285,
            lon=105.8542,
        ),
        state=ItemState.AWAITING_CONFIRMATION,
        courier_code="C-017",
        due_at=T0 + timedelta(days=1),
        last_event_at=T0,
    ),
    "submitted late, no actor role": _recorded(
        _event(type=EventType.RECEIPT_CONFIRMED, actor_role=None),
        state=ItemState.DELIVERED,
        due_at=T0 - timedelta(hours=1),
        submitted_at=T0,
        closed_at=T0,
    ),
    "result delivered on time with proof": _recorded(
        _event(
            type=EventType.DELIVERED,
            actor_role=Role.COURIER,
            courier_code="C-017",
            proof={"method": "signature", "recipient_name": "Nguyễn Văn A"},
        ),
        leg_kind=LegKind.RESULT,
        state=ItemState.DELIVERED,
        due_at=T0 + timedelta(hours=4),
        delivered_at=T0,
        closed_at=T0,
    ),
    "failed delivery with the next attempt": _recorded(
        _event(type=EventType.DELIVERY_FAILED, actor_role=Role.COURIER, note="vắng"),
        leg_kind=LegKind.RESULT,
        state=ItemState.DELIVERY_FAILED,
        failed_attempts=2,
        next_attempt_on=date(2026, 3, 4),
    ),
}


@pytest.mark.parametrize("recorded", CASES.values(), ids=CASES.keys())
def test_dump_recorded_equals_the_schema_dump(recorded: Recorded) -> None:
    expected = EventRecordedOut().dump(recorded)
    got = dump_recorded(recorded)
    assert got == expected
    assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)
    assert list(got) == list(expected)
    assert list(got["event"]) == list(expected["event"])
