"""The wide search: many drawn cases per message type, judged by both sides, differences kept."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from .mutate import CODES, cases
from .oracle import SHARED, Judges, Verdict


@dataclass
class Tally:
    """Per message type: cases judged (XSD-valid), cases the XSD refused, cases that differed."""

    judged: Counter = field(default_factory=Counter)
    refused: Counter = field(default_factory=Counter)
    differed: Counter = field(default_factory=Counter)
    rules: Counter = field(default_factory=Counter)  # (message, rule) pairs seen in differences
    differences: list[tuple[Verdict, bytes, tuple[str, ...]]] = field(default_factory=list)

    def total(self) -> int:
        return sum(self.judged.values())


def search(
    per_type: int,
    *,
    codes: tuple[str, ...] = CODES,
    seconds: float | None = None,
    judges: Judges | None = None,
    shared: Path = SHARED,
    keep: int = 500,
    examples: bool = True,
) -> Tally:
    """Judge ``per_type`` XSD-valid cases of every type in ``codes``, within ``seconds`` if given.

    With ``examples=False`` every case starts from a generated message, never from a
    published example (so a kept case can go into the regression corpus).
    """
    judges = judges or Judges(shared)
    tally = Tally()
    stop = None if seconds is None else time.monotonic() + seconds
    for index, code in enumerate(codes):
        # Each type gets an equal share of the time that is left.
        until = None if stop is None else time.monotonic() + (stop - time.monotonic()) / (len(codes) - index)
        with contextlib.suppress(Unsatisfiable):  # time ran out before a single case of this type
            _runner(code, per_type, until, judges, shared if examples else None, tally, keep)()
    return tally


def _runner(
    code: str,
    per_type: int,
    until: float | None,
    judges: Judges,
    shared: Path | None,
    tally: Tally,
    keep: int,
):
    @settings(
        max_examples=per_type,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data):
        if until is not None and time.monotonic() > until:
            reject()
        case = data.draw(cases(code, shared))
        verdict = judges.judge(code, case.xml)
        if not verdict.xsd_valid:
            tally.refused[code] += 1
            reject()
        tally.judged[code] += 1
        if not verdict.same:
            tally.differed[code] += 1
            for rule in {rule for rule, _ in verdict.oracle ^ verdict.ours}:
                tally.rules[(code, rule)] += 1
            if len(tally.differences) < keep:
                tally.differences.append((verdict, case.xml, case.steps))

    return run
