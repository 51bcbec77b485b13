"""Rate limiting: in memory on one machine, in Redis past one."""

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Only the public routes have limits (see api.rest.public); the others skip the
# limiter's per-request bookkeeping altogether.
LIMITED_PATHS = ("/api/v1/public/",)


@limiter.request_filter
def _not_limited() -> bool:
    """Exempt every request outside the rate-limited routes."""
    return not request.path.startswith(LIMITED_PATHS)
