"""The monitoring figures by name: one module per figure, and :func:`compute` to ask any of them.

Each figure aggregates in the database and returns a :class:`~.report.Report` (see
:mod:`.common` for what they share):

- ``budget`` (:mod:`.budget`), ``top75`` (:mod:`.top`), ``residential`` (:mod:`.residential`);
- ``waiting-times`` (:mod:`.waiting`), ``dropout`` (:mod:`.outcomes`) and ``accountability``
  (:mod:`.accountability`), which follow Midden-Limburg Oost's contract only;
- ``perceel`` (:mod:`.kpi`) and ``signals`` (:mod:`.signals`).

The figure functions and their helpers stay importable from here for callers.
"""

from __future__ import annotations

import datetime as dt

from .accountability import (
    SROI_SHARE,
    SROI_THRESHOLD_CENTS,
    STATEMENT_THRESHOLD_CENTS,
    accountability,
    document_status,
    sroi,
    statement_kind,
)
from .budget import budget
from .common import SOURCE_LABEL, first_of_month, quarters, year_bounds
from .outcomes import DROPOUT_REASONS, NOT_AN_END, dropout
from .report import Report
from .residential import REDUCTION_TARGET, residential
from .top import last_twelve_months, top75
from .waiting import NORM_WORKING_DAYS, waiting_times

__all__ = [
    "DROPOUT_REASONS",
    "NAMES",
    "NORM_WORKING_DAYS",
    "NOT_AN_END",
    "REDUCTION_TARGET",
    "SOURCE_LABEL",
    "SROI_SHARE",
    "SROI_THRESHOLD_CENTS",
    "STATEMENT_THRESHOLD_CENTS",
    "accountability",
    "budget",
    "compute",
    "document_status",
    "dropout",
    "first_of_month",
    "last_twelve_months",
    "quarters",
    "residential",
    "sroi",
    "statement_kind",
    "top75",
    "waiting_times",
    "year_bounds",
]

NAMES = ["budget", "waiting-times", "dropout", "top75", "residential", "accountability", "signals", "perceel"]


def compute(
    name: str, scope=None, *, today: dt.date, year: int | None = None, show_names: bool = False
) -> Report:
    year = year or today.year
    if name == "budget":
        return budget(scope, year=year, today=today)
    if name == "waiting-times":
        return waiting_times(scope, year=year, today=today)
    if name == "dropout":
        return dropout(scope, year=year, today=today)
    if name == "top75":
        return top75(scope, today=today, show_names=show_names)
    if name == "residential":
        return residential(scope, year=year, today=today)
    if name == "accountability":
        return accountability(scope, year=year, today=today)
    if name == "perceel":
        from .kpi import perceel

        return perceel(scope, year=year, today=today)
    if name == "signals":
        from .signals import signals

        return signals(scope, year=year, today=today)
    raise KeyError(name)
