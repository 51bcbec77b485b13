"""Users, log-in, bearer tokens and their revocation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from postal_service.access import Caller
from postal_service.enums import Role
from postal_service.errors import Conflict, InvalidInput, Unauthorized
from postal_service.models import Agency, ApiToken, Courier, PostalPoint, User
from postal_service.security import (
    hash_password,
    new_token,
    token_digest,
    verify_password,
)
from postal_service.services.token_cache import TokenCache
from postal_service.unit_of_work import UnitOfWork

_BINDING = {
    Role.CLERK: "postal_point_id",
    Role.COURIER: "courier_id",
    Role.AGENCY_OFFICER: "agency_id",
}


@dataclass(frozen=True)
class IssuedToken:
    """A bearer token as shown once to its owner."""

    token: str
    expires_at: datetime
    role: Role


@dataclass(frozen=True)
class Ref:
    """What a user is bound to, as pages show it: a postal point, a courier, an agency."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Profile:
    """Who is logged in, with the names a page's header shows."""

    user_id: int
    username: str
    full_name: str
    role: Role
    postal_point: Ref | None
    courier: Ref | None
    agency: Ref | None

    @property
    def postal_point_id(self) -> int | None:
        """The postal point's id, if bound to one."""
        return self.postal_point.id if self.postal_point else None

    @property
    def courier_id(self) -> int | None:
        """The courier's id, if the user is one."""
        return self.courier.id if self.courier else None

    @property
    def agency_id(self) -> int | None:
        """The agency's id, if bound to one."""
        return self.agency.id if self.agency else None


def create_user(
    uow: UnitOfWork,
    *,
    username: str,
    full_name: str,
    role: Role,
    password: str | None,
    now: datetime,
    postal_point_id: int | None = None,
    courier_id: int | None = None,
    agency_id: int | None = None,
) -> int:
    """Create a user bound to what their role handles; return its id."""
    bound = {
        "postal_point_id": postal_point_id,
        "courier_id": courier_id,
        "agency_id": agency_id,
    }
    needed = _BINDING.get(role)
    if needed and bound[needed] is None:
        raise InvalidInput(f"A {role.value} must be bound to a {needed}", field=needed)
    with uow:
        if uow.session.scalar(select(User.id).where(User.username == username)):
            raise Conflict(f"The username {username} is taken", field="username")
        if role is Role.COURIER and courier_id is not None:
            courier = uow.session.get(Courier, courier_id)
            if courier is None:
                raise InvalidInput("No such courier", field="courier_id")
            postal_point_id = courier.postal_point_id
        user = User(
            username=username,
            full_name=full_name,
            role=role,
            password_hash=hash_password(password) if password else None,
            postal_point_id=postal_point_id
            if role in (Role.CLERK, Role.COURIER)
            else None,
            courier_id=courier_id if role is Role.COURIER else None,
            agency_id=agency_id if role is Role.AGENCY_OFFICER else None,
            created_at=now,
        )
        uow.session.add(user)
        uow.commit()
        return user.id


def _issue(uow: UnitOfWork, user: User, now: datetime, ttl: timedelta) -> IssuedToken:
    token = new_token()
    expires = now + ttl
    uow.session.add(
        ApiToken(
            token_hash=token_digest(token),
            user_id=user.id,
            created_at=now,
            expires_at=expires,
        )
    )
    return IssuedToken(token, expires, user.role)


def log_in(
    uow: UnitOfWork, username: str, password: str, *, now: datetime, ttl: timedelta
) -> IssuedToken:
    """Check a password and issue a bearer token; the same error for every failure."""
    with uow:
        user = uow.session.scalar(select(User).where(User.username == username))
        if (
            user is None
            or not user.active
            or not verify_password(user.password_hash, password)
        ):
            raise Unauthorized("Wrong username or password")
        issued = _issue(uow, user, now, ttl)
        uow.commit()
        return issued


def issue_token(
    uow: UnitOfWork, username: str, *, now: datetime, ttl: timedelta
) -> IssuedToken:
    """Issue a long-lived token for a machine client (CLI only)."""
    with uow:
        user = uow.session.scalar(select(User).where(User.username == username))
        if user is None or not user.active:
            raise InvalidInput(f"No active user {username}", field="username")
        issued = _issue(uow, user, now, ttl)
        uow.commit()
        return issued


def authenticate(
    uow: UnitOfWork, token: str, *, now: datetime, cache: TokenCache | None = None
) -> Caller:
    """Resolve a bearer token to its caller; expired, revoked or unknown -> Unauthorized.

    With a ``cache``, a token checked less than ``cache.ttl`` ago is not looked up
    again: its revocation elsewhere takes effect within that time.
    """
    digest = token_digest(token)
    if cache is not None and (known := cache.get(digest, now)) is not None:
        return known
    with uow:
        row = uow.session.execute(
            select(
                ApiToken.revoked_at,
                ApiToken.expires_at,
                User.id,
                User.role,
                User.active,
                User.postal_point_id,
                User.courier_id,
                User.agency_id,
            )
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.token_hash == digest)
        ).one_or_none()
    if row is None:
        raise Unauthorized("Unknown token")
    if row.revoked_at is not None or row.expires_at <= now or not row.active:
        raise Unauthorized("The token has expired or was revoked")
    caller = Caller(
        user_id=row.id,
        role=row.role,
        postal_point_id=row.postal_point_id,
        courier_id=row.courier_id,
        agency_id=row.agency_id,
    )
    if cache is not None:
        cache.put(digest, caller, now=now, expires_at=row.expires_at)
    return caller


def profile(uow: UnitOfWork, caller: Caller) -> Profile:
    """The caller's name and the names of what they are bound to (``/auth/me``)."""
    with uow:
        s = uow.session
        user = s.get(User, caller.user_id)
        if user is None:  # deleted between authentication and now
            raise Unauthorized("Unknown token")
        point = (
            s.get(PostalPoint, user.postal_point_id) if user.postal_point_id else None
        )
        courier = s.get(Courier, user.courier_id) if user.courier_id else None
        agency = s.get(Agency, user.agency_id) if user.agency_id else None
        return Profile(
            user_id=user.id,
            username=user.username,
            full_name=user.full_name,
            role=user.role,
            postal_point=Ref(point.id, point.code, point.name) if point else None,
            courier=Ref(courier.id, courier.code, courier.full_name)
            if courier
            else None,
            agency=Ref(agency.id, agency.code, agency.name) if agency else None,
        )


def revoke_token(
    uow: UnitOfWork, token: str, *, now: datetime, cache: TokenCache | None = None
) -> None:
    """Revoke one token (log out); this process's ``cache`` forgets it at once."""
    if cache is not None:
        cache.forget(token_digest(token))
    with uow:
        uow.session.execute(
            update(ApiToken)
            .where(
                ApiToken.token_hash == token_digest(token),
                ApiToken.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        uow.commit()


def revoke_all_tokens(uow: UnitOfWork, username: str, *, now: datetime) -> int:
    """Revoke every live token of a user (lost phone, staff leaving); return how many."""
    with uow:
        user_id = uow.session.scalar(select(User.id).where(User.username == username))
        if user_id is None:
            raise InvalidInput(f"No user {username}", field="username")
        result = uow.session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        uow.commit()
        return int(result.rowcount)  # type: ignore[attr-defined]
