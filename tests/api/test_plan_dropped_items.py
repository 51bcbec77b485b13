"""A plan names the items it left out by their S10 code, so the clerk can find them."""

from support import Actions


def test_an_item_left_out_of_the_plan_is_named_by_its_s10_code_and_reason(
    act: Actions,
) -> None:
    # Each courier of BC01 carries one bag: of three bags waiting, one stays.
    for courier in ("BT01", "BT02"):
        resp = act.client.patch(
            f"/api/v1/couriers/{courier}",
            json={"capacity_items": 1},
            headers=act.world.auth("supervisor"),
        )
        assert resp.status_code == 200
    codes = {
        act.intake(dossier_code=f"000.00.15.H10-261123-000{i}").json["items"][0][
            "s10_code"
        ]
        for i in range(3)
    }
    headers = act.world.auth("clerk")
    resp = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=headers,
    )
    assert resp.status_code == 202
    plan = act.client.get(resp.headers["Location"], headers=headers).json
    assert plan["status"] == "succeeded"
    planned = {s["item_code"] for r in plan["routes"] for s in r["stops"]}
    assert len(planned) == 2
    [dropped] = plan["dropped"]
    assert dropped["item_code"] == (codes - planned).pop()
    assert dropped["reason"] in ("capacity", "crowded_out")
