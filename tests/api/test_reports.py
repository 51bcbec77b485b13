"""Reports: who may read them, and late work counted as late."""

import pytest
from support import Actions, confirmed_dossier

PERIOD = "start=2026-11-01T00:00:00Z&end=2026-12-01T00:00:00Z"


def test_late_handovers_are_counted_late(act: Actions) -> None:
    confirmed_dossier(act)  # on time
    code = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    act.clock.advance(days=5)  # due J+1 (Wed 25/11), confirmed on Sat 28/11
    act.event("clerk", code, "dispatched", courier_code="BT01")
    act.event("courier", code, "handed_over")
    act.event("officer", code, "receipt_confirmed")
    rows = act.client.get(
        f"/api/v1/reports/on-time?{PERIOD}&group_by=postal_point",
        headers=act.world.auth("supervisor"),
    ).json
    assert rows == [
        {
            "key": "BC01",
            "name": "Bưu cục Thái Nguyên",
            "finished": 2,
            "on_time": 1,
            "late": 1,
            "on_time_percent": 50.0,
        }
    ]


def test_by_courier_the_carrier_gets_the_credit(act: Actions) -> None:
    confirmed_dossier(act)
    rows = act.client.get(
        f"/api/v1/reports/on-time?{PERIOD}&group_by=courier",
        headers=act.world.auth("admin"),
    ).json
    assert [(r["key"], r["name"], r["finished"]) for r in rows] == [
        ("BT01", "Lê Văn Bình", 1)
    ]


def test_a_clerk_sees_only_their_postal_points_figures(act: Actions) -> None:
    confirmed_dossier(act)
    rows = act.client.get(
        f"/api/v1/reports/on-time?{PERIOD}", headers=act.world.auth("clerk2")
    ).json
    assert rows == []
    backlog = act.client.get(
        "/api/v1/reports/backlog", headers=act.world.auth("clerk2")
    ).json
    assert sum(r["open"] for r in backlog) == 0


@pytest.mark.parametrize("who", ["courier", "officer", "onestop"])
def test_couriers_agencies_and_machines_get_no_reports(act: Actions, who: str) -> None:
    assert (
        act.client.get(
            f"/api/v1/reports/on-time?{PERIOD}", headers=act.world.auth(who)
        ).status_code
        == 403
    )
    assert (
        act.client.get(
            "/api/v1/reports/backlog", headers=act.world.auth(who)
        ).status_code
        == 403
    )


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-12-01T00:00:00Z&end=2026-11-01T00:00:00Z",
        "start=2026-11-01&end=2026-12-01",
        "start=2026-11-01T00:00:00Z",
        f"{PERIOD}&group_by=province",
    ],
)
def test_bad_periods_are_refused(act: Actions, query: str) -> None:
    resp = act.client.get(
        f"/api/v1/reports/on-time?{query}", headers=act.world.auth("admin")
    )
    assert resp.status_code == 422
    assert resp.json["errors"]
