"""Reference data over HTTP: create, list, search, patch; bad input; who may write."""

import unicodedata
from typing import Any

import pytest
from flask.testing import FlaskClient
from support import COMMUNE, DOCUMENTS, HOURS, World

POINT = {
    "code": "BC09",
    "name": "Bưu cục Tân Cương",
    "kind": "post_office",
    "address": "Xóm Hồng Thái 2",
    "commune_code": COMMUNE,
    "lat": 21.57,
    "lon": 105.75,
    "opening_hours": HOURS,
}
AGENCY = {
    "code": "SYT",
    "name": "Sở Y tế",
    "level": "province",
    "address": "Số 2 Đường Cách Mạng Tháng Tám",
    "commune_code": COMMUNE,
    "lat": 21.59,
    "lon": 105.84,
    "office_hours": HOURS,
}
PROCEDURE = {
    "code": "1.004616",
    "name": "Cấp chứng chỉ hành nghề dược",
    "agency_code": "STP",
    "processing_days": 20,
    "fee_vnd": 500_000,
    "documents": DOCUMENTS,
}
COURIER = {
    "code": "BT09",
    "full_name": "Hoàng Văn Sơn",
    "phone": "0911 222 333",
    "postal_point_code": "BC02",
    "vehicle": "motorbike",
}
# Each resource: its path, a valid new row, and an existing code with a valid change.
RESOURCES = {
    "postal-points": (POINT, "BC02", {"name": "Bưu cục Đại Từ mới"}),
    "agencies": (AGENCY, "STP", {"office_hours": [["08:00", "11:00"]]}),
    "procedures": (PROCEDURE, "2.000488", {"fee_vnd": 200_000}),
    "couriers": (COURIER, "BT03", {"capacity_items": 55}),
}
NFD = unicodedata.normalize("NFD", "Bưu cục Tân Cương")


