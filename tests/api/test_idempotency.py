"""Idempotency-Key: a retry gets the first response and writes nothing more."""

from support import Actions, confirmed_dossier, intake_body


def _event_count(act: Actions, code: str) -> int:
    return len(act.item("admin", code).json["events"])


def test_twenty_identical_retries_record_one_event(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    responses = [
        act.event("clerk", code, "dispatched", key="scan-42", courier_code="BT01")
        for _ in range(20)
    ]
    assert {r.status_code for r in responses} == {201}
    assert all(r.json == responses[0].json for r in responses)
    assert [r.headers.get("Idempotent-Replayed") for r in responses[1:]] == [
        "true"
    ] * 19
    assert _event_count(act, code) == 2


def test_twenty_identical_intake_retries_register_one_dossier(act: Actions) -> None:
    headers = {**act.world.auth("clerk"), "Idempotency-Key": "intake-7"}
    codes = {
        act.client.post("/api/v1/intakes", json=intake_body(), headers=headers).json[
            "items"
        ][0]["s10_code"]
        for _ in range(20)
    }
    assert len(codes) == 1
    assert act.count() == 1


def test_the_same_key_with_another_body_is_refused_and_changes_nothing(
    act: Actions,
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    act.event("clerk", code, "dispatched", key="k-1", courier_code="BT01")
    resp = act.event("clerk", code, "dispatched", key="k-1", courier_code="BT02")
    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    assert "Idempotency-Key" in resp.json["errors"]
    assert act.item("admin", code).json["courier_code"] == "BT01"


def test_keys_belong_to_their_user(act: Actions) -> None:
    first = act.intake(dossier_code=None)
    headers = {**act.world.auth("clerk"), "Idempotency-Key": "same"}
    one = act.client.post(
        "/api/v1/intakes", json=intake_body(dossier_code=None), headers=headers
    )
    headers2 = {**act.world.auth("clerk2"), "Idempotency-Key": "same"}
    two = act.client.post(
        "/api/v1/intakes", json=intake_body(dossier_code=None), headers=headers2
    )
    assert first.status_code == one.status_code == two.status_code == 201
    assert one.json["items"][0]["s10_code"] != two.json["items"][0]["s10_code"]


def test_a_refused_request_does_not_burn_its_key(act: Actions) -> None:
    code = confirmed_dossier(act)
    refused = act.event("officer", code, "receipt_confirmed", key="again")
    assert refused.status_code == 409
    fresh = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    act.event("clerk", fresh, "dispatched", courier_code="BT01")
    act.event("courier", fresh, "handed_over")
    reused = act.event("officer", fresh, "receipt_confirmed", key="again")
    assert reused.status_code == 201
    assert reused.json["s10_code"] == fresh


def test_a_retry_after_the_state_moved_on_gets_the_first_response(
    act: Actions,
) -> None:
    code = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    act.event("clerk", code, "dispatched", courier_code="BT01")
    at = act.clock.now.isoformat()
    handed = act.event("courier", code, "handed_over", key="hand-1", occurred_at=at)
    act.clock.advance(minutes=5)
    refused = act.event("officer", code, "receipt_refused", note="Thiếu tờ khai")
    assert refused.json["state"] == "in_transit"
    # The state moved on since: the retry is answered from the stored response.
    retry = act.event("courier", code, "handed_over", key="hand-1", occurred_at=at)
    assert retry.status_code == 201
    assert retry.headers.get("Idempotent-Replayed") == "true"
    assert retry.json == handed.json
    item = act.item("admin", code).json
    assert item["state"] == "in_transit"
    assert [e["type"] for e in item["events"]][-2:] == [
        "handed_over",
        "receipt_refused",
    ]


def test_an_over_long_key_is_refused(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    resp = act.event("clerk", code, "dispatched", key="x" * 201, courier_code="BT01")
    assert resp.status_code == 422
    assert _event_count(act, code) == 1
