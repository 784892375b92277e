"""A provider exempt from the acceptance duty gets only what it asked for itself."""

import datetime as dt

import pytest
from tests.toegang.world import TODAY, make_client

from jeugdketen.contracten.models import AcceptanceExemption
from jeugdketen.toegang.checks import AllocationRefused, find_product
from jeugdketen.toegang.models import Toewijzing
from jeugdketen.toegang.services import allocate


def _allocate(world, client, **extra):
    product = find_product(world.gemeente, "45", "45B50")
    return allocate(
        municipality=world.gemeente,
        client=client,
        provider=world.provider,
        product=product,
        begin=TODAY,
        end=TODAY + dt.timedelta(days=180),
        volume=10,
        unit="04",
        frequency="2",
        referrer_code="01",
        today=TODAY,
        send=False,
        **extra,
    )


def test_exempt_provider_is_not_allocated_on_the_municipality_s_initiative(world):
    AcceptanceExemption.objects.create(provider=world.provider, reason="wachtlijst vol", start=TODAY)
    client = make_client(world)
    with pytest.raises(AllocationRefused) as refused:
        _allocate(world, client)
    assert [finding.rule for finding in refused.value.findings] == ["ACCEPTATIEPLICHT"]
    assert "wachtlijst vol" in refused.value.findings[0].text
    assert not Toewijzing.objects.exists()


def test_exempt_provider_may_get_what_it_requested_itself(world):
    AcceptanceExemption.objects.create(provider=world.provider, reason="wachtlijst vol", start=TODAY)
    toewijzing = _allocate(world, make_client(world), request_reference="V-1")
    assert toewijzing.provider == world.provider


def test_an_ended_exemption_or_one_for_another_product_does_not_count(world):
    AcceptanceExemption.objects.create(
        provider=world.provider,
        reason="verlopen",
        start=TODAY - dt.timedelta(days=60),
        end=TODAY - dt.timedelta(days=1),
    )
    other = find_product(world.gemeente, "54", "54B98")
    AcceptanceExemption.objects.create(provider=world.provider, product=other, reason="ander", start=TODAY)
    assert _allocate(world, make_client(world)).pk
