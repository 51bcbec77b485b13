"""Working days in Vietnam: Monday to Friday minus public holidays, plus yearly overrides.

The default comes from the ``holidays`` package (Tết by the lunar calendar, Hùng Kings'
day, 30/4, 1/5, National Day); the government's swapped days and extra days off are
overrides a supervisor edits per year.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_OFFICE_DAY = time(17, 0)


@lru_cache(maxsize=32)
def _holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("VN", years=year).items())


def public_holidays(year: int) -> dict[date, str]:
    """The default public holidays of ``year`` with their names."""
    return _holidays(year)


class WorkingCalendar:
    """Working days: weekdays minus public holidays, then the overrides win."""

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self.overrides = dict(overrides or {})

    def is_working_day(self, day: date) -> bool:
        """True when offices and the post work on ``day``."""
        if day in self.overrides:
            return self.overrides[day]
        return day.weekday() < 5 and day not in _holidays(day.year)

    def add_working_days(self, start: date, n: int) -> date:
        """The working day ``n`` working days after ``start`` (J+n)."""
        day = start
        remaining = n
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def due_at(self, start: datetime, working_days: int) -> datetime:
        """17:00 local on J+n, in UTC, where J is ``start``'s local date."""
        day = self.add_working_days(local_date(start), working_days)
        return datetime.combine(day, END_OF_OFFICE_DAY, LOCAL_TZ).astimezone(UTC)


DEFAULT_CALENDAR = WorkingCalendar()


def local_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Vietnam."""
    return moment.astimezone(LOCAL_TZ).date()


def is_working_day(day: date) -> bool:
    """Default calendar (no overrides): see ``WorkingCalendar.is_working_day``."""
    return DEFAULT_CALENDAR.is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """Default calendar (no overrides): see ``WorkingCalendar.add_working_days``."""
    return DEFAULT_CALENDAR.add_working_days(start, n)


def due_at(start: datetime, working_days: int) -> datetime:
    """Default calendar (no overrides): see ``WorkingCalendar.due_at``."""
    return DEFAULT_CALENDAR.due_at(start, working_days)
