"""The courier works with no signal: actions wait on the phone, then reach the server
once each, with the time they were done on the phone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from e2e.courier_day import CITIZEN_ID, Day, place_of, publish_day
from playwright.sync_api import Page, Route, expect
from support import Actions, FakeClock, png

from postal_service.services import attachments
from postal_service.unit_of_work import UnitOfWork


def _at(phone: Page, clock: FakeClock, minutes: int) -> datetime:
    """Move the server's and the phone's clocks together."""
    clock.advance(minutes=minutes)
    phone.context.clock.set_fixed_time(clock.now)
    return clock.now


def _sign(phone: Page) -> None:
    pad = phone.locator("#signature")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x, y = box["x"], box["y"]
    phone.mouse.move(x + 30, y + 120)
    phone.mouse.down()
    for dx, dy in ((80, 40), (140, 110), (200, 50), (260, 100)):
        phone.mouse.move(x + dx, y + dy, steps=4)
    phone.mouse.up()


def _deliver(phone: Page, code: str, id_number: str, photo: bool = False) -> None:
    phone.locator(f'#stop-work [data-code="{code}"]').get_by_role(
        "button", name=f"Phát {code}", exact=True
    ).click()
    form = phone.locator("#proof-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Họ và tên người nhận")).to_have_value("Nguyễn Văn An")
    expect(form.locator("#proof-id-hint")).to_contain_text("4 số cuối 1234")
    form.get_by_label("Số giấy tờ").fill(id_number)
    _sign(phone)
    if photo:
        form.get_by_label("Ảnh chụp khi giao (không bắt buộc)").set_input_files(
            files=[{"name": "anh.png", "mimeType": "image/png", "buffer": png(64, 48)}]
        )
        expect(form.locator("#photo-preview")).to_be_visible()
    form.get_by_label("Ý kiến của người nhận (không bắt buộc)").fill("Đã nhận đủ.")


def _do_visit(
    phone: Page, day: Day, visit: list[dict[str, Any]], screenshot: Any
) -> None:
    """Open the next visit from the list and do its work, as the courier would."""
    expect(phone.locator("#next-stop h2")).to_have_text(place_of(visit))
    phone.get_by_role("link", name="Làm việc tại điểm này").click()
    kinds = {(s["action"], s["place_kind"]) for s in visit}
    if ("pickup", "address") in kinds:
        card = phone.locator(f'#stop-work [data-code="{day.pickup}"]')
        documents = card.get_by_role("checkbox")
        expect(documents).to_have_count(2)  # the procedure's checklist
        for box in documents.all():
            box.check()
        card.get_by_role("button", name="Đã nhận hồ sơ").click()
    elif ("delivery", "agency") in kinds:
        for stop in visit:
            expect(phone.get_by_label(stop["item_code"], exact=False)).to_be_checked()
        phone.get_by_role("button", name="Lập biên bản giao").click()
    else:
        _deliver(phone, day.result, CITIZEN_ID, photo=True)
        screenshot(phone, "courier-proof")
        phone.get_by_role("button", name="Xác nhận đã phát").click()
    expect(phone.locator("#view-route")).to_be_visible()


def _images(act: Actions, code: str) -> int:
    factory = act.client.application.extensions["session_factory"]
    return attachments.count_for(UnitOfWork(factory), code)


def _events(act: Actions, code: str) -> list[dict[str, Any]]:
    return list(act.item("admin", code).json["events"])


def _once(events: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [e for e in events if e["type"] == kind]
    assert len(found) == 1, (kind, found)
    return found[0]


def test_three_stops_done_offline_reach_the_server_once_with_their_device_times(
    phone: Page,
    act: Actions,
    clock: FakeClock,
    sign_in: Callable[[Page, str], Any],
    screenshot: Callable[[Page, str], Path],
) -> None:
    day = publish_day(act)
    assert len(day.visits) == 3  # the home, the agency (both dossiers), the door
    phone.context.clock.set_fixed_time(clock.now)
    sign_in(phone, "courier")
    phone.goto("/courier")
    expect(phone.locator("#stops > li")).to_have_count(3)
    phone.context.set_offline(True)
    expect(phone.locator("#net-state")).to_have_text("Mất mạng")

    done_at = {}
    for n, visit in enumerate(day.visits, start=1):
        done_at[place_of(visit)] = _at(phone, clock, 20)
        _do_visit(phone, day, visit, screenshot)
        expect(phone.locator("#pending-count")).to_have_text(str(n))
    expect(phone.locator("#next-stop")).to_contain_text("Đã xong mọi điểm dừng")
    expect(phone.locator("#stops > li .badge")).to_have_text(["Chờ gửi"] * 3)
    screenshot(phone, "courier-offline")
    assert _events(act, day.pickup)[-1]["type"] == "pickup_requested"  # nothing sent

    synced_at = _at(phone, clock, 30)
    phone.context.set_offline(False)
    expect(phone.locator("#pending-count")).to_have_text("0")
    expect(phone.locator("#sync-bar")).to_have_attribute("data-state", "online")
    local = synced_at + timedelta(hours=7)  # shown in Vietnam's time
    expect(phone.locator("#last-sync")).to_have_text(local.strftime("%H:%M"))

    # When each stop was done on the phone: (item, pickup or delivery) -> time.
    when = {
        (s["item_code"], s["action"]): done_at[place_of(v)]
        for v in day.visits
        for s in v
    }
    picked = _once(_events(act, day.pickup), "picked_up")
    assert datetime.fromisoformat(picked["occurred_at"]) == when[day.pickup, "pickup"]
    assert datetime.fromisoformat(picked["recorded_at"]) == synced_at
    for code in (day.pickup, day.counter):
        handed = _once(_events(act, code), "handed_over")
        assert datetime.fromisoformat(handed["occurred_at"]) == when[code, "delivery"]
    handovers = act.client.get(
        "/api/v1/handovers", headers=act.world.auth("courier")
    ).json
    assert len(handovers) == 1
    assert {line["item_code"] for line in handovers[0]["lines"]} == {
        day.pickup,
        day.counter,
    }
    opened = datetime.fromisoformat(handovers[0]["opened_at"])
    assert opened == when[day.counter, "delivery"]
    delivered = _once(_events(act, day.result), "delivered")
    assert (
        datetime.fromisoformat(delivered["occurred_at"]) == when[day.result, "delivery"]
    )
    proof = delivered["proof"]
    assert proof["id_matches_intake"] is True and proof["remarks"] == "Đã nhận đủ."
    assert len(proof["attachment_ids"]) == 2  # the signature and the photo
    assert _images(act, day.result) == 2

    # Syncing again (a reload, the button) sends nothing twice.
    phone.reload()
    expect(phone.locator("#pending-count")).to_have_text("0")
    phone.get_by_role("button", name="Đồng bộ ngay").click()
    expect(phone.locator("#sync-bar")).to_have_attribute("data-state", "online")
    _once(_events(act, day.pickup), "picked_up")
    _once(_events(act, day.result), "delivered")
    phone.get_by_role("link", name="Đồng bộ", exact=True).click()
    expect(phone.locator("#queue-list > li")).to_have_count(3)
    expect(phone.locator("#queue-list .badge")).to_have_text(["Đã ghi nhận"] * 3)


def test_a_refused_delivery_is_shown_with_its_reason_until_the_courier_deals_with_it(
    phone: Page,
    act: Actions,
    sign_in: Callable[[Page, str], Any],
    screenshot: Callable[[Page, str], Path],
) -> None:
    day = publish_day(act)
    door = next(
        n for n, v in enumerate(day.visits, 1) if v[0]["item_code"] == day.result
    )
    phone.context.clock.set_fixed_time(
        act.clock.now
    )  # the phone lives at the day's time
    sign_in(phone, "courier")
    phone.goto(f"/courier#/stop/{door}")
    # Same last four digits as the intake's, another number: only the server can tell.
    _deliver(phone, day.result, "019099991234")
    phone.get_by_role("button", name="Xác nhận đã phát").click()
    warning = phone.locator("#rejected-link")
    expect(warning).to_have_text("1 thao tác bị từ chối: xem và xử lý")
    expect(phone.locator("#pending-count")).to_have_text("0")
    warning.click()
    refused = phone.locator("#queue-list > li").first
    expect(refused).to_contain_text(f"Phát {day.result} cho Nguyễn Văn An")
    expect(refused).to_contain_text("Bị từ chối")
    expect(refused).to_contain_text(
        "Lý do: Số giấy tờ không khớp với số đã khai khi nộp hồ sơ."
    )
    screenshot(phone, "courier-refused")
    assert act.item("admin", day.result).json["state"] == "in_transit"
    # The stop is still to do; the courier records the failed attempt instead.
    phone.goto(f"/courier#/stop/{door}")
    card = phone.locator(f'#stop-work [data-code="{day.result}"]')
    card.get_by_role("button", name="Không phát được").click()
    phone.get_by_label("Lý do").select_option(label="Giấy tờ tùy thân không khớp")
    phone.get_by_role("button", name="Ghi nhận phát không thành công").click()
    expect(phone.locator("#flash")).to_contain_text("Đã ghi nhận phát không thành công")
    # The refusal stays on the list, first, until the courier says it is dealt with.
    phone.get_by_role("link", name="Đồng bộ", exact=True).click()
    entries = phone.locator("#queue-list > li")
    expect(entries).to_have_count(2)
    expect(entries.first).to_contain_text("Bị từ chối")
    expect(entries.nth(1)).to_contain_text("Giấy tờ tùy thân không khớp")
    expect(entries.nth(1)).to_contain_text("Đã ghi nhận")
    item = act.item("admin", day.result).json
    assert item["state"] == "delivery_failed"
    assert item["events"][-1]["proof"] == {"reason": "id_mismatch"}
    phone.get_by_role("button", name="Đã xử lý, bỏ khỏi danh sách").click()
    expect(entries).to_have_count(1)
    expect(phone.locator("#rejected-link")).to_be_hidden()


def test_logging_out_with_actions_waiting_warns_first(
    phone: Page, act: Actions, sign_in: Callable[[Page, str], Any]
) -> None:
    day = publish_day(act)
    phone.context.clock.set_fixed_time(act.clock.now)
    sign_in(phone, "courier")
    phone.goto("/courier")
    expect(phone.locator("#stops > li")).to_have_count(len(day.visits))
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Bắt đầu tuyến").click()
    expect(phone.locator("#pending-count")).to_have_text("1")
    phone.get_by_role("button", name="Đăng xuất", exact=True).click()
    dialog = phone.get_by_role("dialog")
    expect(dialog).to_contain_text("Còn 1 thao tác chưa gửi lên máy chủ")
    dialog.get_by_role("button", name="Ở lại").click()
    expect(dialog).to_be_hidden()
    assert phone.url.endswith("/courier")
    phone.get_by_role("button", name="Đăng xuất", exact=True).click()
    expect(dialog).to_be_visible()
    phone.context.set_offline(False)
    dialog.get_by_role("button", name="Đồng bộ rồi đăng xuất").click()
    phone.wait_for_url("**/login")
    expect(phone.locator("#flash")).to_contain_text("Bạn đã đăng xuất.")
    # The queued start reached the server before the token was revoked.
    clerk = act.world.auth("clerk")
    plans = act.client.get("/api/v1/plans?service_date=2026-11-23", headers=clerk).json
    plan = act.client.get(f"/api/v1/plans/{plans[0]['id']}", headers=clerk).json
    assert plan["routes"][0]["started_at"] is not None


def test_answers_lost_on_the_way_back_never_record_an_action_twice(
    phone: Page, act: Actions, sign_in: Callable[[Page, str], Any]
) -> None:
    day = publish_day(act)
    door = next(
        n for n, v in enumerate(day.visits, 1) if v[0]["item_code"] == day.result
    )
    lost: list[str] = []

    def lose_first_answer(route: Route) -> None:
        # The server does the work; its answer never reaches the phone.
        if route.request.method == "POST" and route.request.url not in lost:
            lost.append(route.request.url)
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    phone.context.clock.set_fixed_time(act.clock.now)
    sign_in(phone, "courier")
    phone.goto(f"/courier#/stop/{door}")
    phone.route("**/api/v1/**", lose_first_answer)
    _deliver(phone, day.result, CITIZEN_ID)
    phone.get_by_role("button", name="Xác nhận đã phát").click()
    expect(phone.locator("#net-state")).to_have_text("Không kết nối được máy chủ")
    expect(phone.locator("#pending-count")).to_have_text("1")
    assert [u.rsplit("/", 1)[-1] for u in lost] == ["attachments"]
    sync_now = phone.get_by_role("button", name="Đồng bộ ngay")
    with phone.expect_request("**/api/v1/sync"):
        sync_now.click()  # the image again (the server's first answer), then the event
    expect(sync_now).to_be_enabled()
    expect(phone.locator("#pending-count")).to_have_text("1")
    assert [u.rsplit("/", 1)[-1] for u in lost] == ["attachments", "sync"]
    sync_now.click()  # the delivery again: the server had it
    expect(phone.locator("#pending-count")).to_have_text("0")
    phone.get_by_role("link", name="Đồng bộ", exact=True).click()
    expect(phone.locator("#queue-list .badge")).to_have_text(
        ["Máy chủ đã có (không ghi trùng)"]
    )
    delivered = _once(_events(act, day.result), "delivered")
    assert _images(act, day.result) == 1
    assert len(delivered["proof"]["attachment_ids"]) == 1
