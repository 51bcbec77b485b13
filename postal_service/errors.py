"""Domain errors; messages are safe to show to users (no personal data)."""

from __future__ import annotations


class PostalError(Exception):
    """Base of every error the domain raises on purpose."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(PostalError):
    """The thing does not exist, or the caller may not know that it exists."""


class InvalidTransition(PostalError):
    """The event does not fit the item's state."""

    def __init__(self, message: str, *, allowed: list[str]) -> None:
        super().__init__(message)
        self.allowed = allowed


class Conflict(PostalError):
    """The request clashes with what is stored (duplicate code, request in progress)."""


class InvalidInput(PostalError):
    """Input passed the schema but breaks a domain rule (unknown commune, bad S10)."""


class IdempotencyMismatch(PostalError):
    """An ``Idempotency-Key`` was reused with a different request."""


class Unauthorized(PostalError):
    """No valid credentials."""


class Forbidden(PostalError):
    """Authenticated, but the role may not do this at all."""
