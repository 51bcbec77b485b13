"""One postal point's whole day, through the API, as its users would run it."""

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from support import COMMUNE, Actions, intake_body, png

# Monday 23/11/2026, 07:00 in Vietnam.
DAWN = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
SIGNATURE = png()


def _citizen(
    name: str, phone: str, id_number: str, lat: float, lon: float
) -> dict[str, Any]:
    return {
        "name": name,
        "phone": phone,
        "address": f"Nhà {name}, phường Phan Đình Phùng",
        "commune_code": COMMUNE,
        "lat": lat,
        "lon": lon,
        "id_type": "cccd",
        "id_number": id_number,
    }


def _online_result(act: Actions, code: str, citizen: dict[str, Any]) -> str:
    """The one-stop system says a result is ready for a citizen who filed online."""
    body = {
        "dossier_code": code,
        "dossier": {
            "procedure_code": "1.002804",
            "postal_point_code": "BC01",
            "citizen": citizen,
        },
    }
    resp = act.client.post(
        "/api/v1/results", json=body, headers=act.world.auth("onestop")
    )
    assert resp.status_code == 201, resp.json
    return str(resp.json["s10_code"])


def _handover(
    act: Actions, courier: str, kind: str, codes: list[str], outcome: str = "received"
) -> Any:
    opened = act.client.post(
        "/api/v1/handovers",
        json={"agency_code": "SGTVT", "kind": kind, "item_codes": codes},
        headers=act.world.auth(courier),
    )
    assert opened.status_code == 201, opened.json
    lines = [{"item_code": c, "outcome": outcome} for c in codes]
    confirmed = act.client.post(
        f"/api/v1/handovers/{opened.json['id']}/confirm",
        json={"officer_name": "Vũ Thị Hạnh", "lines": lines},
        headers=act.world.auth("officer"),
    )
    assert confirmed.status_code == 200, confirmed.json
    return confirmed.json


def _deliver(act: Actions, courier: str, code: str, id_number: str, name: str) -> None:
    image = act.client.post(
        f"/api/v1/items/{code}/attachments",
        data={"kind": "signature", "file": (io.BytesIO(SIGNATURE), "ky.png")},
        headers=act.world.auth(courier),
        content_type="multipart/form-data",
    ).json["id"]
    proof = {
        "recipient_name": name,
        "id_type": "cccd",
        "id_number": id_number,
        "attachment_ids": [image],
    }
    resp = act.event(courier, code, "delivered", proof=proof)
    assert resp.status_code == 201, resp.json


