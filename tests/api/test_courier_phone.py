"""What the courier's phone needs from the server: its service worker, handovers with
the device's time, image uploads that a retry never stores twice, the agency's code."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from support import Actions, confirmed_dossier, png

from postal_service.services import attachments
from postal_service.unit_of_work import UnitOfWork

WORKER = "/courier/sw.js"


def _carried(act: Actions, dossier_code: str = "000.00.15.H10-261123-0101") -> str:
    code = str(act.intake(dossier_code=dossier_code).json["items"][0]["s10_code"])
    assert (
        act.event("clerk", code, "dispatched", courier_code="BT01").status_code == 201
    )
    return code


def _precached(body: str) -> list[str]:
    match = re.search(r"const PRECACHE = (\[.*?\]);", body)
    assert match is not None
    return re.findall(r'"([^"]+)"', match.group(1))


def test_the_service_worker_is_served_for_the_courier_pages_scope(
    client: FlaskClient,
) -> None:
    resp = client.get(WORKER)
    assert resp.status_code == 200
    assert resp.mimetype == "text/javascript"
    assert resp.headers["Service-Worker-Allowed"] == "/courier"
    assert resp.headers["Cache-Control"] == "no-cache"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "connect-src 'self'" in resp.headers["Content-Security-Policy"]
    page = client.get("/courier").get_data(as_text=True)
    assert f'data-worker="{WORKER}"' in page
    assert 'data-scope="/courier"' in page


def test_the_service_worker_keeps_the_page_and_every_asset_it_loads(
    client: FlaskClient,
) -> None:
    kept = _precached(client.get(WORKER).get_data(as_text=True))
    assert "/courier" in kept
    page = client.get("/courier").get_data(as_text=True)
    loaded = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert loaded and set(loaded) <= set(kept)
    assert "/static/js/courier/app.js" in kept
    assert "/static/vendor/leaflet/images/marker-icon.png" in kept
    for url in kept:
        assert client.get(url).status_code == 200, url


def test_the_service_worker_changes_when_the_page_changes(
    app: Flask, client: FlaskClient
) -> None:
    before = client.get(WORKER).get_data(as_text=True)
    app.extensions["settings"] = app.extensions["settings"].with_overrides(
        {"map_tile_url": "/tiles/{z}/{x}/{y}.png"}
    )
    after = client.get(WORKER).get_data(as_text=True)
    version = re.compile(r"const VERSION = \"([0-9a-f]{16})\";")
    first, second = version.search(before), version.search(after)
    assert first and second and first.group(1) != second.group(1)


def test_a_handover_queued_offline_keeps_the_time_it_happened(act: Actions) -> None:
    code = _carried(act)
    handed_at = act.clock.now + timedelta(minutes=10)
    act.clock.advance(hours=1)  # the phone syncs an hour later
    resp = act.client.post(
        "/api/v1/handovers",
        json={
            "agency_code": "SGTVT",
            "kind": "to_agency",
            "item_codes": [code],
            "occurred_at": handed_at.isoformat(),
        },
        headers={**act.world.auth("courier"), "Idempotency-Key": "phone-1"},
    )
    assert resp.status_code == 201, resp.json
    assert resp.json["opened_at"] == handed_at.isoformat()
    event = act.item("courier", code).json["events"][-1]
    assert event["type"] == "handed_over"
    assert event["occurred_at"] == handed_at.isoformat()
    assert event["recorded_at"] == act.clock.now.isoformat()


def test_a_handover_timed_in_the_future_is_refused_and_writes_nothing(
    act: Actions,
) -> None:
    code = _carried(act)
    resp = act.client.post(
        "/api/v1/handovers",
        json={
            "agency_code": "SGTVT",
            "kind": "from_agency",
            "item_codes": [code],
            "occurred_at": (act.clock.now + timedelta(hours=1)).isoformat(),
        },
        headers=act.world.auth("courier"),
    )
    assert resp.status_code == 422
    assert "occurred_at" in resp.json["errors"]
    assert (
        act.client.get("/api/v1/handovers", headers=act.world.auth("courier")).json
        == []
    )
    assert act.item("courier", code).json["state"] == "in_transit"


def _upload(
    act: Actions, code: str, data: bytes, key: str, who: str = "courier"
) -> Any:
    # A new BytesIO each time: the test client, like a browser, sends a new boundary.
    return act.client.post(
        f"/api/v1/items/{code}/attachments",
        data={"kind": "signature", "file": (io.BytesIO(data), "chu-ky.png")},
        headers={**act.world.auth(who), "Idempotency-Key": key},
        content_type="multipart/form-data",
    )


def _result_in_bag(act: Actions) -> str:
    confirmed_dossier(act)
    code = str(
        act.result_ready(dossier_code="000.00.15.H10-261123-0001").json["s10_code"]
    )
    assert act.event("courier", code, "picked_up").status_code == 201
    return code


def test_an_image_upload_retried_with_its_key_is_stored_once(act: Actions) -> None:
    code = _result_in_bag(act)
    first = _upload(act, code, png(), "sig-1")
    again = _upload(act, code, png(), "sig-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json["id"] == first.json["id"]
    factory = act.client.application.extensions["session_factory"]
    assert attachments.count_for(UnitOfWork(factory), code) == 1


def test_another_image_under_a_used_key_is_refused(act: Actions) -> None:
    code = _result_in_bag(act)
    assert _upload(act, code, png(), "sig-2").status_code == 201
    other = _upload(act, code, png(16, 16), "sig-2")
    assert other.status_code == 422
    assert other.json["type"] == "/problems/idempotency-key-reused"
    factory = act.client.application.extensions["session_factory"]
    assert attachments.count_for(UnitOfWork(factory), code) == 1


def test_another_couriers_upload_for_my_item_is_not_found(act: Actions) -> None:
    code = _result_in_bag(act)
    assert _upload(act, code, png(), "sig-3", who="courier3").status_code == 404


def test_a_route_stop_names_its_agencys_code_for_the_handover(act: Actions) -> None:
    act.intake()  # a dossier at the postal point, for the agency
    clerk = act.world.auth("clerk")
    plan = act.client.post(
        "/api/v1/plans",
        json={"postal_point_code": "BC01", "service_date": "2026-11-23"},
        headers=clerk,
    ).json
    published = act.client.post(
        f"/api/v1/plans/{plan['id']}/publish", headers=clerk
    ).json
    stops = [s for r in published["routes"] for s in r["stops"]]
    assert [(s["agency_code"], s["agency_name"]) for s in stops] == [
        ("SGTVT", "Sở Xây dựng")
    ]
