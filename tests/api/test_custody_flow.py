"""Items through their chain of custody, as clerks, couriers and officers record it."""

from datetime import timedelta

from support import Actions, confirmed_dossier

DOSSIER_CODE = "000.00.15.H10-261123-0001"


def test_a_counter_intake_gives_an_s10_code_and_an_item_at_the_postal_point(
    act: Actions,
) -> None:
    resp = act.intake()
    assert resp.status_code == 201
    item = resp.json["items"][0]
    assert item["s10_code"].startswith("RH") and item["s10_code"].endswith("VN")
    assert item["state"] == "at_postal_point"
    assert resp.headers["Location"].endswith(item["s10_code"])


def test_serials_follow_each_other_per_prefix(act: Actions) -> None:
    first = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    second = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    assert int(second[2:10]) == int(first[2:10]) + 1


def test_the_agency_confirmation_time_is_the_legal_submission_time(
    act: Actions,
) -> None:
    code = confirmed_dossier(act)
    item = act.item("officer", code).json
    assert item["state"] == "delivered"
    assert item["submitted_at"] == act.clock.now.isoformat()
    assert item["on_time"] is True
    assert [e["type"] for e in item["events"]] == [
        "accepted_at_counter",
        "dispatched",
        "handed_over",
        "receipt_confirmed",
    ]


def test_a_home_pickup_waits_for_a_courier_of_its_postal_point(act: Actions) -> None:
    code = act.pickup().json["items"][0]["s10_code"]
    assert act.item("courier", code).json["state"] == "awaiting_pickup"
    resp = act.event("courier", code, "picked_up")
    assert resp.status_code == 201
    assert resp.json["state"] == "in_transit"
    assert resp.json["courier_code"] == "BT01"


def test_a_result_is_delivered_with_the_citizens_id_checked(act: Actions) -> None:
    confirmed_dossier(act)
    result = act.result_ready(
        dossier_code=DOSSIER_CODE, appointment_date="2026-12-01"
    ).json
    code = result["s10_code"]
    assert result["state"] == "awaiting_pickup"
    assert act.event("courier", code, "picked_up").status_code == 201
    proof = {
        "recipient_name": "Nguyễn Văn An",
        "id_type": "cccd",
        "id_number": "019085001234",
    }
    resp = act.event("courier", code, "delivered", proof=proof)
    assert resp.status_code == 201
    stored = resp.json["event"]["proof"]
    assert stored["id_matches_intake"] is True
    assert stored["id_last4"] == "1234"
    assert "019085001234" not in str(resp.json)


def test_a_wrong_id_number_at_the_door_is_refused_and_nothing_is_recorded(
    act: Actions,
) -> None:
    confirmed_dossier(act)
    code = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    act.event("courier", code, "picked_up")
    proof = {
        "recipient_name": "Người Khác",
        "id_type": "cccd",
        "id_number": "019085009999",
    }
    resp = act.event("courier", code, "delivered", proof=proof)
    assert resp.status_code == 422
    assert "proof.id_number" in resp.json["errors"]
    assert act.item("courier", code).json["state"] == "in_transit"


def test_a_proxy_needs_an_authorisation_letter(act: Actions) -> None:
    confirmed_dossier(act)
    code = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    act.event("courier", code, "picked_up")
    proof = {
        "recipient_name": "Trần Văn Bảo",
        "id_type": "cccd",
        "id_number": "001099000111",
        "is_proxy": True,
    }
    assert act.event("courier", code, "delivered", proof=proof).status_code == 422
    proof["authorisation_ref"] = "GUQ-2026-15"
    assert act.event("courier", code, "delivered", proof=proof).status_code == 201


def test_a_failed_attempt_needs_a_reason(act: Actions) -> None:
    confirmed_dossier(act)
    code = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    act.event("courier", code, "picked_up")
    resp = act.event("courier", code, "delivery_failed")
    assert resp.status_code == 422
    assert "reason" in resp.json["errors"]


