"""Settings read once from the environment; shared by the API, the CLI and the jobs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

DEFAULT_DEV_SECRET = "dev-only-not-secret-change-me"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with embedded-default values for one machine."""

    database_url: str = "sqlite:///postal.db"
    redis_url: str | None = None
    # Keys for personal data: the ID-number cipher and the keyed hash used for lookups.
    id_encryption_key: str = DEFAULT_DEV_SECRET
    id_hash_key: str = DEFAULT_DEV_SECRET
    token_ttl_hours: int = 12
    # A bearer token checked less than this ago is trusted without a database look-up,
    # so a revocation made elsewhere takes effect within this time (0: every request).
    auth_cache_seconds: float = 5.0
    s10_prefixes: dict[str, str] = field(
        default_factory=lambda: {"dossier": "RH", "result": "RK", "return": "RT"}
    )
    public_rate_limit: str = "30 per minute"
    max_future_skew_s: int = 300
    solver_time_limit_s: int = 10
    # Processes per solve: 2 runs the two-worker search (routing.cooperate) on a machine
    # with a free core; 1 keeps a solve on one core.
    solver_workers: int = 1
    # Invitations before a result goes back to its agency (TT 17: at least two).
    delivery_invitations: int = 2
    retention_years: int = 5
    timezone: str = "Asia/Ho_Chi_Minh"
    # Map tiles of the courier's route map ({z}/{x}/{y} template, http(s) or a path on
    # this server); empty: no tiles, the map draws its markers on a plain background.
    map_tile_url: str = ""
    map_tile_attribution: str = ""

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Build settings from environment variables (``DATABASE_URL``, ...)."""
        env = dict(os.environ if env is None else env)
        s = cls()
        prefixes = dict(s.s10_prefixes)
        for leg in prefixes:
            key = f"S10_PREFIX_{leg.upper()}"
            if env.get(key):
                prefixes[leg] = env[key].upper()
        return replace(
            s,
            database_url=env.get("DATABASE_URL", s.database_url),
            redis_url=env.get("REDIS_URL") or None,
            id_encryption_key=env.get("ID_ENCRYPTION_KEY", s.id_encryption_key),
            id_hash_key=env.get("ID_HASH_KEY", s.id_hash_key),
            token_ttl_hours=int(env.get("TOKEN_TTL_HOURS", s.token_ttl_hours)),
            auth_cache_seconds=float(
                env.get("AUTH_CACHE_SECONDS", s.auth_cache_seconds)
            ),
            s10_prefixes=prefixes,
            public_rate_limit=env.get("PUBLIC_RATE_LIMIT", s.public_rate_limit),
            solver_time_limit_s=int(
                env.get("SOLVER_TIME_LIMIT_S", s.solver_time_limit_s)
            ),
            solver_workers=_solver_workers(env.get("SOLVER_WORKERS", "")),
            delivery_invitations=int(
                env.get("DELIVERY_INVITATIONS", s.delivery_invitations)
            ),
            retention_years=int(env.get("RETENTION_YEARS", s.retention_years)),
            map_tile_url=_tile_url(env.get("MAP_TILE_URL", "").strip()),
            map_tile_attribution=env.get("MAP_TILE_ATTRIBUTION", "").strip(),
        )

    def with_overrides(self, overrides: dict[str, Any] | None) -> Settings:
        """Return a copy with the given fields replaced (tests, app factory)."""
        return replace(self, **(overrides or {}))


def _solver_workers(text: str) -> int:
    """``SOLVER_WORKERS``: 1 (default) or 2; anything else is said at start-up."""
    if not text.strip():
        return Settings.solver_workers
    if text.strip() not in ("1", "2"):
        raise ValueError(f"SOLVER_WORKERS must be 1 or 2: {text!r}")
    return int(text)


def _tile_url(url: str) -> str:
    """A tile URL template must be http(s) or a path on this server: say so at start-up."""
    if url and (not url.startswith(("https://", "http://", "/")) or url[:2] == "//"):
        raise ValueError(
            f"MAP_TILE_URL must start with https://, http:// or /: {url!r}"
        )
    return url
