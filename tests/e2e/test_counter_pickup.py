"""Home pickups and the counter's home page in a real browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import Actions, FakeClock

SignIn = Callable[[Page, str], dict[str, Any]]
Shot = Callable[[Page, str], Path]


def test_the_clerk_registers_a_home_pickup_with_a_preferred_time(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions
) -> None:
    sign_in(page, "clerk")
    page.goto("/counter/pickup")
    expect(page.locator("#citizen-commune option")).not_to_have_count(1)
    page.get_by_label("Tìm thủ tục theo tên hoặc mã").fill("ly lich tu phap")
    page.get_by_role("button", name="Chọn thủ tục Cấp phiếu lý lịch tư pháp").click()
    # For a pickup the list is what the citizen should prepare, nothing to tick.
    expect(page.locator("#checklist")).to_contain_text("Bản sao: 1 bản")
    expect(page.locator("#checklist input[type=checkbox]")).to_have_count(0)
    page.get_by_label("Ngày hẹn thu gom").fill("2026-11-24")
    page.get_by_label("Buổi").select_option(label="Buổi sáng (07:30–11:30)")
    page.get_by_label("Họ và tên").fill("Lò Thị Hằng")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("Số giấy tờ").fill("019190004321")
    page.get_by_label("Lọc xã, phường").fill("linh son")
    page.get_by_label("Địa chỉ thu gom").fill("Xóm Đồng Bẩm, số 12")
    page.get_by_label("Ghi chú cho bưu tá").fill("Gọi trước 15 phút")
    screenshot(page, "counter-pickup")
    page.get_by_role("button", name="Đăng ký thu gom").click()

    code = page.locator("#result-code")
    expect(code).to_have_text(re.compile(r"^RH\d{9}VN$"))
    item = act.item("clerk", code.inner_text()).json
    assert item["state"] == "awaiting_pickup"
    dossier = item["dossier"]
    assert dossier["procedure_code"] == "2.000488"
    assert dossier["citizen"]["commune_name"] == "Phường Linh Sơn"
    assert dossier["citizen"]["address"] == "Xóm Đồng Bẩm, số 12"
    assert dossier["note"] == (
        "Hẹn thu gom: 24/11/2026, buổi sáng (07:30–11:30). Gọi trước 15 phút"
    )
    assert dossier["documents"] == []

    # The next registration starts from a clean form.
    page.get_by_role("button", name="Đăng ký thu gom khác").click()
    expect(page.get_by_label("Họ và tên")).to_have_value("")
    expect(page.get_by_label("Tìm thủ tục theo tên hoặc mã")).to_be_focused()
    expect(page.locator("#procedure-code")).to_have_value("")


def test_the_counter_home_counts_what_waits_and_todays_plan(
    page: Page, sign_in: SignIn, screenshot: Shot, act: Actions, clock: FakeClock
) -> None:
    for i in range(2):
        act.intake(dossier_code=f"000.00.15.H10-261123-005{i}")
    act.pickup(dossier_code="000.00.15.H10-261123-0059")
    # Three working days later the bags still at the postal point are overdue.
    clock.advance(days=3)
    page.context.clock.set_fixed_time(clock.now)
    sign_in(page, "clerk")
    page.goto("/counter")
    expect(page.locator('[data-count="at_postal_point"]')).to_have_text("2")
    expect(page.locator('[data-count="overdue"]')).to_have_text("2")
    expect(page.locator('[data-count="awaiting_pickup"]')).to_have_text("1")
    expect(page.locator('[data-count="delivery_failed"]')).to_have_text("0")
    expect(page.locator("#plan-today")).to_have_text(
        "Chưa lập kế hoạch tuyến cho hôm nay."
    )
    screenshot(page, "counter-home")
    page.get_by_role("link", name="2 Trong đó đã quá hạn").click()
    expect(page).to_have_url(
        re.compile(r"/counter/items\?state=at_postal_point&due=overdue$")
    )
    expect(page.locator("#rows tr")).to_have_count(2)
    expect(page.locator("#rows")).to_contain_text("Quá hạn")
