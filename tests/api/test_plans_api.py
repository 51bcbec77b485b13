"""Plans over HTTP: 202 and poll, publish, and the courier's route on the phone."""

from typing import Any

import pytest
from support import Actions, confirmed_dossier


@pytest.fixture
def planned(act: Actions) -> dict[str, Any]:
    """A published plan for BC01 today with a result to deliver and a dossier to hand over."""
    confirmed_dossier(act)
    act.result_ready(dossier_code="000.00.15.H10-261123-0001")
    act.intake(dossier_code="000.00.15.H10-261123-0002")
    headers = act.world.auth("clerk")
    resp = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=headers,
    )
    assert resp.status_code == 202
    plan = act.client.get(resp.headers["Location"], headers=headers).json
    assert plan["status"] == "succeeded"
    published = act.client.post(f"/api/v1/plans/{plan['id']}/publish", headers=headers)
    assert published.status_code == 200
    return published.json  # type: ignore[no-any-return]


def _courier_user(plan: dict[str, Any]) -> str:
    return {"BT01": "courier", "BT02": "courier2"}[plan["routes"][0]["courier_code"]]


def test_a_courier_sees_their_route_with_etas_checks_and_navigation(
    act: Actions, planned: dict[str, Any]
) -> None:
    who = _courier_user(planned)
    route = act.client.get("/api/v1/courier/route", headers=act.world.auth(who)).json
    assert [s["seq"] for s in route["stops"]] == list(range(1, len(route["stops"]) + 1))
    assert len(route["stops"]) == 3  # agency pickup, home delivery, agency delivery
    etas = [s["eta"] for s in route["stops"]]
    assert etas == sorted(etas)
    home = next(s for s in route["stops"] if s["place_kind"] == "address")
    assert home["recipient_name"] == "Nguyễn Văn An"
    assert "Kiểm tra CCCD/hộ chiếu của người nhận" in home["checks"]
    assert home["navigation_url"].startswith("geo:")


def test_another_courier_has_no_route(act: Actions, planned: dict[str, Any]) -> None:
    other = "courier2" if _courier_user(planned) == "courier" else "courier"
    resp = act.client.get("/api/v1/courier/route", headers=act.world.auth(other))
    assert resp.status_code == 404
    assert "Nguyễn" not in resp.get_data(as_text=True)


def test_starting_a_route_is_recorded_once(
    act: Actions, planned: dict[str, Any]
) -> None:
    headers = act.world.auth(_courier_user(planned))
    first = act.client.post("/api/v1/courier/route/start", headers=headers)
    assert first.status_code == 200
    assert first.json["started_at"] == act.clock.now.isoformat()
    assert (
        act.client.post("/api/v1/courier/route/start", headers=headers).status_code
        == 409
    )


def test_a_started_route_blocks_a_new_publication(
    act: Actions, planned: dict[str, Any]
) -> None:
    act.client.post(
        "/api/v1/courier/route/start", headers=act.world.auth(_courier_user(planned))
    )
    headers = act.world.auth("clerk")
    again = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=headers,
    ).json
    resp = act.client.post(f"/api/v1/plans/{again['id']}/publish", headers=headers)
    assert resp.status_code == 409
    assert planned["routes"][0]["courier_code"] in resp.json["detail"]


@pytest.mark.parametrize("who", ["clerk2", "officer", "courier"])
def test_others_cannot_see_or_publish_the_plan(
    act: Actions, planned: dict[str, Any], who: str
) -> None:
    plan_id = planned["id"]
    assert (
        act.client.get(
            f"/api/v1/plans/{plan_id}", headers=act.world.auth(who)
        ).status_code
        == 404
    )
    resp = act.client.post(
        f"/api/v1/plans/{plan_id}/cancel", headers=act.world.auth(who)
    )
    assert resp.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"postal_point_code": "BC01"}, "service_date"),
        ({"postal_point_code": "BC01", "service_date": "hôm nay"}, "service_date"),
        (
            {"postal_point_code": "BC99", "service_date": "2026-11-23"},
            "postal_point_code",
        ),
        ({"postal_point_code": "BC01", "service_date": "2026-11-01"}, "service_date"),
    ],
)
def test_bad_plan_requests_are_refused(
    act: Actions, body: dict[str, str], field: str
) -> None:
    resp = act.client.post("/api/v1/plans", json=body, headers=act.world.auth("clerk"))
    assert resp.status_code == 422
    assert field in resp.json["errors"]
    assert act.client.get("/api/v1/plans", headers=act.world.auth("clerk")).json == []
