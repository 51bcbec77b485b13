"""An urgent pickup joins a route a courier has started, keeping what is done."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support import Actions, confirmed_dossier, intake_body

DAWN = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)  # 07:30 local


@pytest.fixture
def started(act: Actions) -> dict[str, Any]:
    """BC01's plan published, one courier's route started and its first stop done."""
    act.clock.now = DAWN
    confirmed_dossier(act)
    act.result_ready(dossier_code="000.00.15.H10-261123-0001")
    act.intake(dossier_code="000.00.15.H10-261123-0002")
    clerk = act.world.auth("clerk")
    plan = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    ).json
    published = act.client.post(
        f"/api/v1/plans/{plan['id']}/publish", headers=clerk
    ).json
    route = max(published["routes"], key=lambda r: len(r["stops"]))
    who = {"BT01": "courier", "BT02": "courier2"}[route["courier_code"]]
    start = act.client.post(
        "/api/v1/courier/route/start", headers=act.world.auth(who)
    ).json
    first = route["stops"][0]
    act.clock.now = max(act.clock.now, datetime.fromisoformat(first["eta"]))
    if first["action"] == "pickup" and first["place_kind"] == "agency":
        opened = act.client.post(
            "/api/v1/handovers",
            json={
                "agency_code": "SGTVT",
                "kind": "from_agency",
                "item_codes": [first["item_code"]],
            },
            headers=act.world.auth(who),
        ).json
        act.client.post(
            f"/api/v1/handovers/{opened['id']}/confirm",
            json={
                "officer_name": "Vũ Thị Hạnh",
                "lines": [{"item_code": first["item_code"], "outcome": "received"}],
            },
            headers=act.world.auth("officer"),
        )
    elif first["place_kind"] == "agency":
        if act.item("admin", first["item_code"]).json["state"] == "at_postal_point":
            act.event(
                "clerk",
                first["item_code"],
                "dispatched",
                courier_code=route["courier_code"],
            )
        act.event(who, first["item_code"], "handed_over")
    return {
        "route": route,
        "who": who,
        "first": first,
        "started_at": start["started_at"],
    }


def _urgent_pickup(act: Actions) -> str:
    body = intake_body(dossier_code="000.00.15.H10-261123-0099")
    body["citizen"] = {**body["citizen"], "lat": 21.58, "lon": 105.83}
    return str(
        act.client.post(
            "/api/v1/pickups", json=body, headers=act.world.auth("clerk")
        ).json["items"][0]["s10_code"]
    )


def test_an_urgent_pickup_joins_the_started_route_after_what_is_done(
    act: Actions, started: dict[str, Any]
) -> None:
    urgent = _urgent_pickup(act)
    clerk = act.world.auth("clerk")
    resp = act.client.post(
        "/api/v1/plans/insertions",
        json={"route_id": started["route"]["id"], "item_code": urgent},
        headers=clerk,
    )
    assert resp.status_code == 202
    plan = act.client.get(resp.headers["Location"], headers=clerk).json
    assert plan["status"] == "succeeded", plan
    assert plan["dropped"] == [], plan["dropped"]
    assert plan["amends_route_id"] == started["route"]["id"]
    act.client.post(f"/api/v1/plans/{plan['id']}/publish", headers=clerk)
    mine = act.client.get(
        "/api/v1/courier/route", headers=act.world.auth(started["who"])
    ).json
    codes = [s["item_code"] for s in mine["stops"]]
    assert urgent in codes
    assert mine["stops"][0]["item_code"] == started["first"]["item_code"]
    assert mine["stops"][0]["action"] == started["first"]["action"]
    assert mine["started_at"] == started["started_at"]
    asked = datetime.fromisoformat(plan["requested_at"])
    for stop in mine["stops"][1:]:  # what is left starts from the insertion request on
        service_start = datetime.fromisoformat(stop["eta"]) + timedelta(
            seconds=stop["wait_s"]
        )
        assert service_start >= asked
    before = {s["item_code"] for s in started["route"]["stops"]}
    assert before <= set(codes)


def test_only_a_started_route_takes_an_insertion(act: Actions) -> None:
    act.clock.now = DAWN
    confirmed_dossier(act)
    act.intake(dossier_code="000.00.15.H10-261123-0002")
    clerk = act.world.auth("clerk")
    plan = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    ).json
    route_id = act.client.post(
        f"/api/v1/plans/{plan['id']}/publish", headers=clerk
    ).json["routes"][0]["id"]
    resp = act.client.post(
        "/api/v1/plans/insertions",
        json={"route_id": route_id, "item_code": _urgent_pickup(act)},
        headers=clerk,
    )
    assert resp.status_code == 409


@pytest.mark.parametrize("who", ["clerk2", "courier", "officer"])
def test_others_cannot_insert_into_the_route(
    act: Actions, started: dict[str, Any], who: str
) -> None:
    resp = act.client.post(
        "/api/v1/plans/insertions",
        json={"route_id": started["route"]["id"], "item_code": _urgent_pickup(act)},
        headers=act.world.auth(who),
    )
    assert resp.status_code in (403, 404)


def test_an_item_already_on_the_route_is_refused(
    act: Actions, started: dict[str, Any]
) -> None:
    on_route = started["route"]["stops"][-1]["item_code"]
    resp = act.client.post(
        "/api/v1/plans/insertions",
        json={"route_id": started["route"]["id"], "item_code": on_route},
        headers=act.world.auth("clerk"),
    )
    assert resp.status_code == 409
