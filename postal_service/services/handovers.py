"""Handovers at an agency's desk: the courier opens one, the officer counts and signs.

A dossier handover's confirmation time is the legal submission time of every item the
officer received; a result handover's confirmation is the courier's pickup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select, true

from postal_service.access import Caller
from postal_service.calendar import local_date
from postal_service.config import Settings
from postal_service.enums import (
    EventType,
    HandoverKind,
    HandoverStatus,
    ItemState,
    LegKind,
    LineOutcome,
    NotificationChannel,
    Role,
)
from postal_service.errors import Conflict, InvalidInput, NotFound
from postal_service.models import Agency, Handover, HandoverLine, Incident, Item
from postal_service.services import notifications
from postal_service.services.custody import EventRequest, append_event
from postal_service.unit_of_work import UnitOfWork

MAX_ITEMS = 500
_LEGS = {
    HandoverKind.TO_AGENCY: (LegKind.DOSSIER, LegKind.RETURN),
    HandoverKind.FROM_AGENCY: (LegKind.RESULT,),
}


@dataclass(frozen=True)
class LineCount:
    """The officer's finding for one item."""

    item_code: str
    outcome: LineOutcome
    note: str | None = None
    appointment_date: date | None = None


def _scope(caller: Caller) -> ColumnElement[bool]:
    if caller.role is Role.COURIER:
        return Handover.courier_id == caller.courier_id
    if caller.role is Role.AGENCY_OFFICER:
        return Handover.agency_id == caller.agency_id
    if caller.role is Role.CLERK:
        return Handover.postal_point_id == caller.postal_point_id
    if caller.role in (Role.ADMIN, Role.SUPERVISOR):
        return true()
    return Handover.id.is_(None)


def _eligible(
    caller: Caller, kind: HandoverKind, agency: Agency, item: Item
) -> str | None:
    """Why an item cannot go into this handover, or None."""
    if item.agency_id != agency.id or item.leg_kind not in _LEGS[kind]:
        return "is not for this agency and direction"
    if kind is HandoverKind.TO_AGENCY:
        if (
            item.state is not ItemState.IN_TRANSIT
            or item.courier_id != caller.courier_id
        ):
            return "is not in your bag"
    elif (
        item.state is not ItemState.AWAITING_PICKUP
        or item.postal_point_id != caller.postal_point_id
    ):
        return "is not waiting at this agency for your postal point"
    return None


def open_handover(
    uow: UnitOfWork,
    caller: Caller,
    *,
    agency_code: str,
    kind: HandoverKind,
    item_codes: list[str],
    settings: Settings,
    now: datetime,
    occurred_at: datetime | None = None,
) -> Handover:
    """A courier at an agency lists the items handed over (or to collect).

    ``occurred_at`` is when it happened on the courier's phone (a queue sent later);
    the handover is opened, and its items handed over, at that time.
    """
    caller.require(Role.COURIER)
    at = occurred_at or now
    if at > now + timedelta(seconds=settings.max_future_skew_s):
        raise InvalidInput("occurred_at is in the future", field="occurred_at")
    if not 0 < len(set(item_codes)) == len(item_codes) <= MAX_ITEMS:
        raise InvalidInput(f"List 1 to {MAX_ITEMS} different items", field="item_codes")
    with uow:
        agency = uow.session.scalar(select(Agency).where(Agency.code == agency_code))
        if agency is None:
            raise InvalidInput(f"No agency {agency_code}", field="agency_code")
        items = {
            i.s10_code: i
            for i in uow.session.scalars(
                select(Item)
                .where(Item.s10_code.in_(item_codes))
                .with_for_update(of=Item)
            )
        }
        for n, code in enumerate(item_codes):
            item = items.get(code)
            why = (
                "does not exist"
                if item is None
                else _eligible(caller, kind, agency, item)
            )
            if why:
                raise Conflict(f"Item {code} {why}", field=f"item_codes.{n}")
        busy = uow.session.scalar(
            select(HandoverLine.id)
            .join(Handover)
            .where(
                Handover.status == HandoverStatus.OPEN,
                HandoverLine.item_id.in_([i.id for i in items.values()]),
            )
        )
        if busy:
            raise Conflict("An item is already in an open handover", field="item_codes")
        assert caller.courier_id is not None and caller.postal_point_id is not None
        handover = Handover(
            kind=kind,
            status=HandoverStatus.OPEN,
            agency_id=agency.id,
            courier_id=caller.courier_id,
            postal_point_id=caller.postal_point_id,
            opened_at=at,
            opened_by_id=caller.user_id,
        )
        uow.session.add(handover)
        for code in item_codes:
            item = items[code]
            handover.lines.append(HandoverLine(item=item, outcome=LineOutcome.PENDING))
            if kind is HandoverKind.TO_AGENCY:
                append_event(
                    uow,
                    caller,
                    item,
                    EventRequest(
                        type=EventType.HANDED_OVER, occurred_at=at, place=agency.name
                    ),
                    settings=settings,
                    now=now,
                )
        uow.session.flush()
        handover.code = f"BBGN-{agency.code}-{local_date(at):%Y%m%d}-{handover.id:05d}"
        uow.commit()
        return uow.fresh(Handover, handover.id)


