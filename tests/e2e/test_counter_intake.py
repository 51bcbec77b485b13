"""The clerk registers dossiers at the counter in a real browser, and prints their papers."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from playwright.sync_api import Page, Route, expect
from pypdf import PdfReader
from support import COMMUNE, Actions, World

CITIZEN = "Trần Thị Ngọc Ánh"
ADDRESS = "Số 18, tổ 7, đường Lương Ngọc Quyến"
PROCEDURE = "Cấp đổi giấy phép lái xe"
DOSSIER_CODE = "000.00.15.H10-261123-0042"

SignIn = Callable[[Page, str], dict[str, Any]]
Shot = Callable[[Page, str], Path]


def _open_intake(page: Page, sign_in: SignIn) -> None:
    sign_in(page, "clerk")
    page.goto("/counter/intake")
    # The commune picker starts on the postal point's province, its communes loaded.
    expect(page.get_by_label("Tỉnh, thành phố")).to_have_value("19")
    expect(page.locator("#citizen-commune option")).not_to_have_count(1)


def _choose_procedure(page: Page) -> None:
    page.get_by_label("Tìm thủ tục theo tên hoặc mã").fill("cap doi giay phep lai xe")
    page.get_by_role("button", name=f"Chọn thủ tục {PROCEDURE}").click()
    expect(page.locator("#procedure-chosen")).to_contain_text(PROCEDURE)
    expect(page.locator("#procedure-chosen")).to_contain_text("Sở Xây dựng")


def _fill_dossier(page: Page, *, phone: str = "0912 345 678") -> None:
    _choose_procedure(page)
    page.get_by_label("Tờ khai đề nghị cấp đổi giấy phép lái xe").check()
    page.get_by_label("Bản sao giấy phép lái xe").check()
    page.get_by_label("Mã hồ sơ một cửa").fill(DOSSIER_CODE)
    page.get_by_label("Gửi hồ sơ và nhận kết quả tại nhà").check()
    page.get_by_label("Họ và tên").fill(CITIZEN)
    page.get_by_label("Số điện thoại").fill(phone)
    page.get_by_label("Số giấy tờ").fill("019085001234")
    page.get_by_label("Lọc xã, phường").fill("phan dinh phung")
    page.get_by_label("Xã, phường, đặc khu").select_option(
        label="Phường Phan Đình Phùng"
    )
    page.get_by_label("Địa chỉ (số nhà").fill(ADDRESS)


def _registered(client: FlaskClient, world: World) -> list[dict[str, Any]]:
    resp = client.get(
        "/api/v1/items",
        query_string={"dossier_code": DOSSIER_CODE},
        headers=world.auth("clerk"),
    )
    return list(resp.json["items"])


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def test_the_clerk_registers_a_dossier_and_prints_its_consignment_note_in_vietnamese(
    page: Page,
    sign_in: SignIn,
    screenshot: Shot,
    client: FlaskClient,
    world: World,
) -> None:
    _open_intake(page, sign_in)
    _fill_dossier(page)
    # The procedure's fee is offered as the fee collected.
    expect(page.get_by_label("Phí, lệ phí đã thu (đồng)")).to_have_value("135000")
    screenshot(page, "counter-intake")
    page.get_by_role("button", name="Đăng ký hồ sơ").click()

    code = page.locator("#result-code")
    expect(code).to_have_text(re.compile(r"^RH\d{9}VN$"))
    s10 = code.inner_text()
    expect(page.locator("#result")).to_be_focused()
    expect(page.get_by_role("link", name="Xem chi tiết bưu gửi")).to_have_attribute(
        "href", f"/item/{s10}"
    )
    # What reached the server: the item, the citizen's commune, the ticked documents.
    detail = client.get(f"/api/v1/items/{s10}", headers=world.auth("clerk")).json
    dossier = detail["dossier"]
    assert detail["state"] == "at_postal_point"
    assert dossier["citizen"]["name"] == CITIZEN
    assert dossier["citizen"]["commune_code"] == COMMUNE
    assert dossier["dossier_code"] == DOSSIER_CODE
    assert [d["name"] for d in dossier["documents"]] == [
        "Tờ khai đề nghị cấp đổi giấy phép lái xe",
        "Bản sao giấy phép lái xe",
    ]
    assert dossier["fee_vnd"] == 135000
    screenshot(page, "counter-intake-result")

    pdfs: list[bytes] = []

    def keep_the_pdf(route: Route) -> None:
        answer = route.fetch()
        assert answer.status == 200
        assert answer.headers["content-type"] == "application/pdf"
        pdfs.append(answer.body())
        route.fulfill(response=answer)

    page.route(f"**/api/v1/items/{s10}/consignment-note.pdf", keep_the_pdf)
    with page.expect_popup() as popup:
        page.get_by_role("button", name="In phiếu gửi").click()
    text = _pdf_text(pdfs[0])
    for words in (CITIZEN, PROCEDURE, ADDRESS, "Sở Xây dựng", s10):
        assert words in text, words
    assert popup.value.url.startswith("blob:")
    popup.value.close()
    expect(page.locator("#print-status")).to_contain_text("Đã mở phiếu gửi")


def test_a_wrong_phone_is_shown_next_to_its_input_and_nothing_is_registered(
    page: Page, sign_in: SignIn, client: FlaskClient, world: World, act: Actions
) -> None:
    _open_intake(page, sign_in)
    _fill_dossier(page, phone="12345")
    page.get_by_role("button", name="Đăng ký hồ sơ").click()
    phone = page.get_by_label("Số điện thoại")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#citizen-phone-error")).to_have_text(
        re.compile("số điện thoại", re.I)
    )
    expect(phone).to_be_focused()
    expect(page.get_by_role("alert").first).to_contain_text("Dữ liệu chưa hợp lệ")
    assert page.locator("#result").is_hidden()
    assert _registered(client, world) == []
    assert act.count() == 0


def test_a_double_click_registers_the_dossier_once(
    page: Page, sign_in: SignIn, client: FlaskClient, world: World
) -> None:
    _open_intake(page, sign_in)
    _fill_dossier(page)
    posted: list[str] = []
    page.on(
        "request",
        lambda r: posted.append(r.url) if r.url.endswith("/api/v1/intakes") else None,
    )
    page.get_by_role("button", name="Đăng ký hồ sơ").dblclick()
    expect(page.locator("#result-code")).to_have_text(re.compile(r"^RH\d{9}VN$"))
    # Both clicks happened before the answer came: the second sent nothing.
    assert len(posted) == 1
    assert len(_registered(client, world)) == 1


def test_a_retry_after_a_lost_answer_registers_once_with_the_same_code(
    page: Page, sign_in: SignIn, client: FlaskClient, world: World
) -> None:
    _open_intake(page, sign_in)
    _fill_dossier(page)
    keys: list[str] = []

    def lose_the_answer(route: Route) -> None:
        # The server registers the dossier, but its answer never reaches the browser.
        keys.append(route.request.headers["idempotency-key"])
        route.fetch()
        route.abort("connectionreset")

    page.route("**/api/v1/intakes", lose_the_answer, times=1)
    submit = page.get_by_role("button", name="Đăng ký hồ sơ")
    submit.click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Không kết nối được máy chủ"
    )
    assert len(_registered(client, world)) == 1

    with page.expect_request("**/api/v1/intakes") as retry:
        submit.click()
    expect(page.locator("#result-code")).to_have_text(re.compile(r"^RH\d{9}VN$"))
    assert retry.value.headers["idempotency-key"] == keys[0]
    registered = _registered(client, world)
    assert len(registered) == 1
    expect(page.locator("#result-code")).to_have_text(registered[0]["s10_code"])


def test_the_intake_form_fits_a_phone_screen(
    phone: Page, sign_in: SignIn, screenshot: Shot
) -> None:
    _open_intake(phone, sign_in)
    _choose_procedure(phone)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    screenshot(phone, "counter-intake-phone")
