"""Proof-of-delivery images: checked by content, capped in size, scoped like the item."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from postal_service.access import Caller, item_scope
from postal_service.enums import AttachmentKind, Role
from postal_service.errors import InvalidInput, NotFound
from postal_service.models import Attachment, Item
from postal_service.unit_of_work import UnitOfWork

MAX_BYTES = 1_000_000
MIN_BYTES = 64


@dataclass(frozen=True)
class StoredAttachment:
    """What the uploader learns about a stored image."""

    id: int
    item_code: str
    kind: AttachmentKind
    content_type: str
    size: int
    sha256: str
    created_at: datetime


def sniff_image(data: bytes) -> str | None:
    """The image type from its first bytes (never from the file name or header)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def store(
    uow: UnitOfWork,
    caller: Caller,
    code: str,
    *,
    kind: AttachmentKind,
    data: bytes,
    now: datetime,
) -> StoredAttachment:
    """Keep an image proving a delivery of ``code``."""
    caller.require(Role.COURIER, Role.CLERK, Role.ADMIN)
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"An image may be at most {MAX_BYTES // 1000} kB", field="file"
        )
    content_type = sniff_image(data)
    if content_type is None or len(data) < MIN_BYTES:
        raise InvalidInput("Send a PNG, JPEG or WebP image", field="file")
    with uow:
        item = uow.session.scalar(
            select(Item).where(Item.s10_code == code, item_scope(caller))
        )
        if item is None:
            raise NotFound(f"No item {code}")
        row = Attachment(
            item_id=item.id,
            kind=kind,
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            uploaded_by_id=caller.user_id,
            created_at=now,
        )
        uow.session.add(row)
        uow.commit()
        return StoredAttachment(
            row.id, code, kind, content_type, row.size, row.sha256, row.created_at
        )


def count_for(uow: UnitOfWork, code: str) -> int:
    """How many images an item has (for tests and the item page)."""
    with uow:
        return len(
            uow.session.scalars(
                select(Attachment.id).join(Item).where(Item.s10_code == code)
            ).all()
        )
