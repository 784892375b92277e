"""COMBINATIE-INCLUSIEF: Noordoost-Brabant's intensive stays whose tariff already includes treatment
and day programme (Bijlage 1, Tabel 12, lines 3168-3176; "volledig inclusief tenzij anders
beschreven", lines 2810-2811). Another treatment or daghulp beside them is signalled, not refused:
the book describes what a tariff holds, it does not say the other product is not paid."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Product
from jeugdketen.toegang import checks

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)


@pytest.fixture
def brabant(db):
    return RegionWorld("noordoost-brabant-2021")


def _product(world: RegionWorld, code: str) -> Product:
    return Product.objects.get(region=world.region, code=code)


def _beside(world: RegionWorld, stay: str, stay_end: dt.date, proposed: str):
    client = world.client(born(14, on=BEGIN))
    toewijzing(world, client, _product(world, stay), BEGIN - 60 * DAY, stay_end)
    return world.proposal(_product(world, proposed), client, BEGIN)


def test_treatment_after_the_inclusive_stay_ended_the_day_before_gives_no_signal(brabant):
    proposal = _beside(brabant, "43B37", BEGIN - DAY, "45B62")
    assert checks.check_conditional_combination(proposal) == []


def test_treatment_beside_a_running_driemilieu_stay_signals(brabant):
    proposal = _beside(brabant, "43B37", BEGIN, "45B62")
    findings = checks.check_conditional_combination(proposal)
    assert [f.rule for f in findings] == ["COMBINATIE-INCLUSIEF"]
    assert findings[0].is_signal and "behandeling" in findings[0].text
    assert checks.check_combination(proposal) == []  # a signal, not a refusal


def test_daghulp_beside_a_running_driemilieu_stay_signals(brabant):
    findings = checks.check_conditional_combination(_beside(brabant, "43B37", None, "41A23"))
    assert [f.rule for f in findings] == ["COMBINATIE-INCLUSIEF"] and "dagbesteding" in findings[0].text


@pytest.mark.parametrize("stay", ["43B50", "43B51"])
def test_anything_beside_fully_inclusive_addiction_care_signals(brabant, stay):
    for proposed in ("54001", "45B70", "41A22"):
        findings = checks.check_conditional_combination(_beside(brabant, stay, None, proposed))
        assert [f.rule for f in findings] == ["COMBINATIE-INCLUSIEF"], proposed


def test_the_stay_allocated_beside_running_treatment_signals_too(brabant):
    client = brabant.client(born(14, on=BEGIN))
    toewijzing(brabant, client, _product(brabant, "54B63"), BEGIN - 30 * DAY, None)
    proposal = brabant.proposal(_product(brabant, "43B50"), client, BEGIN)
    assert [f.rule for f in checks.check_conditional_combination(proposal)] == ["COMBINATIE-INCLUSIEF"]


def test_a_stay_that_allows_separate_treatment_gives_no_signal(brabant):
    # Verblijf specialistisch GGZ prestatie D: "Aanvullend toekennen met bouwsteen SGGZ" (Tabel 11).
    assert checks.check_conditional_combination(_beside(brabant, "54Z04", None, "54001")) == []


def test_the_signal_holds_only_where_the_register_says(brabant, monkeypatch):
    monkeypatch.setattr(checks, "applies", lambda rule, region: rule != "COMBINATIE-INCLUSIEF")
    assert checks.check_conditional_combination(_beside(brabant, "43B37", None, "45B62")) == []
