"""Working days in Vietnam: Monday to Friday minus public holidays (Tết included)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_OFFICE_DAY = time(17, 0)


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=year)


def is_working_day(day: date) -> bool:
    """True on a weekday that is not a Vietnamese public holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The working day that is ``n`` working days after ``start`` (J+n)."""
    day = start
    remaining = n
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def local_date(moment: datetime) -> date:
    """The calendar date of ``moment`` in Vietnam."""
    return moment.astimezone(LOCAL_TZ).date()


def due_at(start: datetime, working_days: int) -> datetime:
    """End of the office day (17:00 local) of J+n, in UTC, where J is ``start``'s date."""
    day = add_working_days(local_date(start), working_days)
    return datetime.combine(day, END_OF_OFFICE_DAY, LOCAL_TZ).astimezone(UTC)
