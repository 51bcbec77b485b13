"""The working-day calendar and J+n transit targets, as a supervisor edits them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from postal_service.access import Caller
from postal_service.calendar import WorkingCalendar, public_holidays
from postal_service.communes import find_commune
from postal_service.enums import Role, TransitScope
from postal_service.errors import InvalidInput, NotFound
from postal_service.models import CalendarOverride, TransitTarget
from postal_service.unit_of_work import UnitOfWork

# TT 17 Art. 7: J+1 within a locality, J+2 within the province, J+3..4 between provinces;
# the second figure is when an appointment slip must also be delivered.
DEFAULT_TARGETS: dict[TransitScope, tuple[int, int]] = {
    TransitScope.SAME_COMMUNE: (1, 2),
    TransitScope.SAME_PROVINCE: (2, 4),
    TransitScope.OTHER_PROVINCE: (3, 6),
}


@dataclass(frozen=True)
class DayInfo:
    """One non-ordinary day of a year."""

    day: date
    working: bool
    reason: str
    overridden: bool


def load_calendar(session: Session) -> WorkingCalendar:
    """The calendar with every stored override (a small table)."""
    rows = session.scalars(select(CalendarOverride)).all()
    return WorkingCalendar({r.day: r.working for r in rows})


def load_targets(session: Session) -> dict[TransitScope, tuple[int, int]]:
    """Transit targets: stored values over the defaults."""
    targets = dict(DEFAULT_TARGETS)
    for row in session.scalars(select(TransitTarget)).all():
        targets[row.scope] = (row.days, row.days_with_slip)
    return targets


def scope_between(commune_a: int, commune_b: int) -> TransitScope:
    """How far apart two communes are, for the transit target."""
    if commune_a == commune_b:
        return TransitScope.SAME_COMMUNE
    a, b = find_commune(commune_a), find_commune(commune_b)
    if a and b and a.province_code == b.province_code:
        return TransitScope.SAME_PROVINCE
    return TransitScope.OTHER_PROVINCE


def year_days(uow: UnitOfWork, year: int) -> list[DayInfo]:
    """Public holidays and overrides of ``year``, in date order."""
    if not 2000 <= year <= 2100:
        raise InvalidInput("year must be between 2000 and 2100", field="year")
    with uow:
        overrides = {
            r.day: r
            for r in uow.session.scalars(
                select(CalendarOverride).where(
                    CalendarOverride.day >= date(year, 1, 1),
                    CalendarOverride.day <= date(year, 12, 31),
                )
            )
        }
    days = {
        d: DayInfo(d, False, name, False)
        for d, name in public_holidays(year).items()
        if d.year == year
    }
    for d, row in overrides.items():
        days[d] = DayInfo(d, row.working, row.note, True)
    return sorted(days.values(), key=lambda info: info.day)


def set_override(
    uow: UnitOfWork, caller: Caller, day: date, *, working: bool, note: str
) -> DayInfo:
    """Mark ``day`` as a working day or a day off, whatever the default says."""
    caller.require(Role.ADMIN, Role.SUPERVISOR)
    with uow:
        row = uow.session.get(CalendarOverride, day)
        if row is None:
            row = CalendarOverride(day=day, working=working, note=note)
            uow.session.add(row)
        else:
            row.working, row.note = working, note
        uow.commit()
    return DayInfo(day, working, note, True)


def remove_override(uow: UnitOfWork, caller: Caller, day: date) -> None:
    """Go back to the default for ``day``."""
    caller.require(Role.ADMIN, Role.SUPERVISOR)
    with uow:
        row = uow.session.get(CalendarOverride, day)
        if row is None:
            raise NotFound(f"No override on {day.isoformat()}")
        uow.session.delete(row)
        uow.commit()


def transit_targets(uow: UnitOfWork) -> dict[TransitScope, tuple[int, int]]:
    """The transit targets in force."""
    with uow:
        return load_targets(uow.session)


def set_transit_target(
    uow: UnitOfWork,
    caller: Caller,
    scope: TransitScope,
    *,
    days: int,
    days_with_slip: int,
) -> None:
    """Change the J+n target of one scope."""
    caller.require(Role.ADMIN, Role.SUPERVISOR)
    if not 1 <= days <= days_with_slip <= 30:
        raise InvalidInput("Need 1 <= days <= days_with_slip <= 30", field="days")
    with uow:
        row = uow.session.get(TransitTarget, scope)
        if row is None:
            uow.session.add(
                TransitTarget(scope=scope, days=days, days_with_slip=days_with_slip)
            )
        else:
            row.days, row.days_with_slip = days, days_with_slip
        uow.commit()


def next_invitation_day(calendar: WorkingCalendar, failed_on: date) -> date:
    """The first day a new delivery may be offered: two working days after a failure."""
    return calendar.add_working_days(failed_on, 2)
