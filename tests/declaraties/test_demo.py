"""The demo's billing stage plants a bill past the vervaltermijn, however far its months reach back."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from jeugdketen.declaraties import ledger
from jeugdketen.declaraties.demo import bill
from jeugdketen.declaraties.models import Prestatie

from .conftest import YEAR


def _late_lines():
    return [p for p in Prestatie.objects.all() if "9319" in p.retourcodes.split(",")]


def test_a_bill_held_back_past_the_vervaltermijn(world):
    for _ in range(3):
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR + 1, 5, 10), months=7))
    late = _late_lines()
    assert late and all(p.begin.year == YEAR for p in late)
    assert "9319" in {p.retourcodes for p in late}  # late, and otherwise right (the demo also plants faults)
    assert Prestatie.objects.filter(accepted=True).exists()
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []


def test_a_late_bill_is_planted_when_the_months_do_not_reach_back(world):
    world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR, 12, 6), months=3))
    (late,) = _late_lines()
    assert late.begin == dt.date(YEAR - 2, 12, 1)
