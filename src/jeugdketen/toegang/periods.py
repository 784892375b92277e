"""Calendar arithmetic for allocation rules: birthdays, months, inclusive periods.

A period "of N months" from a begin date ends on the day before the same date N months on
(1 March + 12 months ends on 28 or 29 February): both ends count, as in a toewijzing.
"""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day where that day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def birthday(birth: dt.date, years: int) -> dt.date:
    """The ``years``-th birthday; someone born on 29 February has it on 28 February."""
    return add_months(birth, 12 * years)


def last_day_of(begin: dt.date, *, months: int = 0, days: int = 0) -> dt.date:
    """The last day of a period of ``months`` months or ``days`` days that starts on ``begin``."""
    if months:
        return add_months(begin, months) - dt.timedelta(days=1)
    return begin + dt.timedelta(days=days - 1)
