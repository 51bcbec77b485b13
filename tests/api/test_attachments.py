"""Proof-of-delivery images: real images only, size-capped, linked to the delivery."""

import io
from typing import Any

import pytest
from support import Actions, confirmed_dossier, png

from postal_service.services import attachments
from postal_service.unit_of_work import UnitOfWork

PROOF = {
    "recipient_name": "Nguyễn Văn An",
    "id_type": "cccd",
    "id_number": "019085001234",
}


@pytest.fixture
def carried_result(act: Actions) -> str:
    confirmed_dossier(act)
    code = str(
        act.result_ready(dossier_code="000.00.15.H10-261123-0001").json["s10_code"]
    )
    act.event("courier", code, "picked_up")
    return code


def _upload(
    act: Actions, code: str, data: bytes, kind: str = "signature", who: str = "courier"
) -> Any:
    return act.client.post(
        f"/api/v1/items/{code}/attachments",
        data={"kind": kind, "file": (io.BytesIO(data), "chu-ky.png")},
        headers=act.world.auth(who),
        content_type="multipart/form-data",
    )


def _stored(act: Actions, code: str) -> int:
    factory = act.client.application.extensions["session_factory"]
    return attachments.count_for(UnitOfWork(factory), code)


def test_a_signature_is_stored_and_referenced_by_the_delivery(
    act: Actions, carried_result: str
) -> None:
    resp = _upload(act, carried_result, png())
    assert resp.status_code == 201
    assert resp.json["content_type"] == "image/png"
    proof = {**PROOF, "attachment_ids": [resp.json["id"]]}
    delivered = act.event("courier", carried_result, "delivered", proof=proof)
    assert delivered.status_code == 201
    assert delivered.json["event"]["proof"]["attachment_ids"] == [resp.json["id"]]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"%PDF-1.7 not an image" * 10, "not an image"),
        (b"GIF89a" + b"\x00" * 100, "an unsupported image type"),
        (png()[:40], "a truncated image"),
    ],
)
def test_a_file_that_is_not_an_accepted_image_is_refused(
    act: Actions, carried_result: str, data: bytes, why: str
) -> None:
    resp = _upload(act, carried_result, data)
    assert resp.status_code == 422, why
    assert "file" in resp.json["errors"]
    assert _stored(act, carried_result) == 0


def test_an_image_over_the_cap_is_refused(act: Actions, carried_result: str) -> None:
    big = png() + b"\x00" * (attachments.MAX_BYTES + 1)
    resp = _upload(act, carried_result, big)
    assert resp.status_code in (413, 422)
    assert resp.content_type == "application/problem+json"
    assert _stored(act, carried_result) == 0


def test_a_request_body_over_the_server_limit_is_413(
    act: Actions, carried_result: str
) -> None:
    huge = png() + b"\x00" * (3 * 1024 * 1024)
    resp = _upload(act, carried_result, huge)
    assert resp.status_code == 413
    assert resp.content_type == "application/problem+json"
    assert _stored(act, carried_result) == 0


def test_an_unknown_kind_or_a_missing_file_is_refused(
    act: Actions, carried_result: str
) -> None:
    assert _upload(act, carried_result, png(), kind="selfie").status_code == 422
    resp = act.client.post(
        f"/api/v1/items/{carried_result}/attachments",
        data={"kind": "photo"},
        headers=act.world.auth("courier"),
        content_type="multipart/form-data",
    )
    assert resp.status_code == 422
    assert "file" in resp.json["errors"]


def test_another_couriers_item_is_404(act: Actions, carried_result: str) -> None:
    assert _upload(act, carried_result, png(), who="courier3").status_code == 404
    assert _stored(act, carried_result) == 0


def test_a_delivery_cannot_cite_another_items_image(
    act: Actions, carried_result: str
) -> None:
    other = act.intake(dossier_code=None).json["items"][0]["s10_code"]
    image = _upload(act, other, png(), who="clerk").json["id"]
    proof = {**PROOF, "attachment_ids": [image]}
    resp = act.event("courier", carried_result, "delivered", proof=proof)
    assert resp.status_code == 422
    assert "proof.attachment_ids" in resp.json["errors"]
