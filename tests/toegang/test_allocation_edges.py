"""The allocation checks OVERBRUGGING, DUUR, CONTRACT, VERWIJZER and COMBINATIE on both sides of
their edges: the last day allowed and the first day not."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.demo.people import bsn
from jeugdketen.toegang.checks import (
    Proposal,
    check_bridging,
    check_combination,
    check_contract,
    check_duration,
    check_logical_referrer,
    check_referrer,
)
from jeugdketen.toegang.models import Client, Toewijzing
from jeugdketen.toegang.periods import last_day_of

BEGIN = dt.date(2026, 3, 2)
_numbers = itertools.count(8000)


@pytest.fixture
def region(db):
    for path in data_files():
        if path.stem in ("noordoost-brabant-2021", "alkmaar-2023"):
            load_file(path)
    municipality = Municipality.objects.create(cbs_code="0796", name="'s-Hertogenbosch")
    provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
    return municipality, provider


def _client(municipality) -> Client:
    return Client.objects.create(
        bsn=bsn(next(_numbers)), birth_date=dt.date(2014, 5, 1), last_name="Jansen", municipality=municipality
    )


def _rules(findings) -> list[str]:
    return [finding.rule for finding in findings]


def test_bridging_care_lasts_six_weeks_at_most(region):
    """Alkmaar's rule; Noordoost-Brabant's book has none, so it does not leak there."""
    municipality, provider = region
    client = _client(municipality)

    def bridging(days: int, book: str = "alkmaar-2023"):
        product = Product.objects.filter(region__slug=book).order_by("position").first()
        end = BEGIN + dt.timedelta(days=days - 1)  # `days` calendar days, both ends included
        return _rules(
            check_bridging(Proposal(municipality, client, provider, product, BEGIN, end, bridging=True))
        )

    assert bridging(42) == []
    assert bridging(43) == ["OVERBRUGGING"]
    assert bridging(90, "noordoost-brabant-2021") == []


def test_a_toewijzing_lasts_two_years_at_most(region):
    """Midden-Limburg Oost's definition of the Zorgtoewijzingsbericht; not in the other books."""
    municipality, provider = region
    load_file(next(path for path in data_files() if path.stem == "midden-limburg-oost-2020"))
    product = Product.objects.filter(region__slug="midden-limburg-oost-2020").exclude(code=None).first()
    client = _client(municipality)
    last = last_day_of(BEGIN, months=24)  # two years, both ends counted: 1 March 2028
    assert last == dt.date(2028, 3, 1)
    assert _rules(check_duration(Proposal(municipality, client, provider, product, BEGIN, last))) == []
    too_long = Proposal(municipality, client, provider, product, BEGIN, last + dt.timedelta(days=1))
    assert _rules(check_duration(too_long)) == ["DUUR"]
    brabant = Product.objects.filter(region__slug="noordoost-brabant-2021").exclude(code=None).first()
    elsewhere = Proposal(municipality, client, provider, brabant, BEGIN, last + dt.timedelta(days=400))
    assert _rules(check_duration(elsewhere)) == []


def test_the_contract_covers_its_first_and_last_day_only(region):
    municipality, provider = region
    product = Product.objects.filter(region__slug="noordoost-brabant-2021").exclude(code=None).first()
    contract = Contract.objects.create(
        provider=provider, region=product.region, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    ContractProduct.objects.create(contract=contract, product=product, year=2026, tariff="10.00")
    client = _client(municipality)

    def on(day: dt.date):
        return _rules(check_contract(Proposal(municipality, client, provider, product, day)))

    assert on(dt.date(2025, 12, 31)) == ["CONTRACT"]
    assert on(dt.date(2026, 1, 1)) == []
    assert on(dt.date(2026, 12, 31)) == []
    assert on(dt.date(2027, 1, 1)) == ["CONTRACT"]
    other = Product.objects.filter(region=product.region).exclude(code=None).exclude(pk=product.pk).first()
    assert _rules(check_contract(Proposal(municipality, client, provider, other, BEGIN))) == ["CONTRACT"]


def test_only_the_referrers_a_product_names_may_refer(region):
    municipality, provider = region
    product = (
        Product.objects.filter(region__slug="noordoost-brabant-2021")
        .exclude(referrers=None)
        .exclude(referrers=[])
        .order_by("pk")
        .first()
    )
    client = _client(municipality)
    allowed = product.referrers[0]
    refused = next(
        code for code in ["01", "02", "03", "04", "05", "06", "08"] if code not in product.referrers
    )

    def by(code: str):
        return _rules(
            check_referrer(Proposal(municipality, client, provider, product, BEGIN, referrer_code=code))
        )

    assert by(allowed) == []
    assert by(refused) == ["VERWIJZER"]
    # Alkmaar names a "logische verwijzer": another referrer is a signal there, not a refusal.
    alkmaar = (
        Product.objects.filter(region__slug="alkmaar-2023").exclude(referrers=None).order_by("pk").first()
    )
    other = next(code for code in ["01", "02", "04", "08"] if code not in alkmaar.referrers)
    proposal = Proposal(municipality, client, provider, alkmaar, BEGIN, referrer_code=other)
    assert check_referrer(proposal) == [] and _rules(check_logical_referrer(proposal)) == [
        "VERWIJZER-LOGISCH"
    ]


def test_an_excluded_product_may_follow_but_not_overlap(region):
    municipality, provider = region
    product = Product.objects.filter(excluded_products__isnull=False).order_by("pk").first()
    excluded = product.excluded_products.order_by("pk").first()
    client = _client(municipality)

    def running_until(end: dt.date) -> None:
        Toewijzing.objects.filter(client=client).delete()
        Toewijzing.objects.create(
            municipality=municipality,
            number=str(next(_numbers)),
            client=client,
            provider=provider,
            product=excluded,
            product_category=excluded.category or "45",
            product_code=excluded.code or "",
            begin=BEGIN - dt.timedelta(days=90),
            end=end,
            volume=1,
            unit="04",
            frequency="2",
            toewijzing_date=BEGIN - dt.timedelta(days=90),
        )

    proposal = Proposal(municipality, client, provider, product, BEGIN, BEGIN + dt.timedelta(days=60))
    running_until(BEGIN - dt.timedelta(days=1))  # ends the day before: no overlap
    assert _rules(check_combination(proposal)) == []
    running_until(BEGIN)  # ends on the first day: one day together
    assert _rules(check_combination(proposal)) == ["COMBINATIE"]