def test_a_postal_points_day_from_the_counter_to_the_citizens_door(
    act: Actions,
) -> None:
    act.clock.now = DAWN
    clerk = act.world.auth("clerk")
    # 07:00 counter intake, a home-pickup request, two results ready at the agency.
    counter = act.intake(dossier_code="000.00.15.H10-261123-0101").json["items"][0][
        "s10_code"
    ]
    pickup_body = intake_body(
        dossier_code="000.00.15.H10-261123-0102",
        citizen=_citizen("Hoàng Văn Nam", "0911222333", "019085004321", 21.575, 105.83),
    )
    pickup = act.client.post("/api/v1/pickups", json=pickup_body, headers=clerk).json[
        "items"
    ][0]["s10_code"]
    home = _online_result(
        act,
        "000.00.15.H10-261120-0201",
        _citizen("Trần Thị Lan", "0988777666", "019190001111", 21.60, 105.82),
    )
    away = _online_result(
        act,
        "000.00.15.H10-261120-0202",
        _citizen("Đinh Công Tráng", "0977555444", "019090002222", 21.61, 105.86),
    )
    # 07:05 plan the day, publish it; the clerk hands the counter bag to its courier.
    act.clock.advance(minutes=5)
    requested = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    )
    assert requested.status_code == 202
    plan = act.client.get(requested.headers["Location"], headers=clerk).json
    assert plan["status"] == "succeeded" and plan["dropped"] == []
    published = act.client.post(
        f"/api/v1/plans/{plan['id']}/publish", headers=clerk
    ).json
    routes = {r["courier_code"]: r for r in published["routes"]}
    planned = {s["item_code"] for r in routes.values() for s in r["stops"]}
    assert planned == {counter, pickup, home, away}
    who = {"BT01": "courier", "BT02": "courier2"}
    carrier = {s["item_code"]: who[c] for c, r in routes.items() for s in r["stops"]}
    assert (
        act.event(
            "clerk",
            counter,
            "dispatched",
            courier_code=next(
                c
                for c, r in routes.items()
                if counter in {s["item_code"] for s in r["stops"]}
            ),
        ).status_code
        == 201
    )

    # Each courier follows their route: stop by stop at the planned times.
    for code in routes:
        courier = who[code]
        mine = act.client.get(
            "/api/v1/courier/route", headers=act.world.auth(courier)
        ).json
        assert [s["seq"] for s in mine["stops"]] == list(
            range(1, len(mine["stops"]) + 1)
        )
        act.client.post("/api/v1/courier/route/start", headers=act.world.auth(courier))
        for stop in mine["stops"]:
            eta = datetime.fromisoformat(stop["eta"]) + timedelta(
                seconds=stop["wait_s"]
            )
            act.clock.now = max(act.clock.now, eta)
            item = stop["item_code"]
            if stop["place_kind"] == "agency" and stop["action"] == "pickup":
                _handover(act, courier, "from_agency", [item])
            elif stop["place_kind"] == "agency":
                _handover(act, courier, "to_agency", [item])
            elif stop["action"] == "pickup":
                assert act.event(courier, item, "picked_up").status_code == 201
            elif item == home:
                _deliver(act, courier, item, "019190001111", "Trần Thị Lan")
            else:
                failed = act.event(courier, item, "delivery_failed", reason="not_home")
                assert failed.json["state"] == "delivery_failed"

    # Evening: the failed result comes back; the citizen is invited for Thursday 26/11
    # (Tuesday 24/11 is Culture Day): a second attempt fails, so it goes back.
    away_courier = carrier[away]
    act.clock.now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert act.event(away_courier, away, "received_at_postal_point").status_code == 201
    act.clock.now = datetime(2026, 11, 26, 1, 30, tzinfo=UTC)
    courier_code = "BT01" if away_courier == "courier" else "BT02"
    assert (
        act.event("clerk", away, "dispatched", courier_code=courier_code).status_code
        == 201
    )
    act.clock.advance(hours=1)
    second = act.event(away_courier, away, "delivery_failed", reason="not_home").json
    assert second["state"] == "returned" and second["failed_attempts"] == 2
    ret = act.client.get("/api/v1/items?leg_kind=return", headers=clerk).json["items"][
        0
    ]["s10_code"]
    act.event("clerk", ret, "dispatched", courier_code=courier_code)
    act.clock.advance(hours=1)
    _handover(act, away_courier, "to_agency", [ret])

    # The figures: every leg that finished did so on time; the returned result is not
    # "finished" (it never reached the citizen), its return leg is.
    states = {
        c: act.item("admin", c).json["state"]
        for c in (counter, pickup, home, away, ret)
    }
    assert states == {
        counter: "delivered",
        pickup: "delivered",
        home: "delivered",
        away: "returned",
        ret: "delivered",
    }
    report = act.client.get(
        "/api/v1/reports/on-time?start=2026-11-23T00:00:00Z&end=2026-11-27T00:00:00Z"
        "&group_by=agency",
        headers=act.world.auth("supervisor"),
    ).json
    assert report == [
        {
            "key": "SGTVT",
            "name": "Sở Xây dựng",
            "finished": 4,
            "on_time": 4,
            "late": 0,
            "on_time_percent": 100.0,
        }
    ]
    backlog = act.client.get(
        "/api/v1/reports/backlog", headers=act.world.auth("supervisor")
    ).json
    assert sum(row["open"] for row in backlog) == 0
    tracked = act.client.get("/api/v1/public/track/000.00.15.H10-261120-0201").json
    assert tracked["items"][0]["state_label"] == "Đã giao thành công"
