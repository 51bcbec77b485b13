"""The clerk plans the postal point's day and publishes it, in a real browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import Actions

SignIn = Callable[[Page, str], dict[str, Any]]
Shot = Callable[[Page, str], Path]


def test_the_clerk_plans_the_day_sees_what_was_left_out_and_publishes_it(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions
) -> None:
    # Each courier carries one bag: of three bags waiting, one cannot go today.
    for courier in ("BT01", "BT02"):
        resp = act.client.patch(
            f"/api/v1/couriers/{courier}",
            json={"capacity_items": 1},
            headers=act.world.auth("supervisor"),
        )
        assert resp.status_code == 200, resp.json
    codes = [
        str(
            act.intake(dossier_code=f"000.00.15.H10-261123-003{i}").json["items"][0][
                "s10_code"
            ]
        )
        for i in range(3)
    ]
    sign_in(page, "clerk")
    page.goto("/counter/plan")
    expect(page.get_by_label("Ngày phục vụ")).to_have_value("2026-11-23")
    expect(page.locator("#plan-list")).to_contain_text("Chưa có kế hoạch nào")
    page.get_by_role("button", name="Lập kế hoạch").click()

    view = page.locator("#plan-view")
    expect(view.locator("#plan-status")).to_have_text("Đã tính xong, chưa công bố")
    routes = view.get_by_role("region", name="Tuyến của")
    expect(routes).to_have_count(2)
    expect(view).to_contain_text("Lê Văn Bình (BT01)")
    expect(view).to_contain_text("Giao hồ sơ cho cơ quan")
    dropped = view.locator("#dropped li")
    expect(dropped).to_have_count(1)
    left_out = dropped.get_by_role("link").inner_text()
    assert left_out in codes
    expect(dropped).to_contain_text("Không xếp kèm được")
    screenshot(page, "counter-plan")

    page.get_by_role("button", name="Công bố cho bưu tá", exact=True).click()
    expect(view.locator("#plan-status")).to_have_text("Đã công bố cho bưu tá")
    expect(
        page.get_by_role("button", name="Công bố cho bưu tá", exact=True)
    ).to_be_hidden()
    plans = act.client.get("/api/v1/plans", headers=act.world.auth("clerk")).json
    assert [p["status"] for p in plans] == ["published"]
    route = act.client.get("/api/v1/courier/route", headers=act.world.auth("courier"))
    assert route.status_code == 200, route.json
    assert len(route.json["stops"]) == 1
    assert route.json["stops"][0]["item_code"] in set(codes) - {left_out}