def test_an_illegal_event_gets_409_naming_the_allowed_ones(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    resp = act.event("courier", code, "delivered")
    assert resp.status_code in (404, 409)  # the courier does not hold it yet
    resp = act.event("clerk", code, "collected_at_counter", proof=None)
    assert resp.status_code == 422  # no proof
    resp = act.event("officer", code, "receipt_confirmed")
    assert resp.status_code == 409
    assert resp.content_type == "application/problem+json"
    assert resp.json["allowed_events"] == ["cancelled", "dispatched"]


def test_an_event_recorded_offline_keeps_its_device_time_and_replays_into_place(
    act: Actions,
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    act.clock.advance(minutes=10)
    act.event("clerk", code, "dispatched", courier_code="BT01")
    handed_at = act.clock.now + timedelta(minutes=30)
    act.clock.advance(hours=3)  # the courier's phone was offline; it syncs late
    resp = act.event("courier", code, "handed_over", occurred_at=handed_at.isoformat())
    assert resp.status_code == 201
    assert resp.json["state"] == "awaiting_confirmation"
    last = resp.json["event"]
    assert last["type"] == "handed_over" and last["courier_code"] == "BT01"
    assert last["occurred_at"] == handed_at.isoformat()
    assert last["recorded_at"] == act.clock.now.isoformat()


def test_a_late_failed_attempt_is_replayed_before_the_later_scan(act: Actions) -> None:
    confirmed_dossier(act)
    code = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    act.event("courier", code, "picked_up")
    failed_at = act.clock.now + timedelta(minutes=30)
    act.clock.advance(hours=1)
    # The courier is back and the clerk scans the bag in; the phone syncs afterwards.
    act.event("clerk", code, "received_at_postal_point")
    resp = act.event(
        "clerk", code, "received_at_postal_point", occurred_at=failed_at.isoformat()
    )
    assert resp.status_code == 409  # two scans-in in a row are illegal in any order
    act.clock.advance(minutes=5)
    late = act.event(
        "courier",
        code,
        "delivery_failed",
        reason="not_home",
        occurred_at=failed_at.isoformat(),
    )
    assert late.status_code == 201
    item = act.item("clerk", code).json
    types = [e["type"] for e in item["events"]]
    assert item["state"] == "at_postal_point"
    assert types[-2:] == ["delivery_failed", "received_at_postal_point"]
    assert item["failed_attempts"] == 1


def test_an_event_from_the_future_is_refused(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    future = (act.clock.now + timedelta(hours=1)).isoformat()
    resp = act.event(
        "clerk", code, "dispatched", courier_code="BT01", occurred_at=future
    )
    assert resp.status_code == 422
    assert "occurred_at" in resp.json["errors"]


def test_a_dispatch_names_a_courier_of_the_same_postal_point(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    resp = act.event("clerk", code, "dispatched", courier_code="BT03")
    assert resp.status_code == 422
    assert "courier_code" in resp.json["errors"]


def test_a_cancelled_item_takes_no_more_events(act: Actions) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    resp = act.client.post(
        f"/api/v1/items/{code}/cancel",
        json={"reason": "Công dân rút hồ sơ"},
        headers=act.world.auth("clerk"),
    )
    assert resp.json["state"] == "cancelled"
    assert (
        act.event("clerk", code, "dispatched", courier_code="BT01").status_code == 409
    )


def test_a_receive_only_citizen_is_registered_by_the_one_stop_system(
    act: Actions,
) -> None:
    body = {
        "dossier_code": "000.00.15.H10-261120-0042",
        "dossier": {
            "procedure_code": "2.000488",
            "postal_point_code": "BC01",
            "citizen": {
                "name": "Đỗ Thị Mai",
                "phone": "0987654321",
                "address": "Xóm 2, xã Tân Cương",
                "commune_code": 5503,
            },
        },
    }
    resp = act.result_ready("onestop", **body)
    assert resp.status_code == 201
    assert resp.json["leg_kind"] == "result"
    assert resp.json["dossier"]["service_type"] == "receive"
    assert act.item("officer2", resp.json["s10_code"]).status_code == 200


def test_a_result_cannot_be_registered_twice(act: Actions) -> None:
    confirmed_dossier(act)
    assert act.result_ready(dossier_code=DOSSIER_CODE).status_code == 201
    resp = act.result_ready(dossier_code=DOSSIER_CODE)
    assert resp.status_code == 409


def test_the_list_filters_by_state_and_due_date_and_pages(act: Actions) -> None:
    for n in range(3):
        act.intake(dossier_code=f"000.00.15.H10-261123-000{n + 1}")
    code = act.pickup(dossier_code="000.00.15.H10-261123-0009").json["items"][0][
        "s10_code"
    ]
    headers = act.world.auth("clerk")
    page = act.client.get(
        "/api/v1/items?state=at_postal_point&page_size=2", headers=headers
    ).json
    assert page["total"] == 3 and len(page["items"]) == 2
    waiting = act.client.get(
        "/api/v1/items?state=awaiting_pickup", headers=headers
    ).json
    assert [i["s10_code"] for i in waiting["items"]] == [code]
    later = (act.clock.now + timedelta(days=30)).isoformat().replace("+00:00", "Z")
    due = act.client.get(f"/api/v1/items?due_after={later}", headers=headers).json
    assert due["total"] == 0