def _record_finding(
    uow: UnitOfWork,
    caller: Caller,
    handover: Handover,
    line: HandoverLine,
    count: LineCount,
    *,
    settings: Settings,
    now: datetime,
) -> None:
    line.outcome, line.note, line.appointment_date = (
        count.outcome,
        count.note,
        count.appointment_date,
    )
    item = line.item
    found = count.outcome is not LineOutcome.MISSING
    if handover.kind is HandoverKind.TO_AGENCY:
        event = EventType.RECEIPT_CONFIRMED if found else EventType.RECEIPT_REFUSED
    elif found:
        event = EventType.PICKED_UP
    else:
        event = None
    if event is not None:
        append_event(
            uow,
            caller,
            item,
            EventRequest(
                type=event, occurred_at=now, place=handover.agency.name, note=count.note
            ),
            settings=settings,
            now=now,
            courier_id=handover.courier_id if event is EventType.PICKED_UP else None,
        )
    if count.appointment_date and handover.kind is HandoverKind.TO_AGENCY and found:
        item.dossier.appointment_date = count.appointment_date
    if count.outcome in (LineOutcome.MISSING, LineOutcome.DAMAGED):
        uow.session.add(
            Incident(
                handover_id=handover.id,
                item_id=item.id,
                kind=count.outcome,
                note=count.note,
                opened_at=now,
            )
        )
        notifications.queue(
            uow.session,
            channel=NotificationChannel.SUPERVISOR_ALERT,
            recipient="supervisors",
            subject=f"Sự cố giao nhận: {item.s10_code}",
            body=(
                f"Biên bản {handover.code}: bưu gửi {item.s10_code} "
                f"{'thiếu' if count.outcome is LineOutcome.MISSING else 'hư hỏng'} "
                f"tại {handover.agency.name}."
            ),
            now=now,
            item_id=item.id,
            dedup_key=f"incident:{handover.id}:{item.id}",
        )


def confirm_handover(
    uow: UnitOfWork,
    caller: Caller,
    handover_id: int,
    *,
    counts: list[LineCount],
    officer_name: str,
    settings: Settings,
    now: datetime,
) -> Handover:
    """The agency officer counts every item and signs; the time is stored as legal."""
    caller.require(Role.AGENCY_OFFICER)
    with uow:
        handover = uow.session.scalar(
            select(Handover)
            .where(Handover.id == handover_id, _scope(caller))
            .with_for_update(of=Handover)
        )
        if handover is None:
            raise NotFound(f"No handover {handover_id}")
        if handover.status is not HandoverStatus.OPEN:
            raise Conflict(f"Handover {handover.code} is already confirmed")
        lines = {line.item.s10_code: line for line in handover.lines}
        given = [c.item_code for c in counts]
        for n, c in enumerate(counts):
            if c.item_code not in lines:
                raise InvalidInput(
                    f"{c.item_code} is not in this handover",
                    field=f"lines.{n}.item_code",
                )
            if c.outcome is LineOutcome.PENDING:
                raise InvalidInput(
                    "Say received, missing or damaged", field=f"lines.{n}.outcome"
                )
        if sorted(given) != sorted(lines):
            raise InvalidInput(
                "Count every item of the handover exactly once", field="lines"
            )
        for c in counts:
            _record_finding(
                uow, caller, handover, lines[c.item_code], c, settings=settings, now=now
            )
        handover.status = HandoverStatus.CONFIRMED
        handover.confirmed_at = now
        handover.confirmed_by_id = caller.user_id
        handover.officer_name = officer_name
        uow.commit()
        return uow.fresh(Handover, handover.id)


def get_handover(uow: UnitOfWork, caller: Caller, handover_id: int) -> Handover:
    """One handover the caller is party to."""
    with uow:
        handover = uow.session.scalar(
            select(Handover).where(Handover.id == handover_id, _scope(caller))
        )
        if handover is None:
            raise NotFound(f"No handover {handover_id}")
        return handover


def list_handovers(
    uow: UnitOfWork, caller: Caller, *, status: HandoverStatus | None, limit: int = 100
) -> list[Handover]:
    """Handovers the caller is party to, newest first."""
    query = select(Handover).where(_scope(caller))
    if status is not None:
        query = query.where(Handover.status == status)
    with uow:
        return list(
            uow.session.scalars(query.order_by(Handover.id.desc()).limit(limit))
        )
