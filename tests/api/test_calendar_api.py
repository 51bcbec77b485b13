"""The calendar a supervisor edits, and due times that follow it."""

import pytest
from support import Actions


def test_the_year_lists_tet_and_national_day(act: Actions) -> None:
    days = act.client.get(
        "/api/v1/calendar/2027", headers=act.world.auth("clerk")
    ).json["days"]
    off = {d["day"] for d in days if not d["working"]}
    assert {"2027-02-06", "2027-02-08", "2027-09-02", "2027-04-30", "2027-05-01"} <= off


def test_a_swapped_saturday_becomes_a_working_day(act: Actions) -> None:
    headers = act.world.auth("supervisor")
    resp = act.client.put(
        "/api/v1/calendar/overrides/2026-11-28",
        json={"working": True, "note": "Làm bù cho ngày 24/11"},
        headers=headers,
    )
    assert resp.status_code == 200
    days = act.client.get("/api/v1/calendar/2026", headers=headers).json["days"]
    assert {
        "day": "2026-11-28",
        "working": True,
        "reason": "Làm bù cho ngày 24/11",
        "overridden": True,
    } in days


def test_due_times_count_an_overridden_saturday(act: Actions) -> None:
    act.clock.now = act.clock.now.replace(day=27)  # Friday 27/11/2026, 09:00 local
    before = act.intake(dossier_code=None).json["items"][0]["due_at"]
    act.client.put(
        "/api/v1/calendar/overrides/2026-11-28",
        json={"working": True, "note": "Làm bù"},
        headers=act.world.auth("supervisor"),
    )
    after = act.intake(dossier_code=None).json["items"][0]["due_at"]
    assert (before, after) == ("2026-11-30T10:00:00+00:00", "2026-11-28T10:00:00+00:00")


@pytest.mark.parametrize("who", ["clerk", "courier", "officer", "onestop"])
def test_only_supervisors_edit_the_calendar(act: Actions, who: str) -> None:
    resp = act.client.put(
        "/api/v1/calendar/overrides/2026-11-28",
        json={"working": True, "note": "x"},
        headers=act.world.auth(who),
    )
    assert resp.status_code == 403
    days = act.client.get(
        "/api/v1/calendar/2026", headers=act.world.auth("admin")
    ).json["days"]
    assert all(d["day"] != "2026-11-28" for d in days)


def test_transit_targets_default_to_tt17_and_can_change(act: Actions) -> None:
    headers = act.world.auth("supervisor")
    targets = act.client.get("/api/v1/transit-targets", headers=headers).json
    assert {t["scope"]: t["days"] for t in targets} == {
        "same_commune": 1,
        "same_province": 2,
        "other_province": 3,
    }
    resp = act.client.put(
        "/api/v1/transit-targets/same_commune",
        json={"days": 2, "days_with_slip": 3},
        headers=headers,
    )
    assert resp.status_code == 200
    due = act.intake().json["items"][0]["due_at"]
    assert due == "2026-11-26T10:00:00+00:00"  # J+2 skipping Culture Day 24/11


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/api/v1/calendar/overrides/2026-13-01",
            {"working": True, "note": "x"},
            "day",
        ),
        (
            "/api/v1/calendar/overrides/2026-11-28",
            {"working": "có", "note": "x"},
            "working",
        ),
        ("/api/v1/transit-targets/far_away", {"days": 1, "days_with_slip": 2}, "scope"),
        (
            "/api/v1/transit-targets/same_commune",
            {"days": 0, "days_with_slip": 2},
            "days",
        ),
        (
            "/api/v1/transit-targets/same_commune",
            {"days": 3, "days_with_slip": 2},
            "days",
        ),
    ],
)
def test_bad_calendar_input_is_refused(
    act: Actions, path: str, body: dict[str, object], field: str
) -> None:
    resp = act.client.put(path, json=body, headers=act.world.auth("supervisor"))
    assert resp.status_code == 422
    assert field in resp.json["errors"]
