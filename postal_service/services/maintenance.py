"""Periodic work: overdue alerts, the nightly summary, retention of personal data."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, select, update

from postal_service.calendar import local_date
from postal_service.custody import TERMINAL_STATES
from postal_service.enums import ItemState, NotificationChannel
from postal_service.models import Dossier, IdempotencyRecord, Item, TrackingEvent
from postal_service.services import notifications
from postal_service.unit_of_work import UnitOfWork

OPEN_STATES = [s for s in ItemState if s not in TERMINAL_STATES]
PURGED = "[đã xóa]"


def detect_overdue(uow: UnitOfWork, *, now: datetime) -> dict[str, Any]:
    """Alert supervisors once about every open item past its due time."""
    with uow:
        late = uow.session.scalars(
            select(Item).where(Item.state.in_(OPEN_STATES), Item.due_at < now)
        ).all()
        for item in late:
            notifications.queue(
                uow.session,
                channel=NotificationChannel.SUPERVISOR_ALERT,
                recipient="supervisors",
                subject=f"Quá hạn: {item.s10_code}",
                body=(
                    f"Bưu gửi {item.s10_code} ({item.leg_kind.value}, {item.state.value}) "
                    f"quá hạn từ {item.due_at:%d/%m/%Y %H:%M} UTC, "
                    f"bưu cục {item.dossier.postal_point.code}, cơ quan {item.dossier.agency.code}."
                ),
                now=now,
                item_id=item.id,
                dedup_key=f"overdue:{item.id}",
            )
        uow.commit()
        return {"overdue": len(late)}


def nightly_summary(uow: UnitOfWork, *, now: datetime) -> dict[str, Any]:
    """Counts by state and the day's on-time rate, as one alert for supervisors."""
    day = local_date(now)
    since = now - timedelta(days=1)
    with uow:
        by_state = dict(
            uow.session.execute(
                select(Item.state, func.count()).group_by(Item.state)
            ).all()
        )
        closed = uow.session.execute(
            select(Item.due_at, Item.submitted_at, Item.delivered_at).where(
                Item.closed_at >= since, Item.closed_at < now
            )
        ).all()
        finished: list[tuple[datetime, datetime]] = []
        for due, submitted, delivered in closed:
            done = submitted or delivered
            if done is not None and due is not None:
                finished.append((due, done))
        on_time = len([1 for due, done in finished if done <= due])
        rate = round(100 * on_time / len(finished), 1) if finished else None
        summary = {
            "day": day.isoformat(),
            "by_state": {state.value: n for state, n in by_state.items()},
            "finished_last_24h": len(finished),
            "on_time_percent": rate,
        }
        notifications.queue(
            uow.session,
            channel=NotificationChannel.SUPERVISOR_ALERT,
            recipient="supervisors",
            subject=f"Tổng hợp ngày {day:%d/%m/%Y}",
            body=(
                f"Hoàn thành 24 giờ qua: {len(finished)}, đúng hạn: "
                f"{'—' if rate is None else f'{rate} %'}. Đang xử lý: "
                f"{sum(n for s, n in by_state.items() if s in OPEN_STATES)}."
            ),
            now=now,
            dedup_key=f"summary:{day.isoformat()}",
        )
        uow.commit()
        return summary


def purge_personal_data(
    uow: UnitOfWork, *, now: datetime, retention_years: int
) -> dict[str, Any]:
    """De-identify dossiers whose items all closed more than ``retention_years`` ago.

    Names, phones, addresses and ID numbers go; codes, dates and states stay, so the
    statistics still add up. Delivery proofs lose the recipient's name.
    """
    cutoff = now - timedelta(days=365 * retention_years + retention_years // 4)
    with uow:
        still_open = select(Item.dossier_id).where(
            (Item.closed_at.is_(None)) | (Item.closed_at >= cutoff)
        )
        ids = list(
            uow.session.scalars(
                select(Dossier.id).where(
                    Dossier.personal_data_purged_at.is_(None),
                    Dossier.created_at < cutoff,
                    Dossier.id.not_in(still_open),
                )
            ).all()
        )
        if ids:
            uow.session.execute(
                update(Dossier)
                .where(Dossier.id.in_(ids))
                .values(
                    citizen_name=PURGED,
                    citizen_phone=PURGED,
                    citizen_address=PURGED,
                    citizen_lat=None,
                    citizen_lon=None,
                    citizen_id_cipher=None,
                    citizen_id_hash=None,
                    citizen_id_last4=None,
                    note=None,
                    personal_data_purged_at=now,
                )
            )
            # A bulk UPDATE on purpose: events are otherwise append-only.
            uow.session.execute(
                update(TrackingEvent)
                .where(
                    and_(
                        TrackingEvent.proof.is_not(None),
                        TrackingEvent.item_id.in_(
                            select(Item.id).where(Item.dossier_id.in_(ids))
                        ),
                    )
                )
                .values(proof=None, note=None),
                execution_options={"synchronize_session": False},
            )
            uow.session.execute(
                update(Item).where(Item.dossier_id.in_(ids)).values(home_address=None)
            )
        old_keys = uow.session.execute(
            delete(IdempotencyRecord).where(
                IdempotencyRecord.created_at < now - timedelta(days=7)
            )
        )
        uow.commit()
        dropped = int(old_keys.rowcount)  # type: ignore[attr-defined]
        return {"dossiers_purged": len(ids), "idempotency_keys_dropped": dropped}
