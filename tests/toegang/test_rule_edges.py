"""The allocation rules of the register, each tried on both sides of its edge and in a region
where it does not hold."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld

from jeugdketen.catalogus.loader import load_all
from jeugdketen.toegang import checks

BEGIN = dt.date(2024, 3, 4)


@pytest.fixture
def books(db):
    load_all()


@pytest.fixture
def alkmaar(books):
    return RegionWorld("alkmaar-2023")


def rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


# OVERBRUGGING ---------------------------------------------------------------------------------


def test_bridging_of_exactly_six_weeks_is_allowed(alkmaar):
    client = alkmaar.client(dt.date(2014, 1, 1))
    end = BEGIN + dt.timedelta(days=41)  # day 42: six weeks, both ends counted
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, end, bridging=True)
    assert checks.check_bridging(proposal) == []


def test_bridging_of_six_weeks_and_a_day_is_refused(alkmaar):
    client = alkmaar.client(dt.date(2014, 1, 1))
    end = BEGIN + dt.timedelta(days=42)
    proposal = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, end, bridging=True)
    assert rules(checks.check_bridging(proposal)) == ["OVERBRUGGING"]
    open_ended = alkmaar.proposal("Ondersteuningsgericht Individueel Licht", client, BEGIN, bridging=True)
    assert rules(checks.check_bridging(open_ended)) == ["OVERBRUGGING"]


def test_bridging_limit_of_alkmaar_does_not_hold_in_noordoost_brabant(books):
    brabant = RegionWorld("noordoost-brabant-2021")
    client = brabant.client(dt.date(2014, 1, 1))
    product = brabant.region.products.filter(category="45").first()
    proposal = brabant.proposal(product, client, BEGIN, BEGIN + dt.timedelta(days=90), bridging=True)
    assert checks.check_bridging(proposal) == []
