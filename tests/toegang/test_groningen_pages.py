"""Durations read from Groningen's product pages in the audit (PRODUCTDUUR, a signal): the advised
year of GB-GGZ chronisch (L1984), the first year of an OTS (48A01, L4892-4902), CRIEM's three
months (L4785) and ITB Harde kern's half year (L4803). Each: the last day gives no signal, a day
more signals."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.catalogus.models import Product
from jeugdketen.toegang import durations
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
