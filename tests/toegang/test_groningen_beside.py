"""Groningen's jeugdbescherming pages read line by line: jeugdreclassering beside a measure is
samenloop (SAMENLOOP, a signal, L4834-4842) and preventive jeugdbescherming only while no measure
runs (GEEN-MAATREGEL, a refusal, L4970-4971). Each on both sides: the measure that ended the day
before the begin date, and the one still running on it. And the unit of these products, one stuk
is one month (STUK-MAAND)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Product
from jeugdketen.toegang import beside, checks, intensity
from jeugdketen.toegang.periods import last_day_of

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)
JR, SAMENLOOP, OTS, OTS_2, VOOGDIJ, PREVENTIEF = "47A01", "47A06", "48A01", "48A02", "48A03", "49A01"


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


def _product(world, code):
    return Product.objects.get(region=world.region, code=code)


def _client_with(world, code, end):
    client = world.client(born(15, on=BEGIN))
    toewijzing(world, client, _product(world, code), BEGIN - DAY * 200, end)
    return client


def _proposal(world, code, client):
    return world.proposal(_product(world, code), client, BEGIN, BEGIN + DAY * 180)


def _rules(findings):
    return [finding.rule for finding in findings]


def test_jeugdreclassering_after_the_ots_ended_gives_no_signal(groningen):
    client = _client_with(groningen, OTS, BEGIN - DAY)
    assert beside.check_samenloop(_proposal(groningen, JR, client)) == []


def test_jeugdreclassering_beside_a_running_ots_signals(groningen):
    for measure in (OTS, OTS_2, VOOGDIJ):
        client = _client_with(groningen, measure, BEGIN)
        findings = checks.check_allocation(_proposal(groningen, JR, client))
        assert _rules(findings) == ["SAMENLOOP"], measure
        assert findings[0].is_signal and "47A06" in findings[0].text


def test_a_measure_beside_running_jeugdreclassering_signals(groningen):
    client = _client_with(groningen, JR, None)
    for measure in (OTS, OTS_2, VOOGDIJ):
        assert _rules(beside.check_samenloop(_proposal(groningen, measure, client))) == ["SAMENLOOP"], measure


def test_samenloop_beside_a_measure_gives_no_signal(groningen):
    client = _client_with(groningen, OTS_2, BEGIN)
    assert beside.check_samenloop(_proposal(groningen, SAMENLOOP, client)) == []


def test_samenloop_without_a_measure_signals(groningen):
    client = _client_with(groningen, OTS, BEGIN - DAY)
    findings = beside.check_samenloop(_proposal(groningen, SAMENLOOP, client))
    assert _rules(findings) == ["SAMENLOOP"] and findings[0].is_signal


def test_itb_beside_a_measure_gives_no_signal(groningen):
    # L4838-4842: a measure and an ITB keep both tariffs; no samenloop.
    client = _client_with(groningen, OTS, None)
    for itb in ("47A04", "47A05"):
        assert beside.check_samenloop(_proposal(groningen, itb, client)) == [], itb


def test_preventive_protection_after_the_measure_ended_is_allowed(groningen):
    client = _client_with(groningen, OTS, BEGIN - DAY)
    proposal = _proposal(groningen, PREVENTIEF, client)
    assert beside.check_without_measure(proposal) == []
    assert checks.refusals(checks.check_allocation(proposal)) == []


def test_preventive_protection_beside_a_running_measure_is_refused(groningen):
    for measure in (OTS, OTS_2, VOOGDIJ):
        client = _client_with(groningen, measure, BEGIN)
        findings = checks.refusals(checks.check_allocation(_proposal(groningen, PREVENTIEF, client)))
        assert _rules(findings) == ["GEEN-MAATREGEL"], measure


def test_a_measure_beside_preventive_protection_is_not_refused(groningen):
    client = _client_with(groningen, PREVENTIEF, None)
    for measure in (OTS, VOOGDIJ):
        assert checks.refusals(checks.check_allocation(_proposal(groningen, measure, client))) == [], measure


def test_the_rules_stay_in_groningen(db):
    brabant = RegionWorld("noordoost-brabant-2021")
    product = Product.objects.filter(region=brabant.region).first()
    product.limits = {
        **(product.limits or {}),
        "only_without": [product.code],
        "samenloop": {"requires": ["X"]},
    }
    client = brabant.client(born(15, on=BEGIN))
    toewijzing(brabant, client, product, BEGIN - DAY * 10, None)
    proposal = brabant.proposal(product, client, BEGIN, BEGIN + DAY * 30)
    assert beside.check_without_measure(proposal) == [] and beside.check_samenloop(proposal) == []
    product.limits["stuk_is_month"] = True
    monthly = brabant.proposal(product, client, BEGIN, BEGIN + DAY * 30, volume=5, frequency="4")
    assert intensity.check_monthly_unit(monthly) == []


# STUK-MAAND (L4746, L4906-4907): one stuk is one month of the measure.
def _volume(world, code, volume, frequency, end):
    client = world.client(born(15, on=BEGIN))
    proposal = world.proposal(_product(world, code), client, BEGIN, end, volume=volume, frequency=frequency)
    return _rules(intensity.check_monthly_unit(proposal))


YEAR_END = last_day_of(BEGIN, months=12)


def test_one_stuk_a_month_and_twelve_for_a_year_are_allowed(groningen):
    for code in ("47A03", "47A04", "47A07"):
        assert _volume(groningen, code, 1, "4", YEAR_END) == [], code
    for code in ("47A01", OTS, VOOGDIJ):
        assert _volume(groningen, code, 12, "6", YEAR_END) == [], code


def test_two_stuks_a_month_or_thirteen_for_a_year_are_refused(groningen):
    assert _volume(groningen, "47A05", 2, "4", YEAR_END) == ["STUK-MAAND"]
    assert _volume(groningen, OTS, 13, "6", YEAR_END) == ["STUK-MAAND"]
    client = groningen.client(born(15, on=BEGIN))
    proposal = groningen.proposal(_product(groningen, JR), client, BEGIN, YEAR_END, volume=13, frequency="6")
    assert checks.refusals(checks.check_allocation(proposal))[0].rule == "STUK-MAAND"


def test_a_day_past_the_year_allows_a_thirteenth_stuk(groningen):
    assert _volume(groningen, OTS, 13, "6", YEAR_END + DAY) == []
    assert _volume(groningen, OTS, 14, "6", YEAR_END + DAY) == ["STUK-MAAND"]
    assert intensity.months_begun(BEGIN, BEGIN) == 1


def test_the_unit_rule_stays_with_the_measures(groningen):
    # an open end is not judged; products whose stuk is no month are not either
    assert _volume(groningen, OTS, 40, "6", None) == []
    assert _volume(groningen, "50G24", 3, "4", YEAR_END) == []
