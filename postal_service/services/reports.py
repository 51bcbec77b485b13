"""Reports: on-time rate and volumes by agency, postal point or courier, and the backlog."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, case, func, select, true

from postal_service.access import Caller
from postal_service.custody import TERMINAL_STATES
from postal_service.enums import EventType, ItemState, LegKind, Role
from postal_service.errors import InvalidInput
from postal_service.models import Agency, Courier, Item, PostalPoint, TrackingEvent
from postal_service.unit_of_work import UnitOfWork


class GroupBy(StrEnum):
    """What a report's rows are."""

    AGENCY = "agency"
    POSTAL_POINT = "postal_point"
    COURIER = "courier"


@dataclass(frozen=True)
class OnTimeRow:
    """Items finished in the period, by group: handed to the agency or delivered."""

    key: str
    name: str
    finished: int
    on_time: int
    late: int
    on_time_percent: float | None


@dataclass(frozen=True)
class BacklogRow:
    """Open items by state, and how many are past due."""

    state: ItemState
    open: int
    overdue: int


def _scope(caller: Caller) -> ColumnElement[bool]:
    caller.require(Role.ADMIN, Role.SUPERVISOR, Role.CLERK)
    if caller.role is Role.CLERK:
        return Item.postal_point_id == caller.postal_point_id
    return true()


def on_time(
    uow: UnitOfWork,
    caller: Caller,
    *,
    start: datetime,
    end: datetime,
    group_by: GroupBy,
) -> list[OnTimeRow]:
    """On-time rate of the legs finished in ``[start, end)``.

    A dossier leg finishes when the agency confirms receipt (the legal submission
    time), a result leg when it is delivered; each is on time if that moment is no
    later than its due time. By courier: the courier who carried it last.
    """
    if end <= start:
        raise InvalidInput("The period must end after it starts", field="end")
    finished_at = func.coalesce(Item.submitted_at, Item.delivered_at)
    query = select(Item).where(
        _scope(caller),
        Item.leg_kind.in_([LegKind.DOSSIER, LegKind.RESULT, LegKind.RETURN]),
        finished_at >= start,
        finished_at < end,
    )
    with uow:
        items = list(uow.session.scalars(query))
        names = _names(uow, group_by)
        keys = _keys(uow, items, group_by)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        done = item.submitted_at or item.delivered_at
        assert done is not None
        late = item.due_at is not None and done > item.due_at
        counts[keys.get(item.id, "—")][1 if late else 0] += 1
    return [
        OnTimeRow(
            key=key,
            name=names.get(key, "Không rõ"),
            finished=ok + late,
            on_time=ok,
            late=late,
            on_time_percent=round(100 * ok / (ok + late), 1) if ok + late else None,
        )
        for key, (ok, late) in sorted(counts.items())
    ]


def _names(uow: UnitOfWork, group_by: GroupBy) -> dict[str, str]:
    if group_by is GroupBy.AGENCY:
        query = select(Agency.code, Agency.name)
    elif group_by is GroupBy.POSTAL_POINT:
        query = select(PostalPoint.code, PostalPoint.name)
    else:
        query = select(Courier.code, Courier.full_name)
    return {code: name for code, name in uow.session.execute(query)}


def _keys(uow: UnitOfWork, items: list[Item], group_by: GroupBy) -> dict[int, str]:
    if group_by is GroupBy.AGENCY:
        return {i.id: i.dossier.agency.code for i in items}
    if group_by is GroupBy.POSTAL_POINT:
        return {i.id: i.dossier.postal_point.code for i in items}
    carriers = uow.session.execute(
        select(TrackingEvent.item_id, Courier.code)
        .join(Courier, Courier.id == TrackingEvent.courier_id)
        .where(
            TrackingEvent.item_id.in_([i.id for i in items]),
            TrackingEvent.type.in_([EventType.PICKED_UP, EventType.DISPATCHED]),
        )
        .order_by(TrackingEvent.occurred_at, TrackingEvent.id)
    )
    return {item_id: code for item_id, code in carriers}


def backlog(uow: UnitOfWork, caller: Caller, *, now: datetime) -> list[BacklogRow]:
    """Open items by state, with how many are past their due time."""
    open_states = [s for s in ItemState if s not in TERMINAL_STATES]
    overdue = func.sum(case((Item.due_at < now, 1), else_=0))
    with uow:
        rows = uow.session.execute(
            select(Item.state, func.count(), overdue)
            .where(_scope(caller), Item.state.in_(open_states))
            .group_by(Item.state)
        ).all()
    found = {state: (n, int(late or 0)) for state, n, late in rows}
    return [BacklogRow(s, *found.get(s, (0, 0))) for s in open_states]
