"""Concurrency on the real PostgreSQL: serials, idempotent retries, events on one item."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.orm import sessionmaker
from support import TEST_SETTINGS, FakeClock, build_world, intake_body

from api import create_app
from postal_service.s10 import is_valid
from postal_service.serials import last_serial, next_s10_code
from postal_service.unit_of_work import UnitOfWork


def _allocate(factory: sessionmaker[Any], n: int, prefix: str = "RH") -> list[str]:
    codes = []
    for _ in range(n):
        with factory() as session, session.begin():
            codes.append(next_s10_code(session, prefix))
    return codes


def test_concurrent_counters_never_get_the_same_serial(
    pg_session_factory: sessionmaker[Any],
) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(lambda _: _allocate(pg_session_factory, 25), range(8)))
    codes = [c for batch in batches for c in batch]
    assert len(set(codes)) == 200
    assert all(is_valid(c) for c in codes)
    assert sorted(int(c[2:10]) for c in codes) == list(range(1, 201))
    with pg_session_factory() as session:
        assert last_serial(session, "RH") == 200


def test_a_rolled_back_transaction_gives_its_serial_back(
    pg_session_factory: sessionmaker[Any],
) -> None:
    with pg_session_factory() as session:
        next_s10_code(session, "RK")
        session.rollback()
    assert _allocate(pg_session_factory, 1, "RK") == ["RK000000014VN"]


def _app(factory: sessionmaker[Any]) -> Any:
    clock = FakeClock()
    world = build_world(UnitOfWork(factory), clock.now)
    app = create_app(overrides=TEST_SETTINGS, session_factory=factory, clock=clock)
    return app, world, clock


def test_concurrent_retries_with_one_key_record_one_event(
    pg_session_factory: sessionmaker[Any],
) -> None:
    app, world, clock = _app(pg_session_factory)
    client = app.test_client()
    code = client.post(
        "/api/v1/intakes", json=intake_body(), headers=world.auth("clerk")
    ).json["items"][0]["s10_code"]
    body = {
        "type": "dispatched",
        "courier_code": "BT01",
        "occurred_at": clock.now.isoformat(),
    }
    headers = {**world.auth("clerk"), "Idempotency-Key": "same-scan"}

    def send(_: int) -> int:
        resp = app.test_client().post(
            f"/api/v1/items/{code}/events", json=body, headers=headers
        )
        return int(resp.status_code)

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(send, range(30)))
    # A retry that overlaps the first request waits for it and gets its response.
    assert set(statuses) == {201}
    events = client.get(f"/api/v1/items/{code}", headers=world.auth("admin")).json[
        "events"
    ]
    assert [e["type"] for e in events] == ["accepted_at_counter", "dispatched"]


def test_concurrent_events_on_one_item_keep_a_legal_history(
    pg_session_factory: sessionmaker[Any],
) -> None:
    app, world, clock = _app(pg_session_factory)
    client = app.test_client()
    code = client.post(
        "/api/v1/intakes", json=intake_body(), headers=world.auth("clerk")
    ).json["items"][0]["s10_code"]
    body = {
        "type": "dispatched",
        "courier_code": "BT01",
        "occurred_at": clock.now.isoformat(),
    }

    def send(i: int) -> int:
        headers = {**world.auth("clerk"), "Idempotency-Key": f"k{i}"}
        resp = app.test_client().post(
            f"/api/v1/items/{code}/events", json=body, headers=headers
        )
        return int(resp.status_code)

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(send, range(16)))
    # Only one dispatch can follow the intake; the rest see the new state and get 409.
    assert statuses.count(201) == 1
    assert statuses.count(409) == 15
