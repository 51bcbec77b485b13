"""The courier's phone (360 × 740) in a real browser: the route, the map, typed codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from e2e.courier_day import Day, place_of, publish_day
from playwright.sync_api import Page, Request, expect
from support import Actions, FakeClock, confirmed_dossier

CONTROLLED = """async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
        await new Promise((done) => navigator.serviceWorker.addEventListener(
            "controllerchange", done, { once: true }));
    }
}"""


def _open(phone: Page, sign_in: Callable[[Page, str], Any], clock: FakeClock) -> None:
    phone.context.clock.set_fixed_time(clock.now)  # the phone lives at the day's time
    sign_in(phone, "courier")
    phone.goto("/courier")
    expect(phone.locator("#sync-bar")).to_have_attribute("data-state", "online")


def test_the_route_list_shows_the_next_stop_first_and_the_route_can_be_started(
    phone: Page,
    act: Actions,
    sign_in: Callable[[Page, str], Any],
    screenshot: Callable[[Page, str], Path],
) -> None:
    day = publish_day(act)
    _open(phone, sign_in, act.clock)
    first = place_of(day.visits[0])
    expect(phone.locator("#next-stop h2")).to_have_text(first)
    expect(phone.locator("#next-stop")).to_contain_text("Điểm tiếp theo · 1/")
    expect(phone.locator("#next-stop")).to_contain_text("Dự kiến đến")
    expect(phone.locator("#next-stop a", has_text="Chỉ đường")).to_have_attribute(
        "href", day.visits[0][0]["navigation_url"]
    )
    rows = phone.locator("#stops > li")
    expect(rows).to_have_count(len(day.visits))
    expect(rows.first).to_contain_text(first)
    expect(phone.locator("#last-sync")).not_to_have_text("chưa đồng bộ")
    expect(phone.locator("#pending-count")).to_have_text("0")
    phone.get_by_role("button", name="Bắt đầu tuyến").click()
    expect(phone.locator("#route-started")).to_contain_text("Đã bắt đầu tuyến lúc")
    screenshot(phone, "courier-route")
    phone.get_by_role("link", name="Đồng bộ", exact=True).click()
    expect(phone.locator("#queue-list > li")).to_contain_text(["Bắt đầu tuyến"])
    expect(phone.locator("#queue-list .badge")).to_have_text(["Đã ghi nhận"])
    route = act.client.get(
        "/api/v1/courier/route", headers=act.world.auth("courier")
    ).json
    assert route["started_at"] is not None
    # Usable at 360 px: nothing scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_map_draws_every_visit_without_tiles_and_the_schematic_lists_them_in_order(
    phone: Page,
    act: Actions,
    sign_in: Callable[[Page, str], Any],
    screenshot: Callable[[Page, str], Path],
) -> None:
    day = publish_day(act)
    _open(phone, sign_in, act.clock)
    phone.get_by_role("link", name="Bản đồ").click()
    pins = phone.locator("#map .map-pin")
    expect(pins).to_have_count(len(day.visits))
    expect(pins.first).to_have_class(re.compile(r"\bmap-pin--next\b"))
    expect(phone.locator("#map path.route-line")).to_have_count(1)
    assert phone.locator("#map .leaflet-tile").count() == 0
    screenshot(phone, "courier-map")
    phone.get_by_role("button", name="Chỉ sơ đồ").click()
    expect(phone.locator("#map-panel")).to_be_hidden()
    stops = phone.locator("#schematic > li")
    expect(stops).to_have_count(len(day.visits))
    for n, visit in enumerate(day.visits):
        expect(stops.nth(n)).to_contain_text(place_of(visit))
    expect(stops.first).to_contain_text("Điểm tiếp theo")
    if len(day.visits) > 1:
        expect(stops.first).to_contain_text("đường chim bay, hướng")
    screenshot(phone, "courier-schematic")
    stops.last.get_by_role("link").click()
    expect(phone.locator("#stop-title")).to_contain_text(
        f"Điểm {len(day.visits)}/{len(day.visits)} · {place_of(day.visits[-1])}"
    )


def test_a_mistyped_item_code_is_refused_before_anything_is_sent(
    phone: Page, act: Actions, sign_in: Callable[[Page, str], Any]
) -> None:
    day = publish_day(act)
    _open(phone, sign_in, act.clock)
    phone.get_by_role("link", name="Quét mã").click()
    sent: list[str] = []
    code = day.result
    wrong = code[:10] + str((int(code[10]) + 1) % 10) + code[11:]
    typed = (wrong, "RH12345")

    # The app prefetches the route's own items in the background (for offline use);
    # only a request for one of the mistyped codes would be wrong.
    def record(request: Request) -> None:
        if any(t in request.url.upper() for t in typed):
            sent.append(request.url)

    phone.on("request", record)
    phone.get_by_label("Mã bưu gửi", exact=True).fill(wrong.lower())
    phone.get_by_role("button", name="Tìm bưu gửi").click()
    expect(phone.locator("#scan-form .field-error")).to_contain_text("Sai số kiểm tra")
    expect(phone.get_by_label("Mã bưu gửi", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    phone.get_by_label("Mã bưu gửi", exact=True).fill("RH12345")
    phone.get_by_role("button", name="Tìm bưu gửi").click()
    expect(phone.locator("#scan-form .field-error")).to_contain_text("13 ký tự")
    assert sent == []
    # The right code, typed with spaces, opens the stop where that item is.
    phone.get_by_label("Mã bưu gửi", exact=True).fill(
        f"{code[:2]} {code[2:7]} {code[7:]}"
    )
    phone.get_by_role("button", name="Tìm bưu gửi").click()
    expect(phone.locator("#view-stop")).to_be_visible()
    expect(phone.locator(f'#stop-work [data-code="{code}"]')).to_have_class(
        re.compile(r"\bis-found\b")
    )


def test_the_app_opens_offline_with_the_route_kept_on_the_phone(
    phone: Page,
    act: Actions,
    clock: FakeClock,
    sign_in: Callable[[Page, str], Any],
    screenshot: Callable[[Page, str], Path],
) -> None:
    day: Day = publish_day(act)
    _open(phone, sign_in, act.clock)
    expect(phone.locator("#next-stop h2")).to_have_text(place_of(day.visits[0]))
    # The service worker has kept the app and controls the page.
    phone.evaluate(CONTROLLED)
    phone.context.set_offline(True)
    phone.reload()
    expect(phone.locator("#sync-bar")).to_have_attribute("data-state", "offline")
    expect(phone.locator("#net-state")).to_have_text("Mất mạng")
    expect(phone.locator("#route-notice")).to_contain_text("Tuyến đã lưu trên máy lúc")
    expect(phone.locator("#next-stop h2")).to_have_text(place_of(day.visits[0]))
    expect(phone.locator("#stops > li")).to_have_count(len(day.visits))
    assert day.route["stops"]


def test_collecting_results_at_an_agency_opens_a_handover_for_the_officer(
    phone: Page, act: Actions, sign_in: Callable[[Page, str], Any]
) -> None:
    act.client.patch(
        "/api/v1/couriers/BT02",
        json={"active": False},
        headers=act.world.auth("supervisor"),
    )
    confirmed_dossier(act)
    result = act.result_ready(dossier_code="000.00.15.H10-261123-0001").json["s10_code"]
    clerk = act.world.auth("clerk")
    requested = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    )
    plan = act.client.get(requested.headers["Location"], headers=clerk).json
    act.client.post(f"/api/v1/plans/{plan['id']}/publish", headers=clerk)
    _open(phone, sign_in, act.clock)
    expect(phone.locator("#next-stop h2")).to_have_text("Sở Xây dựng")
    expect(phone.locator("#next-stop")).to_contain_text("Nhận kết quả")
    phone.get_by_role("link", name="Làm việc tại điểm này").click()
    expect(phone.get_by_label(result, exact=False)).to_be_checked()
    phone.get_by_role("button", name="Lập biên bản nhận kết quả").click()
    expect(phone.locator("#flash")).to_contain_text("Đã lập biên bản nhận 1 bưu gửi.")
    # Sent at once (online); the officer has it to count and sign.
    phone.get_by_role("link", name="Đồng bộ", exact=True).click()
    expect(phone.locator("#queue-list .badge")).to_have_text(["Đã ghi nhận"])
    expect(phone.locator("#queue-list")).to_contain_text("Biên bản BBGN-SGTVT-")
    handovers = act.client.get(
        "/api/v1/handovers?status=open", headers=act.world.auth("officer")
    ).json
    assert [
        (h["kind"], [line["item_code"] for line in h["lines"]]) for h in handovers
    ] == [("from_agency", [result])]
    # Until the officer signs, the stop waits for them (the item is still theirs).
    phone.get_by_role("link", name="Tuyến", exact=True).click()
    expect(phone.locator("#stops > li").first).to_contain_text("Chờ cơ quan xác nhận")
    phone.locator("#stops > li").first.get_by_role("link").click()
    expect(phone.get_by_label(result, exact=False)).to_be_disabled()
    expect(phone.locator("#stop-work")).to_contain_text("Chờ cán bộ cơ quan xác nhận")
