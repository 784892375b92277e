"""Durations read from Groningen's product pages in the audit (PRODUCTDUUR, a signal): the advised
year of GB-GGZ chronisch (L1984), the first year of an OTS (48A01, L4892-4902), CRIEM's three
months (L4785) and ITB Harde kern's half year (L4803). Each: the last day gives no signal, a day
more signals. The 50G24 referrers (VERWIJZER) and 52G00 beside a treatment (DIAGNOSTIEK-APART)
from the line-by-line reading."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Product
from jeugdketen.toegang import checks, durations
from jeugdketen.toegang.periods import last_day_of

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


def _proposal(world, code, end):
    product = Product.objects.get(region=world.region, code=code)
    return world.proposal(product, world.client(born(14, on=BEGIN)), BEGIN, end)


@pytest.mark.parametrize(("code", "months"), [("51A02", 12), ("48A01", 12), ("47A04", 3), ("47A05", 6)])
def test_groningen_page_duration_to_the_last_day_gives_no_signal(groningen, code, months):
    proposal = _proposal(groningen, code, last_day_of(BEGIN, months=months))
    assert durations.check_product_duration(proposal) == []


@pytest.mark.parametrize(("code", "months"), [("51A02", 12), ("48A01", 12), ("47A04", 3), ("47A05", 6)])
def test_groningen_page_duration_a_day_longer_signals(groningen, code, months):
    proposal = _proposal(groningen, code, last_day_of(BEGIN, months=months) + DAY)
    findings = durations.check_product_duration(proposal)
    assert [f.rule for f in findings] == ["PRODUCTDUUR"] and findings[0].is_signal


# VERWIJZER, 50G24 (L5684-5694): the judge refers with a form, the provider arranges the toewijzing
# via the local basisteam; so the toewijzing names the court (08) or the municipality's team (01).
def _referred(world, referrer):
    proposal = _proposal(world, "50G24", BEGIN + DAY * 90)
    proposal.referrer_code = referrer
    return proposal


def test_groningen_50g24_by_the_court_or_the_local_team_is_allowed(groningen):
    for referrer in ("08", "01"):
        proposal = _referred(groningen, referrer)
        assert checks.check_referrer(proposal) == [], referrer
        assert not checks.refusals(checks.check_allocation(proposal)), referrer


def test_groningen_50g24_by_another_referrer_is_refused(groningen):
    for referrer in ("02", "03", "04", "05"):
        findings = checks.check_referrer(_referred(groningen, referrer))
        assert [f.rule for f in findings] == ["VERWIJZER"] and not findings[0].is_signal, referrer


# DIAGNOSTIEK-APART, 52G00 (L2838-2842): beside a running SGGZ treatment only for a second opinion.
GGZ_MIDDEL = "52G02"


def _diagnostics(world, client, begin=BEGIN):
    return world.proposal(
        Product.objects.get(region=world.region, code="52G00"), client, begin, begin + DAY * 60
    )


def test_diagnostics_after_the_treatment_ended_gives_no_signal(groningen):
    client = groningen.client(born(14, on=BEGIN))
    toewijzing(groningen, client, _product(groningen, GGZ_MIDDEL), BEGIN - DAY * 90, BEGIN - DAY)
    proposal = _diagnostics(groningen, client)
    assert checks.check_separate_diagnostics(proposal) == []
    assert checks.check_allocation(proposal) == []


def test_diagnostics_beside_a_running_treatment_signals_not_refuses(groningen):
    client = groningen.client(born(14, on=BEGIN))
    toewijzing(groningen, client, _product(groningen, GGZ_MIDDEL), BEGIN - DAY * 90, BEGIN)
    findings = checks.check_allocation(_diagnostics(groningen, client))
    assert [f.rule for f in findings] == ["DIAGNOSTIEK-APART"]
    assert findings[0].is_signal and "second opinion" in findings[0].text
    assert checks.refusals(findings) == []


def test_treatment_beside_running_diagnostics_signals_too(groningen):
    client = groningen.client(born(14, on=BEGIN))
    toewijzing(groningen, client, _product(groningen, "52G00"), BEGIN - DAY * 10, None)
    for code in ("52G11", "52G13", "52G02", "52G03", "52G04"):
        proposal = groningen.proposal(_product(groningen, code), client, BEGIN, BEGIN + DAY * 90)
        assert [f.rule for f in checks.check_separate_diagnostics(proposal)] == ["DIAGNOSTIEK-APART"], code


def test_diagnostics_beside_medication_control_gives_no_signal(groningen):
    client = groningen.client(born(14, on=BEGIN))
    toewijzing(groningen, client, _product(groningen, "52G12"), BEGIN - DAY * 90, None)
    assert checks.check_separate_diagnostics(_diagnostics(groningen, client)) == []


def test_diagnostics_rule_stays_in_groningen(groningen):
    from jeugdketen.regels.register import applies

    assert applies("DIAGNOSTIEK-APART", "groningen-2016")
    assert not any(
        applies("DIAGNOSTIEK-APART", slug) for slug in ("alkmaar-2023", "midden-limburg-oost-2020")
    )


def _product(world, code):
    return Product.objects.get(region=world.region, code=code)
