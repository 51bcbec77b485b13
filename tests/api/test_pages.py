"""Page shells: Vietnamese HTML, strict headers, nothing from another origin, no inline code."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from support import TEST_SETTINGS, World

from api import create_app
from postal_service.labels import STATE_LABELS

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
HOMES = {
    "/counter": ("clerk", "Quầy giao dịch"),
    "/courier": ("courier", "Tuyến phát hôm nay"),
    "/agency": ("agency_officer", "Tiếp nhận hồ sơ"),
    "/supervisor": ("supervisor admin", "Giám sát"),
}


# A page whose URL has an argument is checked with these values (add yours here).
SAMPLE_ARGUMENTS = {"code": "RH123456785VN"}


def page_paths(app: Flask) -> list[str]:
    """Every page the pages blueprints serve (new pages are checked without listing them)."""
    with app.test_request_context():
        return sorted(
            url_for(rule.endpoint, **{a: SAMPLE_ARGUMENTS[a] for a in rule.arguments})
            for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("pages_")
            and rule.arguments <= SAMPLE_ARGUMENTS.keys()
            and "GET" in (rule.methods or ())
            and rule.rule != "/"
        )


class Page(HTMLParser):
    """What the tests look at in a page: tags with their attributes, and inline code."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = {}
        self._open: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._open = tag

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text[self._open] = self.text.get(self._open, "") + data

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _get(client: FlaskClient, path: str) -> tuple[Any, Page]:
    resp = client.get(path)
    return resp, Page(resp.get_data(as_text=True))


def test_the_root_goes_to_the_login_page(client: FlaskClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/login"


def test_the_login_page_and_every_role_home_are_served(app: Flask) -> None:
    assert {"/login", *HOMES} <= set(page_paths(app))


def test_a_page_with_a_url_argument_is_checked_with_its_sample(app: Flask) -> None:
    assert "/item/RH123456785VN" in page_paths(app)


def test_every_page_is_vietnamese_html_with_strict_headers(
    app: Flask, client: FlaskClient
) -> None:
    for path in page_paths(app):
        resp, page = _get(client, path)
        assert resp.status_code == 200, path
        assert resp.mimetype == "text/html", path
        assert page.all("html") == [{"lang": "vi"}], path
        csp = resp.headers["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "worker-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ):
            assert directive in csp.split("; "), (path, directive)
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(("path", "expected"), list(HOMES.items()))
def test_each_role_home_has_its_vietnamese_heading_and_its_roles(
    client: FlaskClient, path: str, expected: tuple[str, str]
) -> None:
    roles, heading = expected
    _, page = _get(client, path)
    assert page.text["h1"].strip() == heading
    assert page.all("body")[0]["data-roles"] == roles
    assert page.all("body")[0]["data-api-base"] == "/api/v1"
    assert any(a.get("href") == "#main" for a in page.all("a"))
    assert page.all("main") == [{"id": "main", "tabindex": "-1"}]


def test_no_page_has_inline_script_or_style_or_handlers(
    app: Flask, client: FlaskClient
) -> None:
    for path in page_paths(app):
        html = client.get(path).get_data(as_text=True)
        page = Page(html)
        assert "<style" not in html, path
        for tag, attrs in page.tags:
            assert "style" not in attrs, (path, tag)
            assert not any(name.startswith("on") for name in attrs), (path, tag)
            if tag == "script":
                # Code comes from files; a data block (labels) is not executed.
                assert attrs.get("src") or attrs.get("type") == "application/json"


def _is_local(url: str) -> bool:
    return (url.startswith("/") and not url.startswith("//")) or url.startswith("#")


def test_no_page_or_stylesheet_loads_anything_from_another_origin(
    app: Flask, client: FlaskClient
) -> None:
    for path in page_paths(app):
        _, page = _get(client, path)
        for tag, attrs in page.tags:
            for name in ("src", "href", "action"):
                if name in attrs:
                    assert _is_local(attrs[name]), (path, tag, attrs[name])
    for css in STATIC.rglob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(), flags=re.S)
        assert "@import" not in text, css
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            assert not re.match(r"[a-z]+:|//", url) or url.startswith("data:"), (
                css,
                url,
            )


def test_pages_are_the_same_for_everyone_no_data_is_rendered_on_the_server(
    app: Flask, client: FlaskClient, world: World
) -> None:
    for path in page_paths(app):
        anonymous = client.get(path).get_data()
        assert client.get(path, headers=world.auth("clerk")).get_data() == anonymous


def test_every_input_has_a_label(app: Flask, client: FlaskClient) -> None:
    for path in page_paths(app):
        _, page = _get(client, path)
        labelled = {attrs.get("for") for attrs in page.all("label")}
        for tag, attrs in page.tags:
            if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
                assert attrs.get("id") in labelled or attrs.get("aria-label"), (
                    path,
                    attrs,
                )


def test_pages_carry_the_vietnamese_labels_for_the_scripts(client: FlaskClient) -> None:
    html = client.get("/counter").get_data(as_text=True)
    block = re.search(
        r'<script type="application/json" id="page-data">(.*?)</script>', html
    )
    assert block is not None
    data = json.loads(block.group(1))
    assert data["labels"]["states"] == {k.value: v for k, v in STATE_LABELS.items()}
    assert data["homes"]["agency_officer"] == "/agency"


def test_the_map_tile_server_is_allowed_for_images_only_when_configured(
    session_factory: Any,
) -> None:
    app = create_app(
        overrides={
            **TEST_SETTINGS,
            "map_tile_url": "https://{s}.tile.example.vn/{z}/{x}/{y}.png",
            "map_tile_attribution": "© Bản đồ thử",
        },
        session_factory=session_factory,
    )
    resp = app.test_client().get("/courier")
    csp = dict(
        d.split(" ", 1) for d in resp.headers["Content-Security-Policy"].split("; ")
    )
    assert csp["img-src"] == "'self' data: blob: https://*.tile.example.vn"
    assert csp["connect-src"] == "'self'"
    body = Page(resp.get_data(as_text=True)).all("body")[0]
    assert body["data-tile-url"] == "https://{s}.tile.example.vn/{z}/{x}/{y}.png"
    assert body["data-tile-attribution"] == "© Bản đồ thử"


def test_without_a_tile_server_images_come_only_from_this_origin(
    client: FlaskClient,
) -> None:
    csp = client.get("/courier").headers["Content-Security-Policy"]
    assert "img-src 'self' data: blob:;" in csp


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/static/css/app.css", "text/css"),
        ("/static/js/api.js", "text/javascript"),
        ("/static/js/session.js", "text/javascript"),
        ("/static/vendor/leaflet/leaflet.js", "text/javascript"),
        ("/static/vendor/leaflet/leaflet.css", "text/css"),
        ("/static/vendor/leaflet/images/marker-icon.png", "image/png"),
    ],
)
def test_static_assets_are_served_with_their_exact_types(
    client: FlaskClient, path: str, mimetype: str
) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.mimetype == mimetype
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_every_module_a_page_imports_exists(client: FlaskClient) -> None:
    for js in (STATIC / "js").rglob("*.js"):
        for target in re.findall(r'(?:from|import) "(\.\.?/[^"]+)"', js.read_text()):
            assert (js.parent / target).resolve().is_file(), (js, target)


def test_no_script_writes_html_from_strings() -> None:
    for js in (STATIC / "js").rglob("*.js"):
        text = js.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
            assert sink not in text, (js, sink)
