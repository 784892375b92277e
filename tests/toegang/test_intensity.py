"""INTENSITEIT: the book's intensity (per day, week or beschikking) is advice, so a volume outside
it is signalled on both sides of its edge, and only in the regions whose book gives it."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.toegang.checks import AllocationRefused, check_allocation
from jeugdketen.toegang.intensity import check_intensity
from jeugdketen.toegang.models import Signaal
from jeugdketen.toegang.services import allocate

BEGIN = dt.date(2024, 3, 4)
END = BEGIN + dt.timedelta(days=180)
OAJ_LICHT = "Ondersteuningsgericht Individueel Licht"  # Alkmaar: maximaal 4 uur per week (richtlijn)
RESPIJT_DAGDEEL = "Respijtzorg dagbesteding"  # Noordoost-Brabant: per dag maximaal 2 dagdelen
GGZ_MIDDEL = "Specialistische GGZ behandeling middel"  # Groningen: 25-50 uur per beschikking


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023")


@pytest.fixture
def brabant(db):
    return RegionWorld("noordoost-brabant-2021")


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020")


def _rules(world, product, volume, frequency, **extra):
    proposal = world.proposal(
        product, world.client(born(10, on=BEGIN)), BEGIN, END, volume=volume, frequency=frequency, **extra
    )
    return [finding.rule for finding in check_intensity(proposal)]


def test_alkmaar_four_hours_a_week_gives_no_signal(alkmaar):
    assert _rules(alkmaar, OAJ_LICHT, 4, "2") == []


def test_alkmaar_five_hours_a_week_signals(alkmaar):
    assert _rules(alkmaar, OAJ_LICHT, 5, "2") == ["INTENSITEIT"]


def test_brabant_two_dagdelen_a_day_gives_no_signal(brabant):
    assert _rules(brabant, RESPIJT_DAGDEEL, 2, "1") == []


def test_brabant_three_dagdelen_a_day_signals(brabant):
    assert _rules(brabant, RESPIJT_DAGDEEL, 3, "1") == ["INTENSITEIT"]


def test_groningen_band_edges_give_no_signal(groningen):
    assert _rules(groningen, GGZ_MIDDEL, 25, "6") == []
    assert _rules(groningen, GGZ_MIDDEL, 50, "6") == []


def test_groningen_outside_the_band_signals(groningen):
    assert _rules(groningen, GGZ_MIDDEL, 24, "6") == ["INTENSITEIT"]
    assert _rules(groningen, GGZ_MIDDEL, 51, "6") == ["INTENSITEIT"]


def test_other_period_or_unit_is_not_compared(alkmaar):
    assert _rules(alkmaar, OAJ_LICHT, 40, "4") == []  # per month against an intensity per week
    assert _rules(alkmaar, OAJ_LICHT, 400, "2", unit="01") == []  # minutes against hours
    assert _rules(alkmaar, OAJ_LICHT, None, "2") == []


def test_intensity_does_not_hold_in_midden_limburg(limburg):
    product = limburg.product("Begeleiding individueel- licht")
    intensity = {"min": None, "max": 4, "unit": "04", "per": "week"}
    product.limits = {**(product.limits or {}), "intensity": intensity}
    product.save()
    assert _rules(limburg, product, 5, "2") == []


def test_the_signal_needs_a_reason_and_is_kept(alkmaar):
    client = alkmaar.client(born(10, on=BEGIN))
    proposal = alkmaar.proposal(OAJ_LICHT, client, BEGIN, END, volume=5, frequency="2")
    assert "INTENSITEIT" in [f.rule for f in check_allocation(proposal) if f.is_signal]
    common = dict(
        municipality=alkmaar.gemeente,
        client=client,
        provider=alkmaar.provider,
        product=alkmaar.product(OAJ_LICHT),
        begin=BEGIN,
        end=END,
        volume=5,
        frequency="2",
        referrer_code="01",
        today=BEGIN,
        send=False,
    )
    with pytest.raises(AllocationRefused) as refused:
        allocate(**common)
    assert refused.value.only_signals
    toewijzing = allocate(**common, reasons={"INTENSITEIT": "Tijdelijk meer uren na de verhuizing"})
    signal = Signaal.objects.get(toewijzing=toewijzing, rule="INTENSITEIT")
    assert signal.reason == "Tijdelijk meer uren na de verhuizing"


# Advice written as a total (limits.guidelines): per beschikking, traject or calendar year ------

HAJ_LICHT = "HAJ Individueel Licht"  # Alkmaar: "Duur per beschikking (richtlijn) Maximaal 26 uur"
DYSLEXIE = "Dyslexie onderzoek, diagnostiek en behandeling"  # NOB: 2.940 minuten per traject (advies)
RESPIJT_JAAR = RESPIJT_DAGDEEL  # NOB: maximum aantal dagdelen op jaarbasis 52 (advies)


def test_alkmaar_26_hours_in_the_beschikking_gives_no_signal(alkmaar):
    assert _rules(alkmaar, HAJ_LICHT, 26, "6", unit="04") == []  # the book gives no unit: the toewijzing's


def test_alkmaar_27_hours_in_the_beschikking_signals(alkmaar):
    assert _rules(alkmaar, HAJ_LICHT, 27, "6", unit="04") == ["INTENSITEIT"]


def test_brabant_dyslexia_advice_per_traject_edge(brabant):
    assert _rules(brabant, DYSLEXIE, 2940, "6") == []
    assert _rules(brabant, DYSLEXIE, 2941, "6") == ["INTENSITEIT"]


def test_brabant_yearly_advice_only_within_one_calendar_year(brabant):
    assert _rules(brabant, RESPIJT_JAAR, 52, "6") == []
    assert _rules(brabant, RESPIJT_JAAR, 53, "6") == ["INTENSITEIT"]
    client = brabant.client(born(10, on=BEGIN))
    across = brabant.proposal(RESPIJT_JAAR, client, BEGIN, dt.date(2025, 3, 1), volume=53, frequency="6")
    assert check_intensity(across) == []  # a total over two years is not split by guesswork


def test_alkmaar_logeren_four_etmalen_a_week_signals_instead_of_capping(alkmaar):
    assert _rules(alkmaar, "Logeren", 3, "2") == []
    assert _rules(alkmaar, "Logeren", 4, "2") == ["INTENSITEIT"]
    assert not alkmaar.product("Logeren").caps.filter(per="week").exists()
