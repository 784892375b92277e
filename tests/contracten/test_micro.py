"""Who is a micro-onderneming (Noordoost-Brabant): at least two of three criteria, tested on the
latest filed annual accounts; the status decides whether a contract's micro tariff is billed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jeugdketen.catalogus.models import Provider
from jeugdketen.contracten.micro import assess, qualifies, register_accounts

CENT = Decimal("0.01")


def test_two_criteria_met_exactly_at_their_limits_qualify():
    assert qualifies(Decimal("350000"), Decimal("700000"), Decimal("25"))
    assert qualifies(Decimal("900000"), Decimal("700000"), Decimal("10"))
    assert qualifies(Decimal("350000"), Decimal("2000000"), Decimal("10"))


def test_one_criterion_met_does_not_qualify():
    assert not qualifies(Decimal("350000") + CENT, Decimal("700000") + CENT, Decimal("10"))
    assert not qualifies(Decimal("350000"), Decimal("700000") + CENT, Decimal("10") + CENT)


@pytest.fixture
def provider(db):
    return Provider.objects.create(name="Klein BV", agb_code="11112222")


def test_the_latest_filed_accounts_decide(provider):
    assert assess(provider) is None
    assert register_accounts(
        provider, year=2022, filed_on=dt.date(2023, 5, 1), balance_total=200000, net_revenue=500000, fte=4
    )
    provider.refresh_from_db()
    assert provider.micro_enterprise
    assert not register_accounts(
        provider, year=2023, filed_on=dt.date(2024, 5, 1), balance_total=400000, net_revenue=900000, fte=6
    )
    provider.refresh_from_db()
    assert not provider.micro_enterprise
    assert assess(provider, on=dt.date(2024, 4, 30)) is True  # before the 2023 accounts were filed


def test_a_micro_enterprise_bills_the_micro_tariff_and_others_do_not(provider):
    from jeugdketen.catalogus.loader import data_files, load_file
    from jeugdketen.catalogus.models import Product, Region
    from jeugdketen.contracten.models import Contract, ContractProduct
    from jeugdketen.contracten.tariffs import applicable

    load_file(next(path for path in data_files() if path.stem == "noordoost-brabant-2021"))
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="41A18")
    contract = Contract.objects.create(
        provider=provider, region=Region.objects.get(slug="noordoost-brabant-2021"), start=dt.date(2021, 1, 1)
    )
    for variant, tariff in (("regular", "37.58"), ("micro", "32.09")):
        ContractProduct.objects.create(
            contract=contract, product=product, year=2021, variant=variant, tariff=tariff
        )

    def billable() -> set[str]:
        rows = ContractProduct.objects.filter(applicable(), contract=contract)
        return {str(tariff) for tariff in rows.values_list("tariff", flat=True)}

    assert billable() == {"37.58"}
    register_accounts(
        provider, year=2020, filed_on=dt.date(2021, 3, 1), balance_total=1, net_revenue=1, fte=50
    )
    assert billable() == {"37.58", "32.09"}
