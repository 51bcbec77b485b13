"""The postal point's items in a real browser: list, filters, and the clerk's actions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import OTHER_COMMUNE, Actions, FakeClock, confirmed_dossier, intake_body

SignIn = Callable[[Page, str], dict[str, Any]]
Shot = Callable[[Page, str], Path]


def _code(resp: Any) -> str:
    assert resp.status_code == 201, resp.json
    return str(resp.json["items"][0]["s10_code"])


def _citizen(**overrides: Any) -> dict[str, Any]:
    return {**intake_body()["citizen"], **overrides}


def test_the_clerk_sees_the_postal_points_items_most_urgent_first_and_filters_them(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions
) -> None:
    # Same commune as the agency: J+1; another commune of the province: J+2.
    later = _code(
        act.intake(
            dossier_code="000.00.15.H10-261123-0011",
            citizen=_citizen(commune_code=OTHER_COMMUNE),
        )
    )
    sooner = _code(act.intake(dossier_code="000.00.15.H10-261123-0012"))
    pickup = _code(act.pickup(dossier_code="000.00.15.H10-261123-0013"))
    elsewhere = _code(act.intake("clerk2", dossier_code="000.00.15.H10-261123-0014"))
    sign_in(page, "clerk")
    page.goto("/counter/items")

    rows = page.locator("#rows tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#items-summary")).to_have_text("3 bưu gửi.")
    codes = [rows.nth(i).locator("th").inner_text() for i in range(3)]
    assert codes.index(sooner) < codes.index(later)
    assert elsewhere not in codes
    expect(page.get_by_role("row", name=sooner)).to_contain_text("Đang ở bưu cục")
    expect(page.get_by_role("row", name=sooner)).to_contain_text("25/11/2026")
    screenshot(page, "counter-items")

    page.get_by_label("Trạng thái").select_option(label="Chờ bưu tá đến nhận")
    page.get_by_role("button", name="Lọc").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(pickup)
    expect(page).to_have_url(re.compile(r"\?state=awaiting_pickup$"))


def test_a_result_brought_back_is_received_then_collected_after_the_id_check(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions, clock: FakeClock
) -> None:
    confirmed_dossier(act)
    result = act.result_ready(dossier_code="000.00.15.H10-261123-0001")
    code = str(result.json["s10_code"])
    clock.advance(minutes=30)
    assert act.event("courier", code, "picked_up").status_code == 201
    clock.advance(minutes=30)
    page.context.clock.set_fixed_time(clock.now)
    sign_in(page, "clerk")
    page.goto("/counter/items?state=in_transit")

    page.get_by_role("button", name=f"Xử lý {code}").click()
    panel = page.get_by_role("dialog")
    expect(panel).to_contain_text("Nguyễn Văn An")
    panel.get_by_role("button", name="Xác nhận túi đã về bưu cục").click()
    expect(panel.locator("#panel-flash")).to_contain_text(
        "Trạng thái mới: Đang ở bưu cục"
    )

    id_number = panel.get_by_label("Số giấy tờ")
    id_number.fill("019085009999")
    panel.get_by_role("button", name="Trả kết quả cho người nhận").click()
    expect(id_number).to_have_attribute("aria-invalid", "true")
    expect(panel.locator(".field-error")).to_have_text(
        "Số giấy tờ không khớp với số đã khai khi nộp hồ sơ: không trả kết quả."
    )
    assert act.item("clerk", code).json["state"] == "at_postal_point"
    screenshot(page, "counter-items-collect")

    id_number.fill("019085001234")
    panel.get_by_role("button", name="Trả kết quả cho người nhận").click()
    expect(panel.locator("#panel-flash")).to_contain_text(
        "Trạng thái mới: Đã giao thành công"
    )
    item = act.item("clerk", code).json
    assert item["state"] == "delivered"
    collected = [e for e in item["events"] if e["type"] == "collected_at_counter"]
    assert len(collected) == 1
    assert collected[0]["proof"]["id_last4"] == "1234"
    assert collected[0]["proof"]["recipient_name"] == "Nguyễn Văn An"
    # Closed, the list (still filtered on items in transit) no longer holds it.
    panel.get_by_role("button", name="Đóng").click()
    expect(panel).to_be_hidden()
    expect(page.locator("#rows")).to_contain_text("Không có bưu gửi nào khớp bộ lọc.")


def test_the_clerk_cancels_a_pickup_with_a_reason(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    code = _code(act.pickup())
    sign_in(page, "clerk")
    page.goto("/counter/items")
    page.get_by_role("button", name=f"Xử lý {code}").click()
    panel = page.get_by_role("dialog")
    panel.get_by_label("Lý do hủy").fill("Công dân gọi điện xin hủy, sẽ nộp trực tuyến")
    panel.get_by_role("button", name="Hủy bưu gửi").click()
    expect(panel.locator("#panel-flash")).to_contain_text("Trạng thái mới: Đã hủy")
    expect(panel).to_contain_text("Không có thao tác nào của quầy")
    panel.get_by_role("button", name="Đóng").click()
    expect(page.get_by_role("button", name=f"Xử lý {code}")).to_be_focused()
    expect(page.get_by_role("row", name=code)).to_contain_text("Đã hủy")
    item = act.item("clerk", code).json
    assert item["state"] == "cancelled"
    assert item["events"][-1]["note"] == "Công dân gọi điện xin hủy, sẽ nộp trực tuyến"
