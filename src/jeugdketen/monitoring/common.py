"""What every monitoring figure shares: the scope default, periods (months, years, quarters) and
the source label.

Every figure takes a ``scope`` (a function that narrows a queryset to what the user may see,
see :func:`jeugdketen.accounts.access.scope`; ``None`` for everything, as the CLI uses) and the
reference date ``today``, so tests can pin the clock. Python only touches aggregated rows (one
per provider, municipality, quarter, ...), never one row per youth.
"""

from __future__ import annotations

import datetime as dt

from .spending import ALLOCATED

SOURCE_LABEL = {
    ALLOCATED: "geschat uit toewijzingen (volume × tarief); declaraties nog niet beschikbaar",
    "declaraties": "geaccepteerde prestaties uit declaraties",
}


def _identity(queryset):
    return queryset


def as_scope(scope):
    """The scope function, or one that narrows nothing (``None``: everything)."""
    return scope or _identity


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def quarters(year: int) -> list[tuple[str, dt.date, dt.date]]:
    """The four calendar quarters of `year`: ("2025 K1", first day, last day), …"""
    bounds = [(1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)]
    return [
        (f"{year} K{n}", dt.date(year, start, 1), dt.date(year, end, last))
        for n, (start, end, last) in enumerate(bounds, start=1)
    ]
