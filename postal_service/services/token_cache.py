"""Recently authenticated bearer tokens, remembered for a few seconds in this process.

Every API request carries a bearer token; looking it up is a database round trip and
a transaction. A token seen less than ``seconds`` ago is trusted without asking again.
The price is a bound on revocation: a token revoked elsewhere (another worker, the
CLI, a deactivated user) keeps working in this process for at most ``seconds``. A
log-out through this process forgets the token at once. ``seconds <= 0`` turns the
cache off.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from postal_service.access import Caller


class TokenCache:
    """Token digest -> caller, each entry valid until a deadline on the app's clock."""

    def __init__(self, seconds: float, max_entries: int = 10_000) -> None:
        self.ttl = timedelta(seconds=seconds)
        self.max_entries = max_entries
        self._entries: dict[str, tuple[Caller, datetime]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether tokens are remembered at all."""
        return self.ttl > timedelta(0)

    def get(self, digest: str, now: datetime) -> Caller | None:
        """The caller of a token seen recently, or None (unknown or too old)."""
        entry = self._entries.get(digest)
        if entry is None:
            return None
        caller, valid_until = entry
        if now >= valid_until:
            self.forget(digest)
            return None
        return caller

    def put(
        self, digest: str, caller: Caller, *, now: datetime, expires_at: datetime
    ) -> None:
        """Remember a token just checked in the database, never past its expiry."""
        if not self.enabled:
            return
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()  # rare: a burst of distinct tokens
            self._entries[digest] = (caller, min(now + self.ttl, expires_at))

    def forget(self, digest: str) -> None:
        """Drop a token (it was revoked here, or went stale)."""
        with self._lock:
            self._entries.pop(digest, None)
