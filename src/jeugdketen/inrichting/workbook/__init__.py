"""The set-up workbook: one workbook in, the same workbook out (see docs/setup.md).

:func:`run` reads and validates the whole workbook first; with any problem nothing is stored.
Otherwise it stores everything in one transaction, or, for a preview (``apply=False``), does
exactly the same and rolls it back, so the preview shows what applying will do.
"""

from __future__ import annotations

from django.db import transaction

from jeugdketen.accounts.access import region_ids
from jeugdketen.contracten.variants import VariantConflict

from ..setup import Plan, SheetPlan
from .applying import apply as store
from .reading import from_rows, read
from .validating import Checker


class _Preview(Exception):
    pass


def run(path, *, user=None, apply: bool, source: str) -> Plan:
    """Validates and (when `apply`) stores the workbook at `path`. `user` is the functional
    administrator importing it (None: the command line, all regions)."""
    return run_book(read(path), user=user, apply=apply, source=source)


def run_rows(data: dict[str, list[list]], *, user=None, apply: bool, source: str) -> Plan:
    """:func:`run` for a workbook given as rows in memory (see :func:`reading.from_rows`)."""
    return run_book(from_rows(data), user=user, apply=apply, source=source)


def run_book(book, *, user=None, apply: bool, source: str) -> Plan:
    from ..activation import path_for

    allowed = None
    if user is not None and not user.is_superuser:
        allowed = set(region_ids(user))
    checker = Checker(book, allowed)
    records = checker.run()
    if checker.problems:
        return Plan([], checker.problems, [])
    plan = None
    try:
        with transaction.atomic():
            tallies, new_users = store(records, actor=user, source=source)
            plan = Plan(
                [SheetPlan(t.sheet, t.created, t.changed, t.unchanged) for t in tallies],
                [],
                [(u.username, path_for(u)) for u in new_users] if apply else [],
            )
            if not apply:
                raise _Preview
    except _Preview:
        pass
    except VariantConflict as conflict:  # a rule over the whole set-up: nothing was stored
        return Plan([], [f"contractproducten: {conflict}"], [])
    return plan
