"""A calendar table so the database can count (working) days without a loop in Python.

Working days are decided by :mod:`jeugdketen.core.werkdagen`, the project's one definition.
This module only materialises that definition as rows, once per range of years, and offers
expressions that look a date up in them. Counting working days between two columns then is
a subtraction of two indexed lookups in SQL.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Func, IntegerField, OuterRef, Subquery

from jeugdketen.core import werkdagen

from .models import CalendarDay

EPOCH = dt.date(1970, 1, 1)
# The table always covers whole years, from FIRST_YEAR on, so working_day_number is stable,
# and at least up to LAST_YEAR, so end dates of long toewijzingen and future starts are found.
# A date outside the table counts as unknown (NULL) and drops out of averages and sums.
FIRST_YEAR = 2000
LAST_YEAR = 2060


def ensure_calendar(until: dt.date) -> None:
    """Make sure the calendar holds every day from 1 January FIRST_YEAR to 31 December of `until`
    (at least of LAST_YEAR). Filled once; later calls cost one indexed query."""
    last = CalendarDay.objects.order_by("-date").values_list("date", "working_day_number").first()
    target = dt.date(max(until.year, LAST_YEAR), 12, 31)
    if last and last[0] >= target:
        return
    with transaction.atomic():
        if last:
            day, counter = last[0] + dt.timedelta(days=1), last[1]
        else:
            day, counter = dt.date(FIRST_YEAR, 1, 1), 0
        rows = []
        while day <= target:
            working = werkdagen.is_working_day(day)
            counter += working
            rows.append(
                CalendarDay(
                    date=day,
                    day_number=(day - EPOCH).days,
                    working_day_number=counter,
                    is_working_day=working,
                )
            )
            day += dt.timedelta(days=1)
        CalendarDay.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def working_day_number(date_expression) -> Subquery:
    """The running working-day counter of a date expression (e.g. OuterRef("begin"))."""
    return Subquery(
        CalendarDay.objects.filter(date=date_expression).values("working_day_number")[:1],
        output_field=IntegerField(),
    )


class DayNumber(Func):
    """Days since 1970-01-01 of a date expression, computed in the row: no lookup, no join."""

    template = "(%(expressions)s - DATE '1970-01-01')"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)", **extra
        )


def day_number(date_expression) -> Func:
    """Days since 1970-01-01 of a date expression (equal to ``CalendarDay.day_number``)."""
    return DayNumber(date_expression)


def working_days_between(start_field: str, end_field: str):
    """Expression: working days after `start_field` up to and including `end_field` (fields of the row)."""
    return working_day_number(OuterRef(end_field)) - working_day_number(OuterRef(start_field))


def day_number_of(value) -> int:
    return (value - EPOCH).days
