"""Bad input gets a clear 4xx problem+json naming the field, and changes nothing."""

import unicodedata
from typing import Any

import pytest
from support import Actions, intake_body

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Văn An")


def _citizen(**changes: Any) -> dict[str, Any]:
    citizen = dict(intake_body()["citizen"])
    citizen.update(changes)
    return {k: v for k, v in citizen.items() if v is not None}


BAD_INTAKES = [
    ({"procedure_code": None}, "procedure_code"),
    ({"service_type": "teleport"}, "service_type"),
    ({"fee_vnd": "nhiều"}, "fee_vnd"),
    ({"fee_vnd": -1}, "fee_vnd"),
    ({"colour": "đỏ"}, "colour"),
    ({"note": "x" * 501}, "note"),
    ({"dossier_code": "H10-2306"}, "dossier_code"),
    ({"citizen": _citizen(name=None)}, "citizen.name"),
    ({"citizen": _citizen(name=NFD_NAME)}, "citizen.name"),
    ({"citizen": _citizen(name="x" * 121)}, "citizen.name"),
    ({"citizen": _citizen(phone="12345")}, "citizen.phone"),
    ({"citizen": _citizen(phone="+1 202 555 0143")}, "citizen.phone"),
    ({"citizen": _citizen(commune_code=99999999)}, "citizen.commune_code"),
    ({"citizen": _citizen(commune_code="5443")}, "citizen.commune_code"),
    ({"citizen": _citizen(lat=95.0, lon=105.8)}, "citizen.lat"),
    ({"citizen": _citizen(lat=21.5, lon=2.0)}, "citizen.lon"),
    ({"citizen": _citizen(lat=21.5)}, "citizen.lat"),
    ({"citizen": _citizen(id_number="12AB")}, "citizen.id_number"),
    (
        {"documents": [{"name": "Giấy tờ không có trong danh mục", "original": True}]},
        "documents.0.name",
    ),
    ({"documents": [{"name": "Tờ khai", "original": "có"}]}, "documents.0.original"),
    ({"procedure_code": "9.999999"}, "procedure_code"),
    ({"procedure_code": "1.000001"}, "procedure_code"),
    ({"service_type": "receive"}, "service_type"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_INTAKES)
def test_a_bad_intake_names_the_field_and_writes_nothing(
    act: Actions, changes: dict[str, Any], field: str
) -> None:
    body = {k: v for k, v in intake_body(**changes).items() if v is not None}
    resp = act.client.post(
        "/api/v1/intakes", json=body, headers=act.world.auth("clerk")
    )
    assert resp.status_code == 422, resp.json
    assert resp.content_type == "application/problem+json"
    assert resp.json["type"] == "/problems/validation-error"
    assert field in resp.json["errors"], resp.json
    assert act.count() == 0


def test_a_duplicate_dossier_code_is_a_conflict(act: Actions) -> None:
    act.intake()
    resp = act.intake()
    assert resp.status_code == 409
    assert "dossier_code" in resp.json["errors"]
    assert act.count() == 1


def test_a_body_that_is_not_json_is_refused(act: Actions) -> None:
    resp = act.client.post(
        "/api/v1/intakes",
        data="{not json",
        headers={**act.world.auth("clerk"), "Content-Type": "application/json"},
    )
    assert 400 <= resp.status_code < 500
    assert resp.content_type == "application/problem+json"
    assert act.count() == 0


BAD_EVENTS = [
    ({"type": "teleported"}, "type"),
    ({"type": "accepted_at_counter"}, "type"),
    ({"occurred_at": "hôm qua"}, "occurred_at"),
    ({"occurred_at": "2026-11-23T09:00:00"}, "occurred_at"),
    ({"lat": "north"}, "lat"),
    ({"place": "x" * 201}, "place"),
    ({"extra": 1}, "extra"),
]


@pytest.mark.parametrize(("changes", "field"), BAD_EVENTS)
def test_a_bad_event_names_the_field_and_writes_nothing(
    act: Actions, changes: dict[str, Any], field: str
) -> None:
    code = act.intake().json["items"][0]["s10_code"]
    body = {
        "type": "dispatched",
        "courier_code": "BT01",
        "occurred_at": act.clock.now.isoformat(),
    }
    body.update(changes)
    resp = act.client.post(
        f"/api/v1/items/{code}/events", json=body, headers=act.world.auth("clerk")
    )
    assert resp.status_code == 422
    assert field in resp.json["errors"]
    assert len(act.item("clerk", code).json["events"]) == 1


@pytest.mark.parametrize("code", ["RR123456784VN", "NOT-A-CODE", "RR12345678VN"])
def test_an_invalid_s10_code_in_the_path_is_refused(act: Actions, code: str) -> None:
    resp = act.item("admin", code)
    assert resp.status_code == 422
    assert "code" in resp.json["errors"]


@pytest.mark.parametrize(
    "query", ["state=lost", "page=0", "page_size=1000", "due_before=mai", "unknown=1"]
)
def test_bad_list_filters_are_refused(act: Actions, query: str) -> None:
    resp = act.client.get(f"/api/v1/items?{query}", headers=act.world.auth("clerk"))
    assert resp.status_code == 422
    assert resp.json["errors"]


def test_a_wrong_method_keeps_the_allow_header(act: Actions) -> None:
    resp = act.client.delete("/api/v1/intakes", headers=act.world.auth("clerk"))
    assert resp.status_code == 405
    assert resp.content_type == "application/problem+json"
    assert set(resp.headers["Allow"].split(", ")) >= {"POST"}
