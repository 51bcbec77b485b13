"""The agency desk, the supervisor's pages and the shared item page, as shells."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from support import World

JS = Path(__file__).resolve().parents[2] / "api" / "static" / "js"
STAFF = "clerk courier agency_officer supervisor admin"
PAGES = {
    "/agency": ("agency_officer", "Tiếp nhận hồ sơ", "js/agency/home.js"),
    "/agency/handover": (
        "agency_officer",
        "Biên bản bàn giao",
        "js/agency/handover.js",
    ),
    "/agency/results": ("agency_officer", "Báo có kết quả", "js/agency/results.js"),
    "/agency/items": ("agency_officer", "Bưu gửi chưa hoàn tất", "js/agency/items.js"),
    "/supervisor": ("supervisor admin", "Giám sát", "js/supervisor/home.js"),
    "/supervisor/overdue": (
        "supervisor admin",
        "Bưu gửi quá hạn",
        "js/supervisor/overdue.js",
    ),
    "/supervisor/on-time": (
        "supervisor admin",
        "Tỷ lệ đúng hạn",
        "js/supervisor/on_time.js",
    ),
    "/item/RH123456785VN": (STAFF, "Bưu gửi", "js/items/item.js"),
}


class Shell(HTMLParser):
    """The h1's text, <body>'s attributes, the scripts and the links of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.h1, self.body, self.scripts, self.links = "", {}, [], []
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self._in_h1 = tag == "h1"
        if tag == "body":
            self.body = a
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(a["href"])

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data

    def handle_endtag(self, tag: str) -> None:
        self._in_h1 = False


@pytest.mark.parametrize(("path", "expected"), list(PAGES.items()))
def test_each_desk_page_has_its_heading_roles_and_script(
    client: FlaskClient, path: str, expected: tuple[str, str, str]
) -> None:
    roles, heading, script = expected
    resp = client.get(path)
    assert resp.status_code == 200
    shell = Shell(resp.get_data(as_text=True))
    assert shell.h1.strip() == heading
    assert shell.body["data-roles"] == roles
    assert f"/static/{script}" in shell.scripts
    assert (JS.parent / script).is_file()


def test_every_link_of_the_desk_pages_goes_to_a_page_that_exists(
    client: FlaskClient,
) -> None:
    for path in PAGES:
        for link in Shell(client.get(path).get_data(as_text=True)).links:
            assert client.get(link).status_code in (200, 302), (path, link)


def test_the_item_page_never_echoes_its_code_so_nothing_is_reflected(
    client: FlaskClient, world: World
) -> None:
    for code in ("RH987654321VN", "%3Cscript%3Ealert(1)"):
        resp = client.get(f"/item/{code}", headers=world.auth("officer2"))
        html = resp.get_data(as_text=True)
        assert resp.status_code == 200
        assert "RH987654321VN" not in html
        assert "<script>alert" not in html and "alert(1)" not in html


def test_the_item_page_is_the_same_shell_for_every_code(client: FlaskClient) -> None:
    first = client.get("/item/RH123456785VN").get_data()
    assert client.get("/item/RK000000017VN").get_data() == first


def test_the_desk_scripts_only_call_the_api_through_api_js() -> None:
    for js in [
        *(JS / "agency").glob("*.js"),
        *(JS / "supervisor").glob("*.js"),
        *(JS / "items").glob("*.js"),
    ]:
        text = js.read_text()
        assert "fetch(" not in text, js
        assert not re.search(r"localStorage|sessionStorage", text), js
