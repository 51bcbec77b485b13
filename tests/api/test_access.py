"""Who may NOT read or change what: another's item is 404 and nothing leaks."""

from typing import Any

import pytest
from support import Actions, confirmed_dossier

# The item is registered at BC01 for agency SGTVT and carried by courier BT01.
OUTSIDERS = ["clerk2", "officer2", "courier2", "courier3"]
INSIDERS = ["admin", "supervisor", "onestop", "clerk", "officer", "courier"]


@pytest.fixture
def carried(act: Actions) -> str:
    code = str(act.intake().json["items"][0]["s10_code"])
    assert (
        act.event("clerk", code, "dispatched", courier_code="BT01").status_code == 201
    )
    return code


@pytest.mark.parametrize("who", INSIDERS)
def test_those_who_handle_an_item_can_read_it(
    act: Actions, carried: str, who: str
) -> None:
    assert act.item(who, carried).status_code == 200


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_get_404_for_the_item(act: Actions, carried: str, who: str) -> None:
    resp = act.item(who, carried)
    assert resp.status_code == 404
    assert "Nguyễn" not in resp.get_data(as_text=True)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_others_do_not_see_it_in_lists(act: Actions, carried: str, who: str) -> None:
    resp = act.client.get("/api/v1/items", headers=act.world.auth(who))
    assert resp.status_code == 200
    assert carried not in resp.get_data(as_text=True)


@pytest.mark.parametrize(
    ("who", "event", "fields"),
    [
        ("clerk2", "received_at_postal_point", {}),
        ("courier2", "handed_over", {}),
        ("courier3", "handed_over", {}),
        ("officer2", "receipt_refused", {}),
    ],
)
def test_others_cannot_record_events_on_it(
    act: Actions, carried: str, who: str, event: str, fields: dict[str, Any]
) -> None:
    resp = act.event(who, carried, event, **fields)
    assert resp.status_code == 404
    assert len(act.item("admin", carried).json["events"]) == 2


@pytest.mark.parametrize(
    ("who", "event"),
    [
        ("clerk", "handed_over"),
        ("courier", "receipt_confirmed"),
        ("officer", "dispatched"),
        ("supervisor", "handed_over"),
        ("onestop", "delivered"),
    ],
)
def test_a_role_cannot_record_another_roles_events(
    act: Actions, carried: str, who: str, event: str
) -> None:
    resp = act.event(who, carried, event)
    assert resp.status_code == 403
    assert len(act.item("admin", carried).json["events"]) == 2


@pytest.mark.parametrize("who", ["courier", "officer", "supervisor", "onestop"])
def test_only_clerks_register_at_the_counter(act: Actions, who: str) -> None:
    resp = act.intake(who)
    assert resp.status_code == 403
    assert act.count() == 0


@pytest.mark.parametrize("who", ["courier", "clerk", "supervisor"])
def test_only_agencies_and_the_one_stop_system_say_results_are_ready(
    act: Actions, who: str
) -> None:
    confirmed_dossier(act)
    resp = act.result_ready(who, dossier_code="000.00.15.H10-261123-0001")
    assert resp.status_code == 403


def test_another_agency_cannot_say_a_result_is_ready(act: Actions) -> None:
    confirmed_dossier(act)
    resp = act.result_ready("officer2", dossier_code="000.00.15.H10-261123-0001")
    assert resp.status_code == 404
    assert act.count() == 1


@pytest.mark.parametrize("who", ["clerk2", "courier", "officer"])
def test_others_cannot_cancel(act: Actions, carried: str, who: str) -> None:
    code = str(act.intake(dossier_code=None).json["items"][0]["s10_code"])
    resp = act.client.post(
        f"/api/v1/items/{code}/cancel",
        json={"reason": "thử"},
        headers=act.world.auth(who),
    )
    assert resp.status_code in (403, 404)
    assert act.item("admin", code).json["state"] == "at_postal_point"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/items"),
        ("get", "/api/v1/items/RR123456785VN"),
        ("post", "/api/v1/intakes"),
        ("post", "/api/v1/pickups"),
        ("post", "/api/v1/results"),
        ("post", "/api/v1/items/RR123456785VN/events"),
        ("post", "/api/v1/items/RR123456785VN/cancel"),
        ("get", "/api/v1/auth/me"),
    ],
)
def test_without_a_token_every_private_endpoint_is_401(
    act: Actions, method: str, path: str
) -> None:
    resp = getattr(act.client, method)(path, json={})
    assert resp.status_code == 401
    assert resp.content_type == "application/problem+json"
    assert resp.headers["WWW-Authenticate"] == "Bearer"


def test_the_public_tracking_page_masks_personal_data(
    act: Actions, carried: str
) -> None:
    resp = act.client.get(f"/api/v1/public/track/{carried}")
    text = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert resp.json["items"][0]["citizen_name"] == "Nguyễn V. A."
    assert resp.json["items"][0]["citizen_phone"].endswith("678")
    for secret in (
        "Nguyễn Văn An",
        "912345678",
        "019085001234",
        "Phan Đình Phùng",
        "BT01",
    ):
        assert secret not in text


def test_public_tracking_finds_a_dossier_by_its_one_stop_code(
    act: Actions, carried: str
) -> None:
    resp = act.client.get("/api/v1/public/track/000.00.15.H10-261123-0001")
    assert [i["s10_code"] for i in resp.json["items"]] == [carried]


def test_public_tracking_of_an_unknown_code_is_404(act: Actions) -> None:
    resp = act.client.get("/api/v1/public/track/RR123456785VN")
    assert resp.status_code == 404
    assert resp.content_type == "application/problem+json"
