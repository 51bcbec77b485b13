"""The public routes stay rate-limited while staff routes skip the limiter."""

from typing import Any

from sqlalchemy.orm import sessionmaker
from support import TEST_SETTINGS, FakeClock, World

from api import create_app


def test_public_tracking_is_limited_in_memory(
    session_factory: sessionmaker[Any], clock: FakeClock
) -> None:
    app = create_app(
        overrides={**TEST_SETTINGS, "public_rate_limit": "2 per minute"},
        session_factory=session_factory,
        clock=clock,
    )
    client = app.test_client()
    responses = [client.get("/api/v1/public/track/RR123456785VN") for _ in range(3)]
    assert [r.status_code for r in responses] == [404, 404, 429]
    assert [r.headers.get("X-RateLimit-Remaining") for r in responses] == [
        "1",
        "0",
        "0",
    ]
    assert responses[2].headers.get("Retry-After") is not None


def test_staff_routes_do_not_go_through_the_limiter(
    session_factory: sessionmaker[Any], clock: FakeClock, world: World
) -> None:
    app = create_app(
        overrides={**TEST_SETTINGS, "public_rate_limit": "1 per minute"},
        session_factory=session_factory,
        clock=clock,
    )
    client = app.test_client()
    responses = [
        client.get("/api/v1/items", headers=world.auth("clerk")) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert all("X-RateLimit-Limit" not in r.headers for r in responses)
    # The public route still counts, after the staff requests.
    assert client.get("/api/v1/public/track/RR123456785VN").status_code == 404
    assert client.get("/api/v1/public/track/RR123456785VN").status_code == 429
