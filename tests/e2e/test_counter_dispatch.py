"""Handing bags to a courier in a real browser: one `dispatched` per item, once each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect
from support import Actions

SignIn = Callable[[Page, str], dict[str, Any]]
Shot = Callable[[Page, str], Path]
COURIER = "Lê Văn Bình (BT01)"


def _intakes(act: Actions, n: int) -> list[str]:
    codes = []
    for i in range(n):
        resp = act.intake(dossier_code=f"000.00.15.H10-261123-00{20 + i}")
        assert resp.status_code == 201, resp.json
        codes.append(str(resp.json["items"][0]["s10_code"]))
    return codes


def _dispatches(act: Actions, code: str) -> list[dict[str, Any]]:
    events = act.item("clerk", code).json["events"]
    return [e for e in events if e["type"] == "dispatched"]


def _open(page: Page, sign_in: SignIn, codes: list[str]) -> None:
    sign_in(page, "clerk")
    page.goto("/counter/dispatch")
    page.get_by_label("Bưu tá nhận túi").select_option(
        label=f"{COURIER} · ca 07:30–17:00"
    )
    for code in codes:
        page.get_by_label(f"Chọn {code}").check()


def test_handing_two_items_to_a_courier_records_dispatched_for_both(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions
) -> None:
    first, second = _intakes(act, 2)
    _open(page, sign_in, [first, second])
    expect(page.locator("#selected-count")).to_have_text("Đã chọn 2 / 2 túi.")
    screenshot(page, "counter-dispatch")
    page.get_by_role("button", name="Giao túi đã chọn").click()

    results = page.locator("#dispatch-results")
    expect(results).to_be_focused()
    expect(results).to_contain_text(f"Đã giao 2 túi cho {COURIER}.")
    expect(results.locator("li.is-ok")).to_have_count(2)
    expect(page.locator("#dispatch-rows")).to_contain_text("Không có túi nào chờ giao.")
    for code in (first, second):
        item = act.item("clerk", code).json
        assert item["state"] == "in_transit"
        assert item["courier_code"] == "BT01"
        assert len(_dispatches(act, code)) == 1
    screenshot(page, "counter-dispatch-done")


def test_a_bag_the_api_refuses_is_named_with_its_reason_and_the_others_go(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    kept, cancelled = _intakes(act, 2)
    _open(page, sign_in, [kept, cancelled])
    # Meanwhile another clerk cancels one of them.
    cancel = act.client.post(
        f"/api/v1/items/{cancelled}/cancel",
        json={"reason": "Công dân rút hồ sơ"},
        headers=act.world.auth("clerk"),
    )
    assert cancel.status_code == 200
    page.get_by_role("button", name="Giao túi đã chọn").click()

    results = page.locator("#dispatch-results")
    expect(results).to_contain_text("Đã giao 1 túi")
    expect(results).to_contain_text("1 túi không giao được.")
    refused = results.locator("li.is-refused")
    expect(refused).to_contain_text(cancelled)
    expect(refused).to_contain_text("Bưu gửi đang ở trạng thái “Đã hủy”")
    assert act.item("clerk", kept).json["state"] == "in_transit"
    assert act.item("clerk", cancelled).json["state"] == "cancelled"


def test_a_retry_after_a_lost_answer_dispatches_each_bag_once(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    first, second = _intakes(act, 2)
    _open(page, sign_in, [first, second])
    sent: list[str] = []

    def lose_the_answer(route: Route) -> None:
        sent.append(route.request.headers["idempotency-key"])
        route.fetch()
        route.abort("connectionreset")

    page.route(f"**/api/v1/items/{second}/events", lose_the_answer, times=1)
    submit = page.get_by_role("button", name="Giao túi đã chọn")
    submit.click()
    results = page.locator("#dispatch-results")
    expect(results).to_contain_text("Mất kết nối với máy chủ")
    # Once the list is redrawn, the bag whose answer was lost stays chosen for a retry.
    expect(page.locator("#selected-count")).to_have_text("Đã chọn 1 / 1 túi.")
    expect(page.get_by_label(f"Chọn {second}")).to_be_checked()

    with page.expect_request(f"**/api/v1/items/{second}/events") as retry:
        submit.click()
    expect(results).to_contain_text(f"Đã giao 1 túi cho {COURIER}.")
    assert retry.value.headers["idempotency-key"] == sent[0]
    assert len(_dispatches(act, first)) == 1
    assert len(_dispatches(act, second)) == 1
