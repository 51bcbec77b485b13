"""Handover records at an agency's desk: count, sign, and what follows."""

from typing import Any

import pytest
from support import Actions, confirmed_dossier

DOSSIER_CODE = "000.00.15.H10-261123-0001"


def _carried(act: Actions, n: int) -> list[str]:
    codes = []
    for i in range(n):
        code = act.intake(dossier_code=f"000.00.15.H10-261123-010{i}").json["items"][0][
            "s10_code"
        ]
        assert (
            act.event("clerk", code, "dispatched", courier_code="BT01").status_code
            == 201
        )
        codes.append(code)
    return codes


def _open(
    act: Actions, codes: list[str], kind: str = "to_agency", who: str = "courier"
) -> Any:
    body = {"agency_code": "SGTVT", "kind": kind, "item_codes": codes}
    return act.client.post("/api/v1/handovers", json=body, headers=act.world.auth(who))


def _confirm(
    act: Actions, handover_id: int, lines: list[dict[str, Any]], who: str = "officer"
) -> Any:
    body = {"officer_name": "Vũ Thị Hạnh", "lines": lines}
    return act.client.post(
        f"/api/v1/handovers/{handover_id}/confirm",
        json=body,
        headers=act.world.auth(who),
    )


def test_opening_a_handover_hands_the_bag_over(act: Actions) -> None:
    codes = _carried(act, 2)
    resp = _open(act, codes)
    assert resp.status_code == 201
    assert resp.json["code"].startswith("BBGN-SGTVT-20261123-")
    assert resp.json["status"] == "open"
    assert {line["state"] for line in resp.json["lines"]} == {"awaiting_confirmation"}


def test_the_agency_counts_and_the_confirmation_time_is_the_legal_submission_time(
    act: Actions,
) -> None:
    received, missing, damaged = _carried(act, 3)
    handover = _open(act, [received, missing, damaged]).json
    act.clock.advance(minutes=15)
    listed = act.client.get(
        "/api/v1/handovers?status=open", headers=act.world.auth("officer")
    ).json
    assert [h["id"] for h in listed] == [handover["id"]]
    resp = _confirm(
        act,
        handover["id"],
        [
            {
                "item_code": received,
                "outcome": "received",
                "appointment_date": "2026-12-04",
            },
            {"item_code": missing, "outcome": "missing", "note": "Không có trong túi"},
            {"item_code": damaged, "outcome": "damaged", "note": "Ướt mép"},
        ],
    )
    assert resp.status_code == 200
    assert resp.json["confirmed_at"] == act.clock.now.isoformat()
    states = {c: act.item("admin", c).json for c in (received, missing, damaged)}
    assert states[received]["state"] == "delivered"
    assert states[received]["submitted_at"] == act.clock.now.isoformat()
    assert states[received]["dossier"]["appointment_date"] == "2026-12-04"
    assert states[missing]["state"] == "in_transit"  # back in the courier's bag
    assert states[damaged]["state"] == "delivered"


def test_a_discrepancy_opens_an_incident_and_alerts_supervisors(act: Actions) -> None:
    from postal_service.services import notifications
    from postal_service.unit_of_work import UnitOfWork

    (code,) = _carried(act, 1)
    handover = _open(act, [code]).json
    _confirm(act, handover["id"], [{"item_code": code, "outcome": "missing"}])
    factory = act.client.application.extensions["session_factory"]
    subjects = [n.subject for n in notifications.outbox(UnitOfWork(factory))]
    assert subjects == [f"Sự cố giao nhận: {code}"]


def test_collecting_results_is_the_reverse_handover(act: Actions) -> None:
    confirmed_dossier(act)
    result = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    handover = _open(act, [result], kind="from_agency").json
    assert act.item("courier", result).json["state"] == "awaiting_pickup"
    _confirm(act, handover["id"], [{"item_code": result, "outcome": "received"}])
    item = act.item("courier", result).json
    assert item["state"] == "in_transit"
    assert item["courier_code"] == "BT01"


