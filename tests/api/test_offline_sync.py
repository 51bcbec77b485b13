"""A courier's offline queue: applied in time order, once, with device times kept."""

from datetime import timedelta
from typing import Any

from support import Actions, confirmed_dossier

DOSSIER_CODE = "000.00.15.H10-261123-0001"
PROOF = {
    "recipient_name": "Nguyễn Văn An",
    "id_type": "cccd",
    "id_number": "019085001234",
}


def _sync(act: Actions, events: list[dict[str, Any]], who: str = "courier") -> Any:
    return act.client.post(
        "/api/v1/sync", json={"events": events}, headers=act.world.auth(who)
    )


def _result_code(act: Actions) -> str:
    confirmed_dossier(act)
    return str(act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"])


def test_a_queue_sent_in_reverse_is_applied_in_the_order_it_happened(
    act: Actions,
) -> None:
    code = _result_code(act)
    t = act.clock.now
    queue = [
        {
            "client_event_id": "e2",
            "item_code": code,
            "type": "delivered",
            "occurred_at": (t + timedelta(hours=2)).isoformat(),
            "proof": PROOF,
        },
        {
            "client_event_id": "e1",
            "item_code": code,
            "type": "picked_up",
            "occurred_at": (t + timedelta(hours=1)).isoformat(),
        },
    ]
    act.clock.advance(hours=5)
    resp = _sync(act, queue)
    assert resp.status_code == 200
    assert [r["outcome"] for r in resp.json["results"]] == ["recorded", "recorded"]
    item = act.item("courier", code).json
    assert item["state"] == "delivered"
    assert item["delivered_at"] == (t + timedelta(hours=2)).isoformat()
    assert {e["recorded_at"] for e in item["events"][-2:]} == {
        act.clock.now.isoformat()
    }


def test_a_queue_sent_twice_records_each_event_once(act: Actions) -> None:
    code = _result_code(act)
    queue = [
        {
            "client_event_id": "only-once",
            "item_code": code,
            "type": "picked_up",
            "occurred_at": act.clock.now.isoformat(),
        }
    ]
    first = _sync(act, queue).json["results"][0]
    second = _sync(act, queue).json["results"][0]
    assert (first["outcome"], second["outcome"]) == ("recorded", "duplicate")
    assert second["state"] == "in_transit"
    assert len(act.item("courier", code).json["events"]) == 2


def test_a_refused_event_does_not_lose_the_others(act: Actions) -> None:
    code = _result_code(act)
    t = act.clock.now
    queue = [
        {
            "client_event_id": "a",
            "item_code": code,
            "type": "picked_up",
            "occurred_at": t.isoformat(),
        },
        {
            "client_event_id": "b",
            "item_code": code,
            "type": "handed_over",
            "occurred_at": (t + timedelta(minutes=5)).isoformat(),
        },
        {
            "client_event_id": "c",
            "item_code": code,
            "type": "delivery_failed",
            "reason": "not_home",
            "occurred_at": (t + timedelta(minutes=9)).isoformat(),
        },
    ]
    act.clock.advance(minutes=10)
    results = _sync(act, queue).json["results"]
    assert [r["outcome"] for r in results] == ["recorded", "rejected", "recorded"]
    assert "handed_over" in results[1]["detail"]


def test_another_couriers_item_in_the_queue_is_rejected_as_unknown(
    act: Actions,
) -> None:
    code = _result_code(act)
    act.event("courier", code, "picked_up")
    queue = [
        {
            "client_event_id": "x",
            "item_code": code,
            "type": "delivery_failed",
            "reason": "not_home",
            "occurred_at": act.clock.now.isoformat(),
        }
    ]
    result = _sync(act, queue, who="courier3").json["results"][0]
    assert result["outcome"] == "rejected"
    assert result["detail"] == f"No item {code}"
    assert act.item("admin", code).json["state"] == "in_transit"


def test_a_malformed_queue_is_refused_whole(act: Actions) -> None:
    code = _result_code(act)
    queue = [
        {
            "client_event_id": "ok",
            "item_code": code,
            "type": "picked_up",
            "occurred_at": act.clock.now.isoformat(),
        },
        {
            "client_event_id": "bad",
            "item_code": "RR123456784VN",
            "type": "picked_up",
            "occurred_at": act.clock.now.isoformat(),
        },
    ]
    resp = _sync(act, queue)
    assert resp.status_code == 422
    assert "events.1.item_code" in resp.json["errors"]
    assert act.item("admin", code).json["state"] == "awaiting_pickup"


def test_an_empty_queue_is_refused(act: Actions) -> None:
    assert _sync(act, []).status_code == 422
