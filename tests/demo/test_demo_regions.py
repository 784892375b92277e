"""The demo covers every product book with product codes, each region set up through the
set-up code, with its own municipalities, contracts, tariffs and clients."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from tests.toegang.world import run

from jeugdketen.catalogus.models import Product, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.declaraties.models import Prestatie
from jeugdketen.demo.region import REGIONS, stand_in_tariffs
from jeugdketen.toegang.models import Client, Toewijzing

TODAY = dt.date(2026, 3, 2)


def _product(pk, category, unit):
    product = Product(category=category, unit_code=unit, name=f"p{pk}")
    product.pk = pk
    return product


def test_a_stand_in_tariff_is_the_median_of_the_same_category_and_unit():
    priced = {
        _product(1, "45", "01"): Decimal("1.50"),
        _product(2, "45", "01"): Decimal("1.70"),
        _product(3, "54", "01"): Decimal("2.00"),
        _product(4, "43", "14"): Decimal("200.00"),
        _product(5, "44", "14"): Decimal("150.00"),
        _product(6, "41", "16"): Decimal("62.80"),
    }
    wanted = [
        _product(11, "45", "04"),  # an hour of category 45: 60 × the median minute (1.60)
        _product(12, "54", "01"),  # the only minute tariff of 54
        _product(13, "43", "14"),  # etmaal of 43
        _product(14, "47", "14"),  # no etmaal of 47: the median etmaal of any category
        _product(15, "41", "16"),
        _product(16, "50", "82"),  # stuks: cannot be priced
        _product(17, "47", ""),  # no unit: cannot be priced
    ]
    assert stand_in_tariffs(wanted, priced) == {
        11: Decimal("96.00"),
        12: Decimal("2.00"),
        13: Decimal("200.00"),
        14: Decimal("175.00"),
        15: Decimal("62.80"),
    }


def test_every_region_with_product_codes_gets_clients_contracts_and_paid_lines(world, monkeypatch):
    monkeypatch.delenv("JEUGDKETEN_DEMO", raising=False)
    code, text = run("demo", "--youths", 150, "--months", 6, "--seed", 5, "--today", TODAY)
    assert code == 0, text
    coded = {r.slug for r in Region.objects.all() if r.products.exclude(code=None).exists()}
    assert coded == {demo.slug for demo in REGIONS}  # Alkmaar has no codes ("NNTB")
    assert not Contract.objects.filter(region__slug="alkmaar-2023").exists()

    clients = Counter(Client.objects.values_list("municipality__regions__slug", flat=True))
    toewijzingen = Counter(Toewijzing.objects.values_list("product__region__slug", flat=True))
    paid = Counter(Prestatie.objects.filter(accepted=True).values_list("product__region__slug", flat=True))
    for demo in REGIONS:
        assert clients[demo.slug] > 0 and toewijzingen[demo.slug] > 0 and paid[demo.slug] > 0, demo.slug
    # A client's toewijzing is for a product of the client's own region, from a contract there.
    for t in Toewijzing.objects.select_related("product__region", "municipality", "provider"):
        assert t.municipality.regions.filter(pk=t.product.region_id).exists()
        assert Contract.objects.filter(provider=t.provider, region=t.product.region).exists()
    # Each accepted line was paid at its contract's tariff of that year and variant.
    for line in Prestatie.objects.filter(accepted=True, debit_credit="D").select_related("product")[:200]:
        tariff = ContractProduct.objects.get(
            contract__provider=line.provider_id,
            contract__region=line.product.region_id,
            product=line.product,
            year=line.begin.year,
            variant="regular",
        ).tariff
        assert line.tariff_cents == int(tariff * 100)


def test_groningen_contracts_hold_exactly_the_products_its_book_names(world):
    for contract in Contract.objects.filter(region__slug="groningen-2016").select_related("provider"):
        contracted = set(
            ContractProduct.objects.filter(contract=contract).values_list("product__code", flat=True)
        )
        named = set(
            contract.provider.products.filter(region__slug="groningen-2016").values_list("code", flat=True)
        )
        assert contracted and contracted <= named
