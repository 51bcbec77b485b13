"""Bad input on the courier's-day endpoints: a clear 4xx naming the field, nothing written."""

from typing import Any

import pytest
from support import Actions


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"item_code": "RR123456785VN"}, "route_id"),
        ({"route_id": "một", "item_code": "RR123456785VN"}, "route_id"),
        ({"route_id": 1, "item_code": "RR123456784VN"}, "item_code"),
        ({"route_id": 1, "item_code": "RR123456785VN", "extra": True}, "extra"),
    ],
)
def test_a_bad_insertion_request_is_refused(
    act: Actions, body: dict[str, Any], field: str
) -> None:
    resp = act.client.post(
        "/api/v1/plans/insertions", json=body, headers=act.world.auth("clerk")
    )
    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    assert field in resp.json["errors"]
    assert act.client.get("/api/v1/plans", headers=act.world.auth("clerk")).json == []


def test_an_insertion_into_an_unknown_route_is_404(act: Actions) -> None:
    body = {"route_id": 999, "item_code": "RR123456785VN"}
    resp = act.client.post(
        "/api/v1/plans/insertions", json=body, headers=act.world.auth("clerk")
    )
    assert resp.status_code == 404


@pytest.mark.parametrize("query", ["date=mai", "date=2026-02-30", "colour=do"])
def test_a_bad_route_day_is_refused(act: Actions, query: str) -> None:
    resp = act.client.get(
        f"/api/v1/courier/route?{query}", headers=act.world.auth("courier")
    )
    assert resp.status_code == 422
    assert resp.json["errors"]


@pytest.mark.parametrize("who", ["clerk", "officer", "supervisor"])
def test_only_couriers_have_a_route(act: Actions, who: str) -> None:
    resp = act.client.get("/api/v1/courier/route", headers=act.world.auth(who))
    assert resp.status_code == 403


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_calendar_year_out_of_range_is_refused(act: Actions, year: int) -> None:
    resp = act.client.get(f"/api/v1/calendar/{year}", headers=act.world.auth("clerk"))
    assert resp.status_code == 422
    assert "year" in resp.json["errors"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "admin"}, "password"),
        ({"password": "x"}, "username"),
        ({"username": "admin", "password": ""}, "password"),
        ({"username": "a" * 81, "password": "x"}, "username"),
    ],
)
def test_a_bad_login_body_is_refused(
    act: Actions, body: dict[str, str], field: str
) -> None:
    resp = act.client.post("/api/v1/auth/token", json=body)
    assert resp.status_code == 422
    assert field in resp.json["errors"]
