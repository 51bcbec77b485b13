"""Public tracking is rate-limited, with counters in the real Redis past one machine."""

import os
from typing import Any

import redis
from sqlalchemy.orm import sessionmaker

from api import create_app

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_the_public_tracking_limit_is_shared_through_redis(
    pg_session_factory: sessionmaker[Any],
) -> None:
    redis.Redis.from_url(REDIS_URL).flushdb()
    overrides = {"redis_url": REDIS_URL, "public_rate_limit": "3 per minute"}
    # Two app instances stand for two gunicorn workers: they share one budget.
    apps = [
        create_app(overrides=overrides, session_factory=pg_session_factory)
        for _ in range(2)
    ]
    statuses = [
        apps[n % 2].test_client().get("/api/v1/public/track/RR123456785VN").status_code
        for n in range(5)
    ]
    assert statuses[:3] == [404, 404, 404]
    assert statuses[3:] == [429, 429]
    resp = apps[0].test_client().get("/api/v1/public/track/RR123456785VN")
    assert resp.content_type == "application/problem+json"
    assert "Retry-After" in resp.headers
    assert redis.Redis.from_url(REDIS_URL).dbsize() > 0
