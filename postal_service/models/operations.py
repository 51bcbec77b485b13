"""Operational tables: calendar overrides, transit targets, notification outbox, job runs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from postal_service.db import Base, UTCDateTime, str_enum
from postal_service.enums import NotificationChannel, TransitScope


class CalendarOverride(Base):
    """A day whose working status the government changed (swapped day, extra holiday)."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(200))


class TransitTarget(Base):
    """J+n transit target for one scope (TT 17 Art. 7); the defaults live in code."""

    __tablename__ = "transit_targets"

    scope: Mapped[TransitScope] = mapped_column(
        str_enum(TransitScope), primary_key=True
    )
    days: Mapped[int]
    days_with_slip: Mapped[int]


class Notification(Base):
    """An outbound message waiting in the outbox (SMS to a citizen, alert to supervisors)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[NotificationChannel] = mapped_column(str_enum(NotificationChannel))
    recipient: Mapped[str] = mapped_column(String(120))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(2000))
    item_id: Mapped[int | None] = mapped_column(index=True)
    dedup_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class JobRun(Base):
    """A scheduled job's claim on one period: the unique key stops a second scheduler."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(60))
    period: Mapped[str] = mapped_column(String(40))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
