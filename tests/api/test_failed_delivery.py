"""Failed deliveries: invite again two working days later, then send the result back."""

from datetime import UTC, datetime, timedelta

import pytest
from support import Actions, confirmed_dossier

DOSSIER_CODE = "000.00.15.H10-261123-0001"


@pytest.fixture
def out_for_delivery(act: Actions) -> str:
    confirmed_dossier(act)
    code = str(act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"])
    assert act.event("courier", code, "picked_up").status_code == 201
    return code


def _outbox(act: Actions) -> list[str]:
    from postal_service.services import notifications
    from postal_service.unit_of_work import UnitOfWork

    factory = act.client.application.extensions["session_factory"]
    return [n.body for n in notifications.outbox(UnitOfWork(factory))]


def test_a_failed_attempt_invites_the_citizen_two_working_days_later(
    act: Actions, out_for_delivery: str
) -> None:
    resp = act.event("courier", out_for_delivery, "delivery_failed", reason="not_home")
    assert resp.json["state"] == "delivery_failed"
    # Monday 23/11/2026 -> Thursday 26/11: Tuesday 24/11 is Vietnam Culture Day, a
    # public holiday from 2026 on.
    messages = _outbox(act)
    assert len(messages) == 1
    assert "26/11/2026" in messages[0] and out_for_delivery in messages[0]


def test_the_next_attempt_cannot_go_out_before_the_invitation_day(
    act: Actions, out_for_delivery: str
) -> None:
    act.event("courier", out_for_delivery, "delivery_failed", reason="not_home")
    act.event("courier", out_for_delivery, "received_at_postal_point")
    act.clock.advance(days=2)
    early = act.event("clerk", out_for_delivery, "dispatched", courier_code="BT01")
    assert early.status_code == 409
    assert "occurred_at" in early.json["errors"]
    act.clock.advance(days=1)
    assert (
        act.event(
            "clerk", out_for_delivery, "dispatched", courier_code="BT01"
        ).status_code
        == 201
    )


def test_over_a_weekend_the_invitation_skips_to_working_days(
    act: Actions, out_for_delivery: str
) -> None:
    friday = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    act.clock.now = friday
    act.event("courier", out_for_delivery, "delivery_failed", reason="wrong_address")
    assert "01/12/2026" in _outbox(act)[-1]


def test_after_the_second_failed_invitation_a_return_leg_is_created(
    act: Actions, out_for_delivery: str
) -> None:
    act.event("courier", out_for_delivery, "delivery_failed", reason="not_home")
    act.clock.advance(days=3)
    act.event("courier", out_for_delivery, "received_at_postal_point")
    act.event("clerk", out_for_delivery, "dispatched", courier_code="BT01")
    resp = act.event("courier", out_for_delivery, "delivery_failed", reason="refused")
    assert resp.json["state"] == "returned"
    assert resp.json["failed_attempts"] == 2
    assert resp.json["event"]["type"] == "delivery_failed"
    history = act.item("courier", out_for_delivery).json["events"]
    assert [e["type"] for e in history[-2:]] == [
        "delivery_failed",
        "returned_to_agency",
    ]
    legs = act.client.get(
        f"/api/v1/items?dossier_code={DOSSIER_CODE}&leg_kind=return",
        headers=act.world.auth("officer"),
    ).json["items"]
    assert len(legs) == 1 and legs[0]["state"] == "at_postal_point"
    assert legs[0]["s10_code"].startswith("RT")
    assert "chuyển hoàn" in _outbox(act)[-1]


def test_the_return_leg_ends_with_the_agencys_confirmation(
    act: Actions, out_for_delivery: str
) -> None:
    for _ in range(2):
        act.event("courier", out_for_delivery, "delivery_failed", reason="not_home")
        act.clock.advance(days=3)
        if act.item("admin", out_for_delivery).json["state"] == "returned":
            break
        act.event("courier", out_for_delivery, "received_at_postal_point")
        act.event("clerk", out_for_delivery, "dispatched", courier_code="BT01")
    ret = act.client.get(
        "/api/v1/items?leg_kind=return", headers=act.world.auth("clerk")
    ).json["items"][0]["s10_code"]
    act.event("clerk", ret, "dispatched", courier_code="BT02")
    act.event("courier2", ret, "handed_over")
    done = act.event("officer", ret, "receipt_confirmed")
    assert done.json["state"] == "delivered"
    assert done.json["leg_kind"] == "return"
    assert timedelta(0) <= act.clock.now - datetime.fromisoformat(
        done.json["closed_at"]
    )
