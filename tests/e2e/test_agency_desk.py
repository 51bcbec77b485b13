"""The agency officer's desk in a real browser: handovers, item history, results ready."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import Actions

Shot = Callable[[Page, str], Path]
SignIn = Callable[[Page, str], dict[str, Any]]


def _in_the_bag(act: Actions, *dossier_codes: str) -> list[str]:
    """Dossiers registered at BC01 for SGTVT and dispatched to courier BT01."""
    codes = [
        act.intake(dossier_code=code).json["items"][0]["s10_code"]
        for code in dossier_codes
    ]
    act.clock.advance(minutes=20)
    for code in codes:
        resp = act.event("clerk", code, "dispatched", courier_code="BT01")
        assert resp.status_code == 201, resp.json
    act.clock.advance(minutes=30)
    return codes


def _handover(act: Actions, codes: list[str]) -> dict[str, Any]:
    resp = act.client.post(
        "/api/v1/handovers",
        json={"agency_code": "SGTVT", "kind": "to_agency", "item_codes": codes},
        headers=act.world.auth("courier"),
    )
    assert resp.status_code == 201, resp.json
    return resp.json  # type: ignore[no-any-return]


def _local(page: Page, iso: str) -> str:
    """How the page writes a time (vi-VN, Vietnam's time zone)."""
    return str(
        page.evaluate(
            """iso => new Intl.DateTimeFormat("vi-VN", {timeZone: "Asia/Ho_Chi_Minh",
            day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit",
            minute: "2-digit"}).format(new Date(iso))""",
            iso,
        )
    )


def test_the_officer_confirms_a_handover_and_the_item_history_shows_it(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    received, missing = _in_the_bag(
        act, "000.00.15.H10-261123-0001", "000.00.15.H10-261123-0002"
    )
    handover = _handover(act, [received, missing])
    act.clock.advance(minutes=10)
    page.context.clock.set_fixed_time(act.clock.now)
    sign_in(page, "officer")
    page.goto("/agency")
    expect(page.get_by_role("row", name=handover["code"])).to_contain_text(
        "Chờ xác nhận"
    )
    page.get_by_role("link", name=handover["code"]).click()

    first = page.locator("fieldset", has_text=received)
    first.get_by_label("Nhận đủ").check()
    first.get_by_label("Ngày hẹn trả kết quả").fill("2026-11-30")
    second = page.locator("fieldset", has_text=missing)
    second.get_by_label("Thiếu, không nhận").check()
    expect(second.get_by_label("Ngày hẹn trả kết quả")).to_be_disabled()
    second.get_by_label("Ghi chú").fill("Không có trong túi hồ sơ")
    expect(page.get_by_label("Họ tên cán bộ tiếp nhận")).to_have_value("Hoàng Thị Thu")
    page.get_by_role("button", name="Xác nhận biên bản").click()

    confirmed = page.locator("#confirmed")
    expect(confirmed).to_be_focused()
    when = _local(page, act.clock.now.isoformat())
    expect(confirmed).to_contain_text(f"Hoàng Thị Thu đã xác nhận lúc {when}")
    expect(confirmed).to_contain_text("thời điểm nộp hồ sơ hợp lệ")
    expect(page.get_by_role("row", name=missing)).to_contain_text("Thiếu, không nhận")
    expect(page.get_by_role("row", name=received)).to_contain_text("30/11/2026")
    screenshot(page, "agency-handover-confirmed")

    item = act.item("officer", received).json
    assert item["state"] == "delivered"
    assert item["submitted_at"] == act.clock.now.isoformat()
    assert item["dossier"]["appointment_date"] == "2026-11-30"
    assert act.item("officer", missing).json["state"] == "in_transit"

    page.get_by_role("link", name=received).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bưu gửi {received}")
    history = page.locator("#history tr")
    expect(history).to_have_count(4)
    expect(history.last).to_contain_text("Cơ quan xác nhận đã nhận hồ sơ")
    expect(history.last).to_contain_text(when)
    expect(history.last).to_contain_text("Cán bộ cơ quan")
    expect(history.first).to_contain_text("Bưu cục nhận hồ sơ tại quầy")
    expect(page.locator("#summary")).to_contain_text("Thời điểm nộp hợp lệ")
    expect(page.locator("#dossier")).to_contain_text("30/11/2026")
    expect(page.locator("#citizen")).to_contain_text("••••1234")
    screenshot(page, "item-history")


def test_another_agencys_officer_finds_nothing_on_the_item_page(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    sign_in(page, "officer2")
    page.goto(f"/item/{code}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy bưu gửi")
    body = page.locator("body")
    for secret in ("Nguyễn Văn An", "0912", "Cấp đổi giấy phép lái xe", "261123-0001"):
        expect(body).not_to_contain_text(secret)
    expect(page.locator("#item-body")).to_be_hidden()
    screenshot(page, "item-not-found")


def test_the_officer_refuses_an_item_handed_over_outside_a_handover(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    (code,) = _in_the_bag(act, "000.00.15.H10-261123-0001")
    assert act.event("courier", code, "handed_over").status_code == 201
    page.context.clock.set_fixed_time(act.clock.now)
    sign_in(page, "officer")
    page.goto("/agency")
    page.locator("#loose").get_by_role("link", name=code).click()
    page.get_by_role("button", name="Từ chối nhận").click()
    expect(page.get_by_label("Ghi chú")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Ghi chú").fill("Thiếu tờ khai")
    page.get_by_role("button", name="Từ chối nhận").click()
    expect(page.locator("#history tr").last).to_contain_text(
        "Cơ quan không nhận, bưu tá mang về"
    )
    expect(page.locator("#history tr").last).to_contain_text("Thiếu tờ khai")
    expect(page.locator("#receipt")).to_be_hidden()
    assert act.item("officer", code).json["state"] == "in_transit"


def test_the_officer_marks_a_result_ready_and_it_waits_for_a_courier(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    confirmed = act.intake().json["items"][0]["s10_code"]
    act.clock.advance(minutes=20)
    act.event("clerk", confirmed, "dispatched", courier_code="BT01")
    act.event("courier", confirmed, "handed_over")
    act.event("officer", confirmed, "receipt_confirmed")
    sign_in(page, "officer")
    page.goto("/agency/results")
    page.get_by_label("Mã hồ sơ một cửa").fill("000.00.15.h10-261123-0001")
    page.get_by_role("button", name="Tìm hồ sơ").click()
    known = page.locator("#known")
    expect(known).to_contain_text("Gửi hồ sơ và nhận kết quả tại nhà")
    known.get_by_label("Ngày hẹn trả kết quả").fill("2026-12-01")
    known.get_by_role("button", name="Báo có kết quả").click()

    expect(page.locator("#flash")).to_contain_text("chờ bưu tá đến nhận")
    results = act.client.get(
        "/api/v1/items",
        query_string={"leg_kind": "result"},
        headers=act.world.auth("officer"),
    ).json["items"]
    assert [r["state"] for r in results] == ["awaiting_pickup"]
    row = page.locator("#waiting").get_by_role("row", name=results[0]["s10_code"])
    expect(row).to_contain_text("Chờ bưu tá đến nhận")
    expect(row).to_contain_text("000.00.15.H10-261123-0001")
    screenshot(page, "agency-result-ready")


def test_a_result_filed_online_is_registered_with_the_citizens_contact(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    sign_in(page, "officer")
    page.goto("/agency/results")
    page.get_by_label("Mã hồ sơ một cửa").fill("000.00.15.H10-261123-0009")
    page.get_by_role("button", name="Tìm hồ sơ").click()
    form = page.locator("#online-form")
    form.get_by_label("Thủ tục").select_option("1.002804")
    form.get_by_label("Họ tên người nhận").fill("Trần Thị Bích")
    form.get_by_label("Số điện thoại").fill("0987654321")
    form.get_by_label("Địa chỉ nhận").fill("Số 12, tổ 4")
    form.get_by_label("Tỉnh, thành phố").select_option(label="Thái Nguyên")
    form.get_by_label("Xã, phường").select_option("5443")
    form.get_by_label("Bưu cục phát").select_option("BC01")
    form.get_by_label("Tờ khai đề nghị cấp đổi giấy phép lái xe (bản chính)").check()
    form.get_by_role("button", name="Báo có kết quả").click()
    home = form.get_by_label("Công dân đã đăng ký nhận kết quả tại nhà", exact=False)
    expect(home).to_have_attribute("aria-invalid", "true")
    home.check()
    form.get_by_role("button", name="Báo có kết quả").click()

    expect(page.locator("#flash")).to_contain_text("chờ bưu tá đến nhận")
    items = act.client.get(
        "/api/v1/items",
        query_string={"dossier_code": "000.00.15.H10-261123-0009"},
        headers=act.world.auth("officer"),
    ).json["items"]
    assert [(i["leg_kind"], i["state"]) for i in items] == [
        ("result", "awaiting_pickup")
    ]
    dossier = act.item("officer", items[0]["s10_code"]).json["dossier"]
    assert dossier["citizen"]["name"] == "Trần Thị Bích"
    assert dossier["citizen"]["commune_code"] == 5443
    assert dossier["postal_point_code"] == "BC01"
    assert [d["name"] for d in dossier["documents"]] == [
        "Tờ khai đề nghị cấp đổi giấy phép lái xe"
    ]


def test_outstanding_items_show_their_due_dates_and_overdue_ones_stand_out(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    late = act.intake().json["items"][0]["s10_code"]
    act.clock.advance(days=3)
    fresh = act.intake(dossier_code="000.00.15.H10-261126-0002").json["items"][0][
        "s10_code"
    ]
    page.context.clock.set_fixed_time(act.clock.now)
    sign_in(page, "officer")
    page.goto("/agency/items")
    late_row = page.get_by_role("row", name=late)
    expect(late_row).to_contain_text(re.compile(r"Quá hạn \d+ (ngày|giờ)"))
    expect(late_row).to_have_class(re.compile("row--late"))
    expect(page.get_by_role("row", name=fresh)).not_to_contain_text("Quá hạn")
    expect(page.locator("#open-summary")).to_have_text("2 bưu gửi, 1 quá hạn.")
    page.get_by_label("Chỉ bưu gửi quá hạn").check()
    expect(page.locator("#open-items tr")).to_have_count(1)
    screenshot(page, "agency-outstanding")


def test_the_item_page_fits_a_phone_without_sideways_scrolling(
    phone: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    sign_in(phone, "clerk")
    phone.goto(f"/item/{code}")
    expect(phone.locator("#history tr")).to_have_count(1)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshot(phone, "item-phone")


def test_the_history_summarises_a_delivery_proof_with_the_id_masked(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    act.intake()
    ready = act.result_ready(dossier_code="000.00.15.H10-261123-0001")
    result = ready.json["s10_code"]
    assert act.event("courier", result, "picked_up").status_code == 201
    proof = {
        "recipient_name": "Nguyễn Văn An",
        "id_type": "cccd",
        "id_number": "019085001234",
    }
    assert act.event("courier", result, "delivered", proof=proof).status_code == 201
    sign_in(page, "officer")
    page.goto(f"/item/{result}")
    delivered = page.locator("#history tr").last
    expect(delivered).to_contain_text("Phát thành công")
    expect(delivered).to_contain_text(
        "Người nhận: Nguyễn Văn An; CCCD ••••1234; khớp hồ sơ"
    )
    expect(page.locator("body")).not_to_contain_text("019085001234")


def test_an_item_code_typed_in_the_lookup_opens_its_page_by_keyboard(
    page: Page, sign_in: SignIn, act: Actions
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    sign_in(page, "officer")
    page.goto("/agency")
    page.get_by_label("Mã bưu gửi").fill("rh 12")
    page.get_by_label("Mã bưu gửi").press("Enter")
    expect(page.get_by_label("Mã bưu gửi")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Mã bưu gửi").fill(code.lower())
    page.get_by_label("Mã bưu gửi").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bưu gửi {code}")


def test_the_handover_page_fits_a_phone_without_sideways_scrolling(
    phone: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    codes = _in_the_bag(act, "000.00.15.H10-261123-0001", "000.00.15.H10-261123-0002")
    handover = _handover(act, codes)
    sign_in(phone, "officer")
    phone.goto(f"/agency/handover?id={handover['id']}")
    expect(phone.locator("fieldset.line")).to_have_count(2)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "agency-handover-phone")
