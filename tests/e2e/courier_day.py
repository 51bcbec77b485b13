"""A courier's published day for the browser tests: BC01's only courier on duty (BT01)
has a home pickup, a dossier for the agency and a result to deliver at a door."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from support import Actions, confirmed_dossier, intake_body

CITIZEN_ID = "019085001234"  # intake_body's citizen
PICKUP_AT = {"lat": 21.575, "lon": 105.83}


@dataclass
class Day:
    """The route as the API gives it, its visits as the app groups them, the codes."""

    route: dict[str, Any]
    visits: list[list[dict[str, Any]]]
    pickup: str
    counter: str
    result: str


def visits_of(route: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Consecutive stops at one place, as the phone shows them (one visit each)."""
    visits: list[list[dict[str, Any]]] = []
    for stop in route["stops"]:
        place = (stop["place_kind"], stop.get("agency_name") or stop["address"])
        last = visits[-1][0] if visits else None
        if (
            last
            and (last["place_kind"], last.get("agency_name") or last["address"])
            == place
        ):
            visits[-1].append(stop)
        else:
            visits.append([stop])
    return visits


def place_of(visit: list[dict[str, Any]]) -> str:
    """The visit's heading: the agency's name or the address."""
    return str(visit[0].get("agency_name") or visit[0]["address"])


def publish_day(act: Actions) -> Day:
    """Plan and publish BC01's day for BT01; the clerk hands over the bag."""
    off = act.client.patch(
        "/api/v1/couriers/BT02",
        json={"active": False},
        headers=act.world.auth("supervisor"),
    )
    assert off.status_code == 200, off.json
    confirmed_dossier(act)  # 000.00.15.H10-261123-0001, now at the agency
    result = act.result_ready(dossier_code="000.00.15.H10-261123-0001").json["s10_code"]
    for event in ("picked_up", "received_at_postal_point"):
        assert act.event("courier", result, event).status_code == 201
    body = intake_body(dossier_code="000.00.15.H10-261123-0002")
    body["citizen"] = {**body["citizen"], **PICKUP_AT, "name": "Hoàng Văn Nam"}
    body["citizen"]["address"] = "Số 12, tổ 5, phường Phan Đình Phùng"
    pickup = act.client.post(
        "/api/v1/pickups", json=body, headers=act.world.auth("clerk")
    ).json["items"][0]["s10_code"]
    counter = act.intake(dossier_code="000.00.15.H10-261123-0003").json["items"][0][
        "s10_code"
    ]
    clerk = act.world.auth("clerk")
    requested = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    )
    plan = act.client.get(requested.headers["Location"], headers=clerk).json
    assert plan["status"] == "succeeded" and plan["dropped"] == [], plan
    published = act.client.post(f"/api/v1/plans/{plan['id']}/publish", headers=clerk)
    assert published.status_code == 200, published.json
    for code in (counter, result):
        dispatched = act.event("clerk", code, "dispatched", courier_code="BT01")
        assert dispatched.status_code == 201, dispatched.json
    route = act.client.get(
        "/api/v1/courier/route", headers=act.world.auth("courier")
    ).json
    assert {s["item_code"] for s in route["stops"]} == {pickup, counter, result}
    return Day(route, visits_of(route), pickup, counter, result)
