"""Groningen: a product "inclusief behandeling" (verblijf, deeltijdverblijf, gezinshuis) takes no
separate treatment toewijzing beside it (COMBINATIE), on both sides of the edge; and the book's
band for deeltijdverblijf, more than 3 and fewer than 7 etmalen a week (INTENSITEIT)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.toegang import checks
from jeugdketen.toegang.intensity import check_intensity

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)
VERBLIJF = "Jeugdhulp verblijf inclusief behandeling"
GEZINSHUIS = "Gezinshuis inclusief behandeling"
DEELTIJD = "Jeugdhulp deeltijd verblijf (incl. behandeling)"
GGZ = "Specialistische GGZ behandeling middel"


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


def _rules(findings):
    return [finding.rule for finding in findings]


def test_treatment_that_ended_the_day_before_the_stay_is_no_obstacle(groningen):
    client = groningen.client(born(12, on=BEGIN))
    toewijzing(groningen, client, GGZ, BEGIN - DAY * 90, BEGIN - DAY)
    assert checks.check_combination(groningen.proposal(VERBLIJF, client, BEGIN, BEGIN + DAY * 90)) == []


def test_treatment_running_on_the_first_day_of_the_stay_is_refused(groningen):
    client = groningen.client(born(12, on=BEGIN))
    toewijzing(groningen, client, GGZ, BEGIN - DAY * 90, BEGIN)
    proposal = groningen.proposal(VERBLIJF, client, BEGIN, BEGIN + DAY * 90)
    assert _rules(checks.check_combination(proposal)) == ["COMBINATIE"]


def test_no_treatment_toewijzing_beside_a_running_gezinshuis_or_deeltijdverblijf(groningen):
    for stay in (GEZINSHUIS, DEELTIJD):
        client = groningen.client(born(12, on=BEGIN))
        toewijzing(groningen, client, stay, BEGIN - DAY * 30, None)
        proposal = groningen.proposal(GGZ, client, BEGIN, BEGIN + DAY * 90)
        assert _rules(checks.check_combination(proposal)) == ["COMBINATIE"], stay


def test_verblijf_exclusief_behandeling_takes_treatment_beside_it(groningen):
    client = groningen.client(born(12, on=BEGIN))
    toewijzing(groningen, client, "Jeugdhulp verblijf exclusief behandeling", BEGIN - DAY * 30, None)
    assert checks.check_combination(groningen.proposal(GGZ, client, BEGIN, BEGIN + DAY * 90)) == []


def test_deeltijdverblijf_band_of_four_to_six_etmalen_a_week(groningen):
    client = groningen.client(born(12, on=BEGIN))

    def signals(volume):
        proposal = groningen.proposal(DEELTIJD, client, BEGIN, BEGIN + DAY * 90, volume=volume, frequency="2")
        return _rules(check_intensity(proposal))

    assert signals(4) == [] and signals(6) == []
    assert signals(3) == ["INTENSITEIT"] and signals(7) == ["INTENSITEIT"]
