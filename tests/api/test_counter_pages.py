"""The clerk's counter pages: served as shells for the clerk, under the pages' rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from support import World

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
COUNTER = {
    "/counter": "Quầy giao dịch",
    "/counter/intake": "Nhận hồ sơ tại quầy",
    "/counter/pickup": "Thu gom hồ sơ tại nhà",
    "/counter/items": "Bưu gửi tại bưu cục",
    "/counter/dispatch": "Giao túi cho bưu tá",
    "/counter/plan": "Kế hoạch tuyến trong ngày",
}


def test_the_counter_pages_are_served_by_the_pages_blueprints(app: Flask) -> None:
    # So the rules of tests/api/test_pages.py (headers, lang, no inline code, labels,
    # same bytes with or without a token) apply to each of them without listing them.
    served = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("pages_counter.")
    }
    assert served == set(COUNTER)


@pytest.mark.parametrize(("path", "heading"), list(COUNTER.items()))
def test_each_counter_page_is_for_clerks_with_its_heading_and_the_counter_nav(
    client: FlaskClient, path: str, heading: str
) -> None:
    resp = client.get(path)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert re.search(r"<h1>\s*" + re.escape(heading) + r"\s*</h1>", html)
    assert 'data-roles="clerk"' in html
    for link in COUNTER:
        assert f'href="{link}"' in html, (path, link)
    assert 'href="/static/css/counter.css"' in html


@pytest.mark.parametrize("path", list(COUNTER))
def test_every_script_and_module_a_counter_page_loads_exists(
    client: FlaskClient, path: str
) -> None:
    html = client.get(path).get_data(as_text=True)
    scripts = re.findall(r'<script type="module" src="/static/([^"]+)"', html)
    assert "js/layout.js" in scripts
    todo = [STATIC / s for s in scripts]
    seen: set[Path] = set()
    while todo:
        js = todo.pop()
        assert js.is_file(), (path, js)
        if js in seen:
            continue
        seen.add(js)
        for target in re.findall(r'(?:from|import) "(\.\.?/[^"]+)"', js.read_text()):
            todo.append((js.parent / target).resolve())


def test_the_counter_pages_hold_no_personal_data_even_for_a_signed_in_clerk(
    client: FlaskClient, world: World, registered: dict[str, object]
) -> None:
    for path in COUNTER:
        html = client.get(path, headers=world.auth("clerk")).get_data(as_text=True)
        assert "Nguyễn Văn An" not in html
        assert "019085001234" not in html
        assert "Số 5, tổ 3" not in html
