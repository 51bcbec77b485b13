"""The notification outbox: messages are written in the same transaction as their cause."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from postal_service.enums import NotificationChannel
from postal_service.models import Item, Notification
from postal_service.unit_of_work import UnitOfWork


def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def queue(
    session: Session,
    *,
    channel: NotificationChannel,
    recipient: str,
    subject: str,
    body: str,
    now: datetime,
    item_id: int | None = None,
    dedup_key: str | None = None,
) -> None:
    """Add a message to the outbox unless one with ``dedup_key`` is already there."""
    if dedup_key and session.scalar(
        select(Notification.id).where(Notification.dedup_key == dedup_key)
    ):
        return
    session.add(
        Notification(
            channel=channel,
            recipient=recipient,
            subject=subject,
            body=body,
            item_id=item_id,
            dedup_key=dedup_key,
            created_at=now,
        )
    )


def invite_again(
    session: Session, item: Item, *, next_day: date, now: datetime
) -> None:
    """SMS the citizen after a failed delivery: when the post will come again."""
    queue(
        session,
        channel=NotificationChannel.SMS,
        recipient=item.dossier.citizen_phone,
        subject="Mời nhận kết quả",
        body=(
            f"Bưu điện đã đến phát kết quả hồ sơ {item.s10_code} nhưng chưa thành công. "
            f"Bưu tá sẽ phát lại từ ngày {_ddmmyyyy(next_day)}. "
            f"Liên hệ {item.dossier.postal_point.name} để hẹn giờ."
        ),
        now=now,
        item_id=item.id,
        dedup_key=f"invite:{item.id}:{item.failed_attempts}",
    )


def tell_returned(session: Session, item: Item, *, now: datetime) -> None:
    """SMS the citizen that the result went back to the agency."""
    queue(
        session,
        channel=NotificationChannel.SMS,
        recipient=item.dossier.citizen_phone,
        subject="Kết quả chuyển hoàn",
        body=(
            f"Sau hai lần mời nhận không thành công, kết quả hồ sơ {item.s10_code} "
            f"được chuyển hoàn về {item.dossier.agency.name}."
        ),
        now=now,
        item_id=item.id,
        dedup_key=f"returned:{item.id}",
    )


def outbox(uow: UnitOfWork, *, unsent_only: bool = True) -> list[Notification]:
    """Messages waiting to be sent (or all), oldest first."""
    with uow:
        query = select(Notification).order_by(Notification.id)
        if unsent_only:
            query = query.where(Notification.sent_at.is_(None))
        return list(uow.session.scalars(query).all())
