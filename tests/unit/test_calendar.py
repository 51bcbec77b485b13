"""Working days across Tết, holidays and swapped days."""

from datetime import date

import pytest

from postal_service.calendar import WorkingCalendar


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (
            date(2027, 2, 4),
            1,
            date(2027, 2, 11),
        ),  # Thursday before Tết 2027 -> after it
        (date(2026, 4, 29), 1, date(2026, 5, 4)),  # 30/4 and 1/5 off, then the weekend
        (
            date(2026, 8, 31),
            1,
            date(2026, 9, 3),
        ),  # National Day 2/9 and its adjacent day
        (date(2026, 11, 20), 2, date(2026, 11, 25)),  # Friday + weekend + Culture Day
    ],
)
def test_working_days_skip_weekends_and_public_holidays(
    start: date, n: int, expected: date
) -> None:
    assert WorkingCalendar().add_working_days(start, n) == expected


def test_an_override_makes_a_saturday_a_working_day() -> None:
    calendar = WorkingCalendar({date(2026, 11, 28): True})
    assert calendar.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 28)


def test_an_override_can_add_a_day_off() -> None:
    calendar = WorkingCalendar({date(2026, 12, 1): False})
    assert calendar.add_working_days(date(2026, 11, 30), 1) == date(2026, 12, 2)
