"""Log-in, token expiry and revocation."""

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import sessionmaker
from support import FULL_NAMES, TEST_SETTINGS, FakeClock, World

from api import create_app
from postal_service.enums import Role
from postal_service.services import auth
from postal_service.unit_of_work import UnitOfWork


@pytest.fixture
def clerk_with_password(uow: UnitOfWork, clock: FakeClock, world: object) -> str:
    auth.create_user(
        uow,
        username="giaodichvien",
        full_name="Hoàng Thị Lan",
        role=Role.SUPERVISOR,
        password="mật-khẩu-đúng",
        now=clock.now,
    )
    return "giaodichvien"


def _log_in(client: FlaskClient, username: str, password: str) -> object:
    return client.post(
        "/api/v1/auth/token", json={"username": username, "password": password}
    )


def test_a_user_logs_in_and_the_token_works(
    client: FlaskClient, clerk_with_password: str
) -> None:
    resp = _log_in(client, clerk_with_password, "mật-khẩu-đúng")
    assert resp.status_code == 201  # type: ignore[attr-defined]
    token = resp.json["access_token"]  # type: ignore[attr-defined]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json["role"] == "supervisor"


@pytest.mark.parametrize(
    ("username", "password"), [("giaodichvien", "sai"), ("ai-do", "x")]
)
def test_a_wrong_password_or_user_gets_the_same_401(
    client: FlaskClient, clerk_with_password: str, username: str, password: str
) -> None:
    resp = _log_in(client, username, password)
    assert resp.status_code == 401  # type: ignore[attr-defined]
    assert resp.json["detail"] == "Wrong username or password"  # type: ignore[attr-defined]


def test_a_token_expires(
    client: FlaskClient, clerk_with_password: str, clock: FakeClock
) -> None:
    token = _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
    clock.advance(hours=13)
    resp = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 401


def test_a_revoked_token_stops_working(
    client: FlaskClient, clerk_with_password: str
) -> None:
    token = _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/auth/revoke", headers=headers).status_code == 204
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_revoking_all_tokens_of_a_user_logs_them_out_everywhere(
    client: FlaskClient, clerk_with_password: str, uow: UnitOfWork, clock: FakeClock
) -> None:
    tokens = [
        _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
        for _ in range(2)
    ]
    assert auth.revoke_all_tokens(uow, clerk_with_password, now=clock.now) == 2
    for token in tokens:
        resp = client.get(
            "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}
        )
        assert resp.status_code == 401


def test_a_token_revoked_elsewhere_stops_working_within_the_cache_bound(
    app: Flask,
    client: FlaskClient,
    clerk_with_password: str,
    uow: UnitOfWork,
    clock: FakeClock,
) -> None:
    token = _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    # Revoked by another process (the CLI): this one may trust the token a moment more.
    assert auth.revoke_all_tokens(uow, clerk_with_password, now=clock.now) == 1
    bound = app.extensions["settings"].auth_cache_seconds
    assert 0 < bound <= 5
    clock.advance(seconds=bound)
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_without_the_token_cache_a_revocation_takes_effect_at_once(
    session_factory: sessionmaker[Any],
    clerk_with_password: str,
    uow: UnitOfWork,
    clock: FakeClock,
) -> None:
    app = create_app(
        overrides={**TEST_SETTINGS, "auth_cache_seconds": 0},
        session_factory=session_factory,
        clock=clock,
    )
    client = app.test_client()
    token = _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    auth.revoke_all_tokens(uow, clerk_with_password, now=clock.now)
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_a_cached_token_still_expires_on_time(
    client: FlaskClient, clerk_with_password: str, clock: FakeClock
) -> None:
    token = _log_in(client, clerk_with_password, "mật-khẩu-đúng").json["access_token"]  # type: ignore[attr-defined]
    headers = {"Authorization": f"Bearer {token}"}
    clock.advance(hours=12, seconds=-1)
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    clock.advance(seconds=1)  # the token's expiry, well inside the cache's bound
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_passwords_are_stored_as_argon2_hashes(
    uow: UnitOfWork, clerk_with_password: str
) -> None:
    from sqlalchemy import select

    from postal_service.models import User

    with uow:
        stored = uow.session.scalar(
            select(User.password_hash).where(User.username == clerk_with_password)
        )
    assert stored is not None and stored.startswith("$argon2id$")


def test_a_clerk_must_be_bound_to_a_postal_point(
    uow: UnitOfWork, clock: FakeClock
) -> None:
    from postal_service.errors import InvalidInput

    with pytest.raises(InvalidInput):
        auth.create_user(
            uow,
            username="x",
            full_name="x",
            role=Role.CLERK,
            password=None,
            now=clock.now,
        )


@pytest.mark.parametrize(
    ("who", "bound"),
    [
        ("clerk", {"postal_point": ("BC01", "Bưu cục Thái Nguyên")}),
        (
            "courier",
            {
                "postal_point": ("BC01", "Bưu cục Thái Nguyên"),
                "courier": ("BT01", "Lê Văn Bình"),
            },
        ),
        ("officer", {"agency": ("SGTVT", "Sở Xây dựng")}),
        ("supervisor", {}),
    ],
)
def test_me_names_the_user_and_what_they_are_bound_to(
    client: FlaskClient, world: World, who: str, bound: dict[str, tuple[str, str]]
) -> None:
    me = client.get("/api/v1/auth/me", headers=world.auth(who)).json
    assert (me["username"], me["full_name"]) == (who, FULL_NAMES[who])
    for key in ("postal_point", "courier", "agency"):
        if key in bound:
            assert (me[key]["code"], me[key]["name"]) == bound[key]
            assert me[f"{key}_id"] == me[key]["id"] == world.ids[bound[key][0]]
        else:
            assert me[key] is None and me[f"{key}_id"] is None
