"""Dyslexia treatment in Midden-Limburg Oost lasts at most 1.5 years (Bijlage 1, 4.8), an open
end included; it is the region's own limit."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.toegang import durations
from jeugdketen.toegang.checks import AllocationRefused, check_allocation
from jeugdketen.toegang.periods import last_day_of
from jeugdketen.toegang.services import extend

BEGIN = dt.date(2024, 3, 4)
TREATMENT = "Behandeling individueel Dyslexie behandeling"


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020")


def _rules(world, end) -> list[str]:
    proposal = world.proposal(TREATMENT, world.client(born(9, on=BEGIN)), BEGIN, end)
    return [finding.rule for finding in durations.check_dyslexia_duration(proposal)]


def test_dyslexia_treatment_of_one_and_a_half_years_is_allowed(limburg):
    last = last_day_of(BEGIN, months=18)
    assert last == dt.date(2025, 9, 3)
    assert _rules(limburg, last) == []


def test_dyslexia_treatment_a_day_longer_is_refused(limburg):
    assert _rules(limburg, last_day_of(BEGIN, months=18) + dt.timedelta(days=1)) == ["DYSLEXIE-DUUR"]


def test_dyslexia_treatment_without_an_end_date_is_refused(limburg):
    assert _rules(limburg, None) == ["DYSLEXIE-DUUR"]
    proposal = limburg.proposal(TREATMENT, limburg.client(born(9, on=BEGIN)), BEGIN, None)
    found = [finding.rule for finding in check_allocation(proposal)]
    assert "DYSLEXIE-DUUR" in found and "PRODUCTDUUR" not in found  # a refusal, not also a signal


def test_extending_dyslexia_treatment_past_one_and_a_half_years_is_refused(limburg):
    client = limburg.client(born(9, on=BEGIN))
    t = toewijzing(limburg, client, TREATMENT, BEGIN, dt.date(2025, 3, 3))
    with pytest.raises(AllocationRefused) as refused:
        extend(t, end=dt.date(2025, 9, 4), today=BEGIN)
    assert "DYSLEXIE-DUUR" in [finding.rule for finding in refused.value.findings]


def test_the_dyslexia_limit_does_not_hold_in_other_regions(db):
    brabant = RegionWorld("noordoost-brabant-2021")
    product = brabant.product("Dyslexie onderzoek, diagnostiek en behandeling")
    product.code = "54005"  # the same code in a book without the limit
    proposal = brabant.proposal(product, brabant.client(born(9, on=BEGIN)), BEGIN, None)
    assert durations.check_dyslexia_duration(proposal) == []
