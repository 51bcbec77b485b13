"""The demo province: right size, real communes, legal histories, seeded only once."""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import sessionmaker
from support import IS_POSTGRES, START, TEST_SETTINGS

from postal_service.communes import find_commune
from postal_service.config import Settings
from postal_service.custody import replay
from postal_service.db import Base, make_engine, make_session_factory
from postal_service.enums import ItemState, Role
from postal_service.models import (
    Agency,
    Courier,
    Dossier,
    Item,
    PostalPoint,
    Procedure,
    TrackingEvent,
    User,
)
from postal_service.security import verify_password
from postal_service.seed import DEMO_PASSWORD, seed_demo
from postal_service.seed_data import BOX, PROVINCE_CODE
from postal_service.unit_of_work import UnitOfWork

SETTINGS = Settings().with_overrides(TEST_SETTINGS)


@pytest.fixture(scope="module")
def seeded(engine: Engine) -> Iterator[tuple[UnitOfWork, str]]:
    """The demo province, seeded once for this module (seeding takes seconds)."""
    if IS_POSTGRES:
        factory: sessionmaker[Any] = make_session_factory(engine)
    else:
        own = make_engine("sqlite://")
        Base.metadata.create_all(own)
        factory = make_session_factory(own)
    uow = UnitOfWork(factory)
    summary = seed_demo(uow, SETTINGS, now=START, seed=1)
    yield uow, summary
    if IS_POSTGRES:
        names = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


def _count(uow: UnitOfWork, model: type[Any]) -> int:
    with uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize(
    ("model", "low", "high"),
    [
        (PostalPoint, 49, 49),
        (Agency, 25, 35),
        (Procedure, 50, 70),
        (Courier, 55, 65),
        (Dossier, 150, 300),
        (Item, 200, 500),
        (TrackingEvent, 600, 2000),
    ],
)
def test_the_province_has_the_planned_size(
    seeded: tuple[UnitOfWork, str], model: type[Any], low: int, high: int
) -> None:
    uow, _ = seeded

    assert low <= _count(uow, model) <= high


def test_the_summary_is_one_line_with_the_counts(
    seeded: tuple[UnitOfWork, str],
) -> None:
    _, summary = seeded

    assert "\n" not in summary
    assert "49 postal points" in summary


def test_a_second_run_does_nothing_and_says_so(seeded: tuple[UnitOfWork, str]) -> None:
    uow, _ = seeded
    before = [_count(uow, m) for m in (PostalPoint, User, Item, TrackingEvent)]

    again = seed_demo(uow, SETTINGS, now=START, seed=1)

    assert "already" in again
    assert [_count(uow, m) for m in (PostalPoint, User, Item, TrackingEvent)] == before


def test_every_item_state_is_the_replay_of_its_events(
    seeded: tuple[UnitOfWork, str],
) -> None:
    uow, _ = seeded
    with uow:
        items = uow.session.scalars(select(Item)).all()
        mismatched = [
            i.s10_code
            for i in items
            if replay(i.leg_kind, [e.fact() for e in i.events]).state is not i.state
        ]

    assert mismatched == []


def test_the_items_are_in_assorted_states(seeded: tuple[UnitOfWork, str]) -> None:
    uow, _ = seeded
    with uow:
        states = set(uow.session.scalars(select(Item.state).distinct()))

    assert {
        ItemState.AWAITING_PICKUP,
        ItemState.AT_POSTAL_POINT,
        ItemState.DELIVERED,
        ItemState.CANCELLED,
    } <= states


def test_no_event_happens_after_the_seeding_clock(
    seeded: tuple[UnitOfWork, str],
) -> None:
    uow, _ = seeded
    with uow:
        latest = uow.session.scalar(select(func.max(TrackingEvent.occurred_at)))

    assert latest is not None
    assert latest.replace(tzinfo=START.tzinfo) <= START


def test_every_commune_code_is_a_real_commune_of_the_province(
    seeded: tuple[UnitOfWork, str],
) -> None:
    uow, _ = seeded
    with uow:
        s = uow.session
        codes = {
            *s.scalars(select(PostalPoint.commune_code)),
            *s.scalars(select(Agency.commune_code)),
            *s.scalars(select(Dossier.citizen_commune_code)),
        }

    communes = [find_commune(code) for code in codes]
    assert all(c is not None and c.province_code == PROVINCE_CODE for c in communes)


def test_every_coordinate_is_inside_the_province_box(
    seeded: tuple[UnitOfWork, str],
) -> None:
    uow, _ = seeded
    lat_min, lat_max, lon_min, lon_max = BOX
    with uow:
        s = uow.session
        points = [
            *s.execute(select(PostalPoint.lat, PostalPoint.lon)),
            *s.execute(select(Agency.lat, Agency.lon)),
        ]

    assert all(
        lat_min <= lat <= lat_max and lon_min <= lon <= lon_max for lat, lon in points
    )


def test_every_postal_point_has_a_clerk_and_a_courier(
    seeded: tuple[UnitOfWork, str],
) -> None:
    uow, _ = seeded
    with uow:
        s = uow.session
        points = set(s.scalars(select(PostalPoint.id)))
        staffed = set(s.scalars(select(Courier.postal_point_id)))
        clerks = set(
            s.scalars(select(User.postal_point_id).where(User.role == Role.CLERK))
        )

    assert points == staffed == clerks


@pytest.mark.parametrize(
    "username", ["admin", "clerk.bc001", "courier.bt001", "onestop"]
)
def test_demo_users_log_in_with_the_documented_password(
    seeded: tuple[UnitOfWork, str], username: str
) -> None:
    uow, _ = seeded
    with uow:
        user = uow.session.scalar(select(User).where(User.username == username))

    assert user is not None
    assert verify_password(user.password_hash, DEMO_PASSWORD)
