"""The supervisor's pages in a real browser: plans and backlog, overdue list, on-time chart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import Actions

Shot = Callable[[Page, str], Path]
SignIn = Callable[[Page, str], dict[str, Any]]


def _to_the_agency(act: Actions, dossier_code: str, procedure: str) -> str:
    """A counter dossier at BC01, dispatched to BT01 and handed to its agency."""
    body = act.intake(dossier_code=dossier_code, procedure_code=procedure).json
    code = str(body["items"][0]["s10_code"])
    assert (
        act.event("clerk", code, "dispatched", courier_code="BT01").status_code == 201
    )
    assert act.event("courier", code, "handed_over").status_code == 201
    return code


def test_the_on_time_page_draws_the_chart_and_the_table_of_a_period(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    # Sở Xây dựng: one dossier confirmed on Monday (on time), one on Thursday (late);
    # Sở Tư pháp: one on time. All from BC01.
    on_time = _to_the_agency(act, "000.00.15.H10-261123-0001", "1.002804")
    late = _to_the_agency(act, "000.00.15.H10-261123-0002", "1.002804")
    other = _to_the_agency(act, "000.00.15.H10-261123-0003", "2.000488")
    act.clock.advance(minutes=30)
    assert act.event("officer", on_time, "receipt_confirmed").status_code == 201
    assert act.event("officer2", other, "receipt_confirmed").status_code == 201
    act.clock.advance(days=3)
    assert act.event("officer", late, "receipt_confirmed").status_code == 201
    assert act.item("officer", late).json["on_time"] is False

    sign_in(page, "supervisor")
    page.goto("/supervisor/on-time?start=2026-11-01&end=2026-11-30")
    agencies = page.locator("#agency-table")
    expect(
        agencies.get_by_role("row", name="Sở Xây dựng (SGTVT)").locator("td")
    ).to_have_text(["2", "1", "1", "50 %"])
    expect(
        agencies.get_by_role("row", name="Sở Tư pháp (STP)").locator("td")
    ).to_have_text(["1", "1", "0", "100 %"])
    expect(agencies.get_by_role("row", name="Tổng").locator("td")).to_have_text(
        ["3", "2", "1", "66,7 %"]
    )
    points = page.locator("#point-table")
    expect(
        points.get_by_role("row", name="Bưu cục Thái Nguyên (BC01)").locator("td")
    ).to_have_text(["3", "2", "1", "66,7 %"])

    chart = page.get_by_role("img", name="Tỷ lệ đúng hạn theo cơ quan")
    expect(chart).to_be_visible()
    bars = chart.locator("rect.chart__bar")
    expect(bars).to_have_count(2)
    # The track is 78 % of the width: 50 % and 100 % on time.
    assert [bars.nth(i).get_attribute("width") for i in range(2)] == ["39%", "78%"]
    expect(chart.locator("text.chart__value")).to_have_text(
        ["50 % (1/2)", "100 % (1/1)"]
    )
    expect(page.locator("#period-summary")).to_have_text(
        "Kỳ báo cáo từ 01/11/2026 đến hết 30/11/2026."
    )
    screenshot(page, "supervisor-on-time")


def test_a_period_that_ends_before_it_starts_is_marked(
    page: Page, sign_in: SignIn
) -> None:
    sign_in(page, "supervisor")
    page.goto("/supervisor/on-time")
    expect(page.locator("#agency-table tbody")).to_contain_text("Không có bưu gửi")
    page.get_by_label("Từ ngày").fill("2026-11-20")
    page.get_by_label("Đến hết ngày").fill("2026-11-10")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_label("Đến hết ngày")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#period .field-error")).to_have_text(
        "Ngày kết thúc phải sau ngày bắt đầu."
    )


def test_the_supervisor_sees_todays_plans_per_postal_point_and_the_backlog(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    act.intake()
    resp = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=act.world.auth("clerk"),
    )
    assert resp.status_code == 202
    sign_in(page, "supervisor")
    page.goto("/supervisor")
    # A supervisor is bound to no place: the header names the role and nothing after it.
    expect(page.locator("#who .who__detail")).to_have_text("Giám sát viên")
    planned = page.get_by_role("row", name="Bưu cục Thái Nguyên (BC01)")
    expect(planned).to_contain_text("Đã lập, chờ công bố")
    expect(page.get_by_role("row", name="Bưu cục Đại Từ (BC02)")).to_contain_text(
        "Chưa lập kế hoạch"
    )
    expect(page.locator("#plans-summary")).to_have_text(
        "1 / 2 bưu cục đã lập kế hoạch, 0 đã công bố."
    )
    planned.get_by_role("button", name="Xem tuyến").click()
    expect(planned.get_by_role("button", name="Xem tuyến")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.locator(".plan-routes")).to_contain_text("1 điểm dừng")
    backlog = page.locator("#backlog")
    expect(
        backlog.get_by_role("row", name="Đang ở bưu cục").locator("td")
    ).to_have_text(["1", "0"])
    screenshot(page, "supervisor-home")


def test_the_overdue_list_shows_late_items_and_filters_by_postal_point(
    page: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    late = act.intake().json["items"][0]["s10_code"]
    act.clock.advance(days=4)
    act.intake(dossier_code="000.00.15.H10-261127-0002")
    page.context.clock.set_fixed_time(act.clock.now)
    sign_in(page, "supervisor")
    page.goto("/supervisor/overdue")
    rows = page.locator("#open-items tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(late)
    expect(rows.first).to_contain_text("Quá hạn 1 ngày")
    screenshot(page, "supervisor-overdue")
    page.get_by_label("Bưu cục").select_option("BC02")
    expect(page.locator("#open-summary")).to_have_text("Không có bưu gửi nào.")
    expect(rows).to_have_count(0)


def test_the_on_time_page_fits_a_phone_without_sideways_scrolling(
    phone: Page, sign_in: SignIn, act: Actions, screenshot: Shot
) -> None:
    code = _to_the_agency(act, "000.00.15.H10-261123-0001", "1.002804")
    assert act.event("officer", code, "receipt_confirmed").status_code == 201
    sign_in(phone, "supervisor")
    phone.goto("/supervisor/on-time?start=2026-11-01&end=2026-11-30")
    expect(phone.get_by_role("img", name="Tỷ lệ đúng hạn theo cơ quan")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "supervisor-on-time-phone")
