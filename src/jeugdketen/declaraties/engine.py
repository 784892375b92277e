"""Judging every Prestatie of one declaration, set-based.

:func:`~.context.load_context` reads everything the rules need for the whole declaration in a
handful of queries, chunked only to stay under the database's parameter limit. :func:`judge`
then decides each line in memory, in document order, so the time grows linearly with the
number of lines and never with a query per line. The rules live by what they decide:

- :mod:`.references`: a reference once (TR314), the debit a credit takes back (TR323, TR390);
- :mod:`.debits`: a debit against its toewijzing, contract and product book, and against what
  was accepted before (TR322, TR369, the caps); residential days in :mod:`.verblijf` and
  :mod:`.respijt`, an open end in :mod:`.looptijd`, indirect time in :mod:`.indirect`;
- :mod:`.periods`: whole months and volumes per frequency; :mod:`.caps`: the units of a cap.

Credit lines are judged before debit lines: a provider that credits an old line and bills
it again in the same declaration (the usual correction) must not trip TR389.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .context import Context
from .debits import judge_debit
from .jw323 import Line
from .references import judge_credit
from .verdict import Verdict

#: How often (in lines) judging reports its progress to a background intake.
PROGRESS_EVERY = 1000


def judge(
    context: Context,
    lines: list[Line],
    *,
    received_on: dt.date,
    progress: Callable[[int], None] | None = None,
) -> list[Verdict]:
    """One verdict per line, in the order of ``lines``; ``progress`` hears the lines judged so far."""
    verdicts = [Verdict(line) for line in lines]
    seen_references: set[str] = set()
    credited_now: set[str] = set()
    judged = 0
    for verdict in verdicts:
        if verdict.line.debit_credit == "C":
            judge_credit(context, verdict, seen_references, credited_now)
            judged += 1
    for verdict in verdicts:
        if verdict.line.debit_credit != "C":
            judge_debit(context, verdict, seen_references, received_on)
            judged += 1
            if progress is not None and judged % PROGRESS_EVERY == 0:
                progress(judged)
    if progress is not None:
        progress(judged)
    return verdicts
