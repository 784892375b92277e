"""Calendar months: the one place that says where a month ends."""

from __future__ import annotations

import datetime as dt


def month_end(day: dt.date) -> dt.date:
    """The last day of the month `day` falls in."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
