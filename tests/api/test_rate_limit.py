"""The public routes stay rate-limited while staff routes skip the limiter."""

from typing import Any

from sqlalchemy.orm import sessionmaker
from support import TEST_SETTINGS, FakeClock

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
    statuses = [
        client.get("/api/v1/public/track/RR123456785VN").status_code for _ in range(3)
    ]
    assert statuses == [404, 404, 429]
