"""VERWIJZER-EIGEN (Midden-Limburg Oost art. 4.4): a provider is never provider and referrer in the
same service. Decided where the chain can see it: the referrer's AGB code is the provider's own
organisation code, or its contract holder's. Only under that contract."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.catalogus.models import Provider
from jeugdketen.toegang.models import AllocationRequest
from jeugdketen.toegang.selfreferral import check_own_referral

BEGIN = dt.date(2024, 3, 4)
PRODUCT = "Behandeling individueel- zwaar JGGZ"


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020", agb="94061234")


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023", agb="94065678")


def _rules(world, referrer_agb, provider=None):
    proposal = world.proposal(PRODUCT if world.region.slug.startswith("midden") else "HAJ Individueel Licht",
                              world.client(born(10, on=BEGIN)), BEGIN, referrer_code="02",
                              referrer_agb=referrer_agb)  # fmt: skip
    if provider is not None:
        proposal.provider = provider
    return [finding.rule for finding in check_own_referral(proposal)]


def test_a_referrer_with_another_agb_code_is_allowed(limburg):
    assert _rules(limburg, "94061235") == []  # one digit off: another code, maybe a colleague's
    assert _rules(limburg, "") == []  # no code given (a judge refers without one, art. 2.6)


def test_the_providers_own_agb_code_as_referrer_is_refused(limburg):
    assert _rules(limburg, "94061234") == ["VERWIJZER-EIGEN"]


def test_the_contract_holders_agb_code_as_referrer_is_refused(limburg):
    sub = Provider.objects.create(name="Onderaannemer", agb_code="94069999", contract_holder=limburg.provider)
    assert _rules(limburg, "94061234", provider=sub) == ["VERWIJZER-EIGEN"]
    assert _rules(limburg, "94069999", provider=sub) == ["VERWIJZER-EIGEN"]


def test_own_referral_is_the_contracts_own(alkmaar):
    assert _rules(alkmaar, "94065678") == []


def test_a_jw315_naming_the_provider_as_referrer_gets_a_jw319(limburg):
    from jeugdketen.berichten.handlers import decide

    product = limburg.product(PRODUCT)
    client = limburg.client(born(10, on=BEGIN))
    client.postcode, client.house_number = "6081AA", "1"
    client.save()
    request = AllocationRequest.objects.create(
        kind="JW315", reference="EIGEN1", municipality=limburg.gemeente, provider=limburg.provider,
        client=client, product_category=product.category or "", product_code=product.code or "",
        begin=BEGIN, end=BEGIN + dt.timedelta(days=180), received_on=BEGIN, referrer_code="02",
        referrer_agb="94061234",
    )  # fmt: skip
    decide(request, today=BEGIN)
    request.refresh_from_db()
    assert request.status != AllocationRequest.Status.TOEGEWEZEN
    assert request.refusal_rule == "VERWIJZER-EIGEN"


def test_the_same_jw315_from_another_referrer_is_allocated(limburg):
    from jeugdketen.berichten.handlers import decide

    product = limburg.product(PRODUCT)
    client = limburg.client(born(10, on=BEGIN))
    client.postcode, client.house_number = "6081AA", "1"
    client.save()
    request = AllocationRequest.objects.create(
        kind="JW315", reference="EIGEN2", municipality=limburg.gemeente, provider=limburg.provider,
        client=client, product_category=product.category or "", product_code=product.code or "",
        begin=BEGIN, end=BEGIN + dt.timedelta(days=180), received_on=BEGIN, referrer_code="02",
        referrer_agb="01012345",
    )  # fmt: skip
    decide(request, today=BEGIN)
    request.refresh_from_db()
    assert request.status == AllocationRequest.Status.TOEGEWEZEN, request.refusal_text