def test_a_handover_is_confirmed_once(act: Actions) -> None:
    (code,) = _carried(act, 1)
    handover = _open(act, [code]).json
    _confirm(act, handover["id"], [{"item_code": code, "outcome": "received"}])
    again = _confirm(act, handover["id"], [{"item_code": code, "outcome": "received"}])
    assert again.status_code == 409


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [{"item_code": "RR123456785VN", "outcome": "received"}],
        [{"item_code": "CODE", "outcome": "pending"}],
    ],
)
def test_every_item_must_be_counted_once(
    act: Actions, lines: list[dict[str, Any]]
) -> None:
    codes = _carried(act, 2)
    handover = _open(act, codes).json
    for line in lines:
        if line["item_code"] == "CODE":
            line["item_code"] = codes[0]
    resp = _confirm(act, handover["id"], lines)
    assert resp.status_code == 422
    assert resp.content_type == "application/problem+json"
    assert {act.item("admin", c).json["state"] for c in codes} == {
        "awaiting_confirmation"
    }


def test_only_items_in_the_couriers_bag_can_be_handed_over(act: Actions) -> None:
    waiting = act.intake().json["items"][0]["s10_code"]  # still at the postal point
    resp = _open(act, [waiting])
    assert resp.status_code == 409
    assert "item_codes.0" in resp.json["errors"]
    assert act.item("admin", waiting).json["state"] == "at_postal_point"


def test_an_item_cannot_be_in_two_open_handovers(act: Actions) -> None:
    confirmed_dossier(act)
    result = act.result_ready(dossier_code=DOSSIER_CODE).json["s10_code"]
    assert _open(act, [result], kind="from_agency").status_code == 201
    assert _open(act, [result], kind="from_agency").status_code == 409


@pytest.mark.parametrize("who", ["officer2", "courier2", "clerk2"])
def test_others_do_not_see_the_handover(act: Actions, who: str) -> None:
    (code,) = _carried(act, 1)
    handover = _open(act, [code]).json
    resp = act.client.get(
        f"/api/v1/handovers/{handover['id']}", headers=act.world.auth(who)
    )
    assert resp.status_code == 404
    listed = act.client.get("/api/v1/handovers", headers=act.world.auth(who)).json
    assert listed == []


def test_another_agency_cannot_confirm(act: Actions) -> None:
    (code,) = _carried(act, 1)
    handover = _open(act, [code]).json
    resp = _confirm(
        act,
        handover["id"],
        [{"item_code": code, "outcome": "received"}],
        who="officer2",
    )
    assert resp.status_code == 404
    assert act.item("admin", code).json["state"] == "awaiting_confirmation"


@pytest.mark.parametrize("who", ["clerk", "officer", "supervisor"])
def test_only_couriers_open_handovers(act: Actions, who: str) -> None:
    codes = _carried(act, 1)
    assert _open(act, codes, who=who).status_code == 403


def test_the_handover_record_prints_in_vietnamese_with_every_item(act: Actions) -> None:
    import io
    import unicodedata

    from pypdf import PdfReader

    codes = _carried(act, 2)
    handover = _open(act, codes).json
    _confirm(
        act,
        handover["id"],
        [
            {"item_code": codes[0], "outcome": "received"},
            {"item_code": codes[1], "outcome": "damaged"},
        ],
    )
    resp = act.client.get(
        f"/api/v1/handovers/{handover['id']}/record.pdf",
        headers=act.world.auth("officer"),
    )
    assert resp.status_code == 200
    assert resp.content_type == "application/pdf"
    text = " ".join(
        unicodedata.normalize("NFC", page.extract_text() or "")
        for page in PdfReader(io.BytesIO(resp.data)).pages
    )
    flat = " ".join(text.split())
    for expected in ("BIÊN BẢN GIAO NHẬN", "Sở Xây dựng", "Vũ Thị Hạnh", *codes):
        assert expected in flat
    other = act.client.get(
        f"/api/v1/handovers/{handover['id']}/record.pdf",
        headers=act.world.auth("officer2"),
    )
    assert other.status_code == 404