def _count(client: FlaskClient, world: World, resource: str) -> int:
    path = f"/api/v1/{resource}?include_inactive=true"
    return int(client.get(path, headers=world.auth("admin")).json["total"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_admin_creates_a_row_and_reads_it_back_by_code(
    client: FlaskClient, world: World, resource: str
) -> None:
    body = RESOURCES[resource][0]

    created = client.post(f"/api/v1/{resource}", json=body, headers=world.auth("admin"))
    fetched = client.get(created.headers["Location"], headers=world.auth("clerk"))

    assert created.status_code == 201, created.json
    assert fetched.status_code == 200
    assert fetched.json["code"] == body["code"]
    assert fetched.json["active"] is True


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_supervisor_patches_only_the_given_fields(
    client: FlaskClient, world: World, resource: str
) -> None:
    _, code, change = RESOURCES[resource]
    before = client.get(f"/api/v1/{resource}/{code}", headers=world.auth("admin")).json

    resp = client.patch(
        f"/api/v1/{resource}/{code}", json=change, headers=world.auth("supervisor")
    )

    assert resp.status_code == 200, resp.json
    assert resp.json == {**before, **change}


@pytest.mark.parametrize("resource", RESOURCES)
def test_patching_active_false_hides_the_row_from_the_default_list(
    client: FlaskClient, world: World, resource: str
) -> None:
    _, code, _ = RESOURCES[resource]

    client.patch(
        f"/api/v1/{resource}/{code}",
        json={"active": False},
        headers=world.auth("admin"),
    )
    listed = client.get(f"/api/v1/{resource}", headers=world.auth("admin")).json

    assert code not in [row["code"] for row in listed["items"]]
    assert _count(client, world, resource) == listed["total"] + 1


def test_the_list_is_a_page_envelope(client: FlaskClient, world: World) -> None:
    resp = client.get(
        "/api/v1/couriers?page=2&page_size=2", headers=world.auth("officer")
    )

    assert resp.status_code == 200
    assert resp.json["page"] == 2
    assert resp.json["page_size"] == 2
    assert resp.json["total"] == 3
    assert [c["code"] for c in resp.json["items"]] == ["BT03"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("q=cap+doi+giay+phep+lai+xe", ["1.002804"]),
        ("q=Cấp đổi giấy phép", ["1.002804"]),
        ("q=2.000488", ["2.000488"]),
        ("agency=SGTVT", ["1.000001", "1.002804"]),
        ("agency=SGTVT&bcci_allowed=true", ["1.002804"]),
        ("bcci_allowed=false", ["1.000001"]),
    ],
)
def test_procedures_are_searched_by_name_code_agency_and_bcci(
    client: FlaskClient, world: World, query: str, codes: list[str]
) -> None:
    resp = client.get(f"/api/v1/procedures?{query}", headers=world.auth("courier"))

    assert resp.status_code == 200
    assert [p["code"] for p in resp.json["items"]] == codes


def test_couriers_are_filtered_by_postal_point(
    client: FlaskClient, world: World
) -> None:
    resp = client.get(
        "/api/v1/couriers?postal_point=BC02", headers=world.auth("supervisor")
    )

    assert [(c["code"], c["phone"]) for c in resp.json["items"]] == [
        ("BT03", "+84912345678")
    ]


@pytest.mark.parametrize(
    ("who", "phone"), [("clerk", "+84912345678"), ("clerk2", None)]
)
def test_a_clerk_sees_phones_of_their_own_couriers_only(
    client: FlaskClient, world: World, who: str, phone: str | None
) -> None:
    resp = client.get("/api/v1/couriers/BT01", headers=world.auth(who))

    assert resp.json["phone"] == phone


def test_communes_are_picked_by_province_and_name(
    client: FlaskClient, world: World
) -> None:
    resp = client.get(
        "/api/v1/communes?province=19&q=phan dinh phung", headers=world.auth("clerk")
    )

    assert resp.status_code == 200
    assert resp.json["items"] == [
        {
            "code": COMMUNE,
            "name": "Phường Phan Đình Phùng",
            "province_code": 19,
            "province_name": "Thái Nguyên",
        }
    ]


def test_the_34_provinces_are_listed(client: FlaskClient, world: World) -> None:
    resp = client.get("/api/v1/provinces", headers=world.auth("onestop"))

    assert resp.json["total"] == 34
    assert {"code": 19, "name": "Thái Nguyên"} in resp.json["items"]


BAD = [
    ("postal-points", {"code": "bc 09"}, "code"),
    ("postal-points", {"name": NFD}, "name"),
    ("postal-points", {"name": "x" * 201}, "name"),
    ("postal-points", {"kind": "castle"}, "kind"),
    ("postal-points", {"commune_code": 99_999}, "commune_code"),
    ("postal-points", {"lat": 48.85}, "lat"),
    ("postal-points", {"opening_hours": [["7h30", "11h30"]]}, "opening_hours.0.0"),
    (
        "postal-points",
        {"opening_hours": [["13:30", "17:00"], ["07:30", "11:30"]]},
        "opening_hours.1",
    ),
    (
        "postal-points",
        {"opening_hours": [["07:30", "11:30", "17:00"]]},
        "opening_hours.0",
    ),
    ("postal-points", {"colour": "vàng"}, "colour"),
    ("agencies", {"level": "district"}, "level"),
    ("agencies", {"office_hours": [["11:30", "07:30"]]}, "office_hours.0"),
    ("procedures", {"agency_code": "SXYZ"}, "agency_code"),
    ("procedures", {"processing_days": -1}, "processing_days"),
    ("procedures", {"documents": []}, "documents"),
    (
        "procedures",
        {"documents": [{"name": "Tờ khai", "original": "có"}]},
        "documents.0.original",
    ),
    (
        "procedures",
        {"documents": [{"name": "Tờ khai", "original": True, "x": 1}]},
        "documents.0.x",
    ),
    (
        "procedures",
        {"documents": [{"name": "Tờ khai", "original": False}]},
        "documents.0.copies",
    ),
    ("couriers", {"phone": "12345"}, "phone"),
    ("couriers", {"postal_point_code": "BC99"}, "postal_point_code"),
    ("couriers", {"capacity_items": 0}, "capacity_items"),
    ("couriers", {"shift_start": "18:00"}, "shift_end"),
]


@pytest.mark.parametrize(("resource", "change", "field"), BAD)
def test_bad_input_names_the_field_and_writes_nothing(
    client: FlaskClient, world: World, resource: str, change: dict[str, Any], field: str
) -> None:
    before = _count(client, world, resource)
    body = {**RESOURCES[resource][0], **change}

    resp = client.post(f"/api/v1/{resource}", json=body, headers=world.auth("admin"))

    assert resp.status_code == 422, resp.json
    assert resp.content_type == "application/problem+json"
    assert field in resp.json["errors"], resp.json
    assert _count(client, world, resource) == before


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_bad_patch_names_the_field_and_changes_nothing(
    client: FlaskClient, world: World, resource: str
) -> None:
    _, code, _ = RESOURCES[resource]
    path = f"/api/v1/{resource}/{code}"
    before = client.get(path, headers=world.auth("admin")).json

    resp = client.patch(path, json={"name": None}, headers=world.auth("admin"))

    assert resp.status_code == 422
    assert set(resp.json["errors"]) <= {"name", "full_name"}
    assert client.get(path, headers=world.auth("admin")).json == before


@pytest.mark.parametrize(
    ("resource", "code"),
    [
        ("postal-points", "BC01"),
        ("agencies", "SGTVT"),
        ("procedures", "1.002804"),
        ("couriers", "BT01"),
    ],
)
def test_a_duplicate_code_is_a_conflict(
    client: FlaskClient, world: World, resource: str, code: str
) -> None:
    body = {**RESOURCES[resource][0], "code": code}

    resp = client.post(f"/api/v1/{resource}", json=body, headers=world.auth("admin"))

    assert resp.status_code == 409
    assert "code" in resp.json["errors"]


@pytest.mark.parametrize("who", ["clerk", "courier", "officer", "onestop"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_only_admins_and_supervisors_create_reference_data(
    client: FlaskClient, world: World, who: str, resource: str
) -> None:
    before = _count(client, world, resource)

    resp = client.post(
        f"/api/v1/{resource}", json=RESOURCES[resource][0], headers=world.auth(who)
    )

    assert resp.status_code == 403
    assert resp.content_type == "application/problem+json"
    assert _count(client, world, resource) == before


@pytest.mark.parametrize("who", ["clerk", "courier", "officer", "onestop"])
@pytest.mark.parametrize("resource", RESOURCES)
def test_only_admins_and_supervisors_change_reference_data(
    client: FlaskClient, world: World, who: str, resource: str
) -> None:
    _, code, change = RESOURCES[resource]
    path = f"/api/v1/{resource}/{code}"
    before = client.get(path, headers=world.auth("admin")).json

    resp = client.patch(path, json=change, headers=world.auth(who))

    assert resp.status_code == 403
    assert client.get(path, headers=world.auth("admin")).json == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/postal-points"),
        ("get", "/api/v1/procedures/1.002804"),
        ("get", "/api/v1/communes?province=19"),
        ("post", "/api/v1/agencies"),
        ("patch", "/api/v1/couriers/BT01"),
    ],
)
def test_reference_data_needs_a_log_in(
    client: FlaskClient, world: World, method: str, path: str
) -> None:
    resp = getattr(client, method)(path, json={})

    assert resp.status_code == 401
    assert resp.content_type == "application/problem+json"


def test_an_unknown_code_is_404(client: FlaskClient, world: World) -> None:
    resp = client.get("/api/v1/agencies/NOPE", headers=world.auth("clerk"))

    assert resp.status_code == 404


def test_a_retried_create_with_the_same_key_creates_one_row(
    client: FlaskClient, world: World
) -> None:
    headers = {**world.auth("admin"), "Idempotency-Key": "bc09-create"}

    first = client.post("/api/v1/postal-points", json=POINT, headers=headers)
    again = client.post("/api/v1/postal-points", json=POINT, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert _count(client, world, "postal-points") == 3


def test_unknown_query_parameters_are_refused(
    client: FlaskClient, world: World
) -> None:
    resp = client.get("/api/v1/procedures?colour=red", headers=world.auth("clerk"))

    assert resp.status_code == 422
    assert "query.colour" in resp.json["errors"]


def test_the_reference_endpoints_are_documented(client: FlaskClient) -> None:
    paths = client.get("/openapi.json").json["paths"]

    for path in (
        "/api/v1/postal-points/{code}",
        "/api/v1/communes",
        "/api/v1/provinces",
    ):
        assert path in paths
    patch = paths["/api/v1/couriers/{code}"]["patch"]
    assert any(p["name"] == "Idempotency-Key" for p in patch["parameters"])
