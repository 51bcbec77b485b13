"""Every counter page is usable on a 360 px wide screen: nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from support import Actions

PAGES = {
    "/counter": "Quầy giao dịch",
    "/counter/intake": "Nhận hồ sơ tại quầy",
    "/counter/pickup": "Thu gom hồ sơ tại nhà",
    "/counter/items": "Bưu gửi tại bưu cục",
    "/counter/dispatch": "Giao túi cho bưu tá",
    "/counter/plan": "Kế hoạch tuyến trong ngày",
}


def test_every_counter_page_fits_a_phone_screen(
    phone: Page,
    sign_in: Callable[[Page, str], dict[str, Any]],
    screenshot: Callable[[Page, str], Path],
    act: Actions,
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    sign_in(phone, "clerk")
    for path, heading in PAGES.items():
        phone.goto(path)
        expect(phone.get_by_role("heading", level=1)).to_have_text(heading)
        if path in ("/counter/items", "/counter/dispatch"):
            expect(phone.locator("tbody")).to_contain_text(code)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
        if path in ("/counter/items", "/counter/dispatch"):
            screenshot(phone, f"counter-{path.rsplit('/', 1)[-1]}-phone")
