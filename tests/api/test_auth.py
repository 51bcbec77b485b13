"""Log-in, token expiry and revocation."""

import pytest
from flask.testing import FlaskClient
from support import FakeClock

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
