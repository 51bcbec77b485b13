"""Logging in and out in a real browser: each role lands on its page, tokens are guarded."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import Page, Route, expect
from support import FULL_NAMES, World

SESSION_KEY = "bcci.session"
HOMES = {
    "clerk": ("/counter", "Quầy giao dịch", "Bưu cục Thái Nguyên (BC01)"),
    "courier": ("/courier", "Tuyến phát hôm nay", "Bưu cục Thái Nguyên (BC01)"),
    "officer": ("/agency", "Tiếp nhận hồ sơ", "Sở Xây dựng (SGTVT)"),
    "supervisor": ("/supervisor", "Giám sát", ""),
}


def _fill_login(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _stored_session(page: Page) -> Any:
    return page.evaluate("key => localStorage.getItem(key)", SESSION_KEY)


@pytest.mark.parametrize("who", list(HOMES))
def test_each_role_logs_in_and_lands_on_its_page_with_its_name_shown(
    page: Page,
    web_login: Callable[[str], tuple[str, str]],
    screenshot: Callable[[Page, str], Path],
    who: str,
) -> None:
    home, heading, place = HOMES[who]
    _fill_login(page, *web_login(who))
    expect(page).to_have_url(re.compile(f"{home}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    header = page.locator("#who")
    expect(header).to_contain_text(FULL_NAMES[who])
    if place:
        expect(header).to_contain_text(place)
    assert page.evaluate("document.documentElement.lang") == "vi"
    screenshot(page, f"home-{home.strip('/')}")


def test_a_wrong_password_shows_a_vietnamese_error_and_stores_nothing(
    page: Page,
    web_login: Callable[[str], tuple[str, str]],
    screenshot: Callable[[Page, str], Path],
) -> None:
    username, _ = web_login("clerk")
    _fill_login(page, username, "sai-mật-khẩu")
    expect(page.get_by_role("alert")).to_contain_text(
        "Sai tên đăng nhập hoặc mật khẩu."
    )
    expect(page).to_have_url(re.compile("/login$"))
    assert _stored_session(page) is None
    screenshot(page, "login-wrong-password")


def test_an_empty_username_is_marked_next_to_its_input(page: Page) -> None:
    _fill_login(page, "", "x")
    username = page.get_by_label("Tên đăng nhập")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#username-error")).to_have_text("Bắt buộc nhập.")
    expect(username).to_be_focused()


def test_logging_out_revokes_the_token(
    page: Page,
    sign_in: Callable[[Page, str], dict[str, Any]],
    client: FlaskClient,
    world: World,
) -> None:
    sign_in(page, "clerk")
    page.goto("/counter")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile("/login$"))
    expect(page.locator("#flash")).to_contain_text("Bạn đã đăng xuất.")
    assert _stored_session(page) is None
    resp = client.get("/api/v1/auth/me", headers=world.auth("clerk"))
    assert resp.status_code == 401


def test_a_request_refused_while_logging_out_does_not_report_an_expired_session(
    page: Page, sign_in: Callable[[Page, str], dict[str, Any]]
) -> None:
    """A page request answered 401 during log-out (token already forgotten) is no expiry."""
    sign_in(page, "clerk")
    page.goto("/counter")
    held: list[Route] = []
    page.route("**/auth/revoke", lambda route: held.append(route))
    with page.expect_request("**/auth/revoke"):
        page.get_by_role("button", name="Đăng xuất").click()
    status = page.evaluate(
        """async () => {
            const api = await import("/static/js/api.js");
            try { await api.request("GET", "/auth/me"); return 200; }
            catch (err) { return err.status; }
        }"""
    )
    assert status == 401
    assert held, "the revoke request was not held"
    held[0].continue_()
    expect(page).to_have_url(re.compile("/login$"))
    expect(page.locator("#flash")).to_contain_text("Bạn đã đăng xuất.")


@pytest.mark.parametrize("path", ["/counter", "/courier", "/agency", "/supervisor"])
def test_a_page_opened_without_a_token_goes_to_the_login_page(
    page: Page, path: str
) -> None:
    page.goto(path)
    expect(page).to_have_url(re.compile(f"/login\\?next=%2F{path.strip('/')}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")


def test_another_roles_page_sends_the_user_to_their_own(
    page: Page, sign_in: Callable[[Page, str], dict[str, Any]]
) -> None:
    sign_in(page, "clerk")
    page.goto("/courier")
    expect(page).to_have_url(re.compile("/counter$"))


def test_a_revoked_token_on_an_api_call_asks_to_log_in_again(
    page: Page,
    sign_in: Callable[[Page, str], dict[str, Any]],
    client: FlaskClient,
    world: World,
) -> None:
    sign_in(page, "officer")
    page.goto("/agency")
    # The page's own calls are answered first: one of them meeting the revoked token
    # would already send the page away.
    page.wait_for_load_state("networkidle")
    client.post("/api/v1/auth/revoke", headers=world.auth("officer"))
    # The call is started, not awaited: its 401 navigates away, which would destroy
    # the script context an awaited evaluate() is waiting in.
    with page.expect_response(lambda r: r.url.endswith("/api/v1/items")) as answer:
        page.evaluate(
            """() => {
                import("/static/js/api.js").then(
                    (api) => api.getJson("/items").catch(() => {}));
            }"""
        )
    assert answer.value.status == 401
    expect(page).to_have_url(re.compile("/login\\?next=%2Fagency$"))
    expect(page.locator("#flash")).to_contain_text("Vui lòng đăng nhập lại.")
    assert _stored_session(page) is None


def test_an_api_refusal_becomes_an_api_error_with_its_field_errors(
    page: Page, sign_in: Callable[[Page, str], dict[str, Any]]
) -> None:
    sign_in(page, "clerk")
    page.goto("/counter")
    err = page.evaluate(
        """async () => {
            const api = await import("/static/js/api.js");
            const ui = await import("/static/js/ui.js");
            try {
                await api.postJson("/intakes", {procedure_code: "1.002804"});
            } catch (e) {
                return {name: e.name, status: e.status, type: e.type, errors: e.errors,
                        text: ui.problemText(e), field: ui.fieldText(e.errors.citizen)};
            }
        }"""
    )
    assert (err["name"], err["status"]) == ("ApiError", 422)
    assert err["type"] == "/problems/validation-error"
    assert "citizen" in err["errors"]
    assert err["text"].startswith("Dữ liệu chưa hợp lệ")
    assert err["field"] == "Bắt buộc nhập."


def test_the_courier_logs_in_on_a_phone_without_sideways_scrolling(
    phone: Page,
    web_login: Callable[[str], tuple[str, str]],
    screenshot: Callable[[Page, str], Path],
) -> None:
    _fill_login(phone, *web_login("courier"))
    expect(phone).to_have_url(re.compile("/courier$"))
    expect(phone.locator("#who")).to_contain_text(FULL_NAMES["courier"])
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "phone-courier-home")


def test_the_first_tab_reaches_the_skip_link_to_the_main_content(
    page: Page, sign_in: Callable[[Page, str], dict[str, Any]]
) -> None:
    sign_in(page, "supervisor")
    page.goto("/supervisor")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/supervisor#main$"))


def test_a_page_opened_without_a_session_comes_back_after_log_in(
    page: Page, web_login: Callable[[str], tuple[str, str]]
) -> None:
    page.goto("/supervisor/overdue?postal_point=BC01")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fsupervisor%2Foverdue"))
    username, password = web_login("supervisor")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/supervisor/overdue\?postal_point=BC01$"))


@pytest.mark.parametrize(
    "target", ["https://example.org/x", "//example.org/x", "/\\example.org/x", "/login"]
)
def test_log_in_never_follows_next_off_the_site(
    page: Page, web_login: Callable[[str], tuple[str, str]], target: str
) -> None:
    username, password = web_login("clerk")
    page.goto("/login?next=" + quote(target, safe=""))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/counter$"))
