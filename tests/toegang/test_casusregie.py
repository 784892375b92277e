"""Alkmaar's casusregie (000, 118-129): a second organisation beside a running toewijzing of the
same book signals CASUSREGIE, so the access worker records the agreed casusregisseur; one
organisation alone provides its own. Both sides of the edge: the other organisation's
toewijzing that ended the day before the begin date, and the one still running on it."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.catalogus.models import Provider
from jeugdketen.toegang import checks
from jeugdketen.toegang.casusregie import check_case_director

BEGIN = dt.date(2024, 3, 4)
DAY = dt.timedelta(days=1)
RUNNING, NEW = "HAJ Individueel Licht", "Ondersteuningsgericht Individueel Licht"


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023")


def _beside(world, end, *, provider=None, product=RUNNING):
    """A client with a running toewijzing of `provider` (another organisation by default)."""
    client = world.client(born(10, on=BEGIN))
    running = toewijzing(world, client, product, BEGIN - DAY * 90, end)
    running.provider = provider or Provider.objects.create(name="Andere organisatie")
    running.save(update_fields=["provider"])
    return client


def test_another_organisation_running_on_the_begin_date_signals(alkmaar):
    client = _beside(alkmaar, BEGIN)
    findings = checks.check_allocation(alkmaar.proposal(NEW, client, BEGIN, BEGIN + DAY * 90))
    (finding,) = [f for f in findings if f.rule == "CASUSREGIE"]
    assert finding.is_signal and "casusregisseur" in finding.text


def test_another_organisation_that_ended_the_day_before_gives_no_signal(alkmaar):
    client = _beside(alkmaar, BEGIN - DAY)
    assert check_case_director(alkmaar.proposal(NEW, client, BEGIN, BEGIN + DAY * 90)) == []


def test_the_same_organisation_provides_its_own_casusregisseur(alkmaar):
    client = _beside(alkmaar, None, provider=alkmaar.provider)
    assert check_case_director(alkmaar.proposal(NEW, client, BEGIN, BEGIN + DAY * 90)) == []


def test_a_provider_under_the_same_contract_holder_is_one_organisation(alkmaar):
    holder = Provider.objects.create(name="Hoofdaannemer")
    alkmaar.provider.contract_holder = holder
    alkmaar.provider.save(update_fields=["contract_holder"])
    client = _beside(alkmaar, None, provider=holder)
    assert check_case_director(alkmaar.proposal(NEW, client, BEGIN, BEGIN + DAY * 90)) == []


def test_casusregie_stays_in_alkmaar(db):
    world = RegionWorld("noordoost-brabant-2021")
    client = world.client(born(10, on=BEGIN))
    running = toewijzing(world, client, world.region.products.order_by("position")[0], BEGIN - DAY * 90)
    running.provider = Provider.objects.create(name="Andere organisatie")
    running.save(update_fields=["provider"])
    product = world.region.products.order_by("position")[1]
    assert check_case_director(world.proposal(product, client, BEGIN, BEGIN + DAY * 90)) == []
