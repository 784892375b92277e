"""Support plans carry the signatures and consent their region's contract asks for before they travel."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld

from jeugdketen.toegang.models import Route, SupportPlan
from jeugdketen.toegang.plans import PlanRefused
from jeugdketen.toegang.services import record_plan, register_referral

DAY = dt.date(2024, 3, 4)


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020")


def _referral(world, route):
    return register_referral(
        client=world.client(dt.date(2014, 5, 1)), municipality=world.gemeente, route=route, date=DAY
    )


def test_plan1_is_sent_only_signed(limburg):
    plan = record_plan(referral=_referral(limburg, Route.TOEGANG), part=1, day=DAY, signed_by_client_on=DAY)
    assert plan.signed_by_client_on == DAY and plan.sent_on == DAY


def test_plan1_without_signature_is_refused(limburg):
    referral = _referral(limburg, Route.TOEGANG)
    with pytest.raises(PlanRefused) as refused:
        record_plan(referral=referral, part=1, day=DAY)
    assert refused.value.rule == "PLAN1-HANDTEKENING"
    assert not SupportPlan.objects.filter(referral=referral).exists()
    # Settled but not sent yet: no signature needed for that.
    assert record_plan(referral=referral, part=1, day=DAY, sent=False).sent_on is None


def test_plan1_signature_is_a_rule_of_midden_limburg_only(db):
    brabant = RegionWorld("noordoost-brabant-2021")
    plan = record_plan(referral=_referral(brabant, Route.TOEGANG), part=1, day=DAY)
    assert plan.signed_by_client_on is None


def test_gi_plan_needs_both_signatures(limburg):
    referral = _referral(limburg, Route.GI)
    with pytest.raises(PlanRefused) as refused:
        record_plan(referral=referral, part=2, day=DAY, signed_by_client_on=DAY)
    assert refused.value.rule == "PLAN-GI-HANDTEKENING"
    plan = record_plan(referral=referral, part=2, day=DAY, signed_by_client_on=DAY, signed_by_provider_on=DAY)
    assert plan.pk


def test_named_plan_needs_consent(limburg):
    referral = _referral(limburg, Route.HUISARTS)
    with pytest.raises(PlanRefused) as refused:
        record_plan(referral=referral, part=2, day=DAY, personalised=True)
    assert refused.value.rule == "PLAN-TOESTEMMING"
    plan = record_plan(referral=referral, part=2, day=DAY, personalised=True, consent_on=DAY)
    assert plan.consent_on == DAY


def test_anonymised_plan_needs_no_consent(limburg):
    plan = record_plan(referral=_referral(limburg, Route.HUISARTS), part=2, day=DAY, personalised=False)
    assert plan.personalised is False and plan.consent_on is None
