"""The vendored Leaflet runs under the pages' CSP and draws stops with no tile server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect


def test_leaflet_draws_markers_and_a_line_without_tiles_under_the_csp(
    phone: Page, sign_in: Callable[[Page, str], dict[str, Any]]
) -> None:
    sign_in(phone, "courier")
    phone.goto("/courier")
    phone.add_style_tag(url="/static/vendor/leaflet/leaflet.css")
    phone.add_script_tag(url="/static/vendor/leaflet/leaflet.js")
    phone.evaluate(
        """() => {
            const box = document.createElement("div");
            box.id = "map";
            box.className = "map";
            document.querySelector("main").append(box);
            const stops = [[21.59, 105.84], [21.60, 105.85], [21.61, 105.83]];
            const map = L.map(box).fitBounds(stops, {padding: [20, 20]});
            for (const s of stops) L.marker(s).addTo(map);
            L.polyline(stops).addTo(map);
        }"""
    )
    expect(phone.locator("#map .leaflet-marker-icon")).to_have_count(3)
    expect(phone.locator("#map path.leaflet-interactive")).to_have_count(1)
    assert phone.locator("#map .leaflet-tile").count() == 0
