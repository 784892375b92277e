"""The residential cost trend counts, per region, the products that region's documents name.

Midden-Limburg Oost's contract names the products of its perceel "Verblijf met behandeling +":
there a product of that list counts and a residential product of the same JZ020 category in
another lot (Wonen) does not. A region whose documents name no list falls back to the JZ020
residential categories, and the report says which basis each region has. Checked on both
sources of the figure: the allocation estimate and the accepted prestaties.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.declaraties.models import Declaratie, Prestatie
from jeugdketen.monitoring import definitions, figures, kpi
from jeugdketen.toegang.models import Client, Toewijzing

CATALOGUE = Path(definitions.__file__).parents[1] / "catalogus" / "data"
D = dt.date
NUMBERS = itertools.count(1)
MLO = "midden-limburg-oost-2020"
NOB = "noordoost-brabant-2021"


class World:
    """Two regions with the same product codes: MLO (a contract list) and Noordoost-Brabant (none)."""

    def __init__(self):
        self.provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
        self.municipality = {}
        self.products = {}
        for slug, cbs, lots in [
            (MLO, "0957", [("6", "Verblijf met behandeling +"), ("7", "Wonen")]),
            (NOB, "0796", [("V", "Verblijf"), ("A", "Ambulant")]),
        ]:
            region = Region.objects.create(slug=slug, name=slug, year=2020, document="x.txt")
            municipality = Municipality.objects.create(cbs_code=cbs, name=f"Gemeente {cbs}")
            municipality.regions.add(region)
            self.municipality[slug] = municipality
            contract = Contract.objects.create(provider=self.provider, region=region, start=D(2023, 1, 1))
            first, second = (
                Lot.objects.create(region=region, code=c, name=n, position=i) for i, (c, n) in enumerate(lots)
            )
            for position, (code, category, lot) in enumerate(
                [("43A51", "43", first), ("43A35", "43", second), ("45A04", "45", second)]
            ):
                product = Product.objects.create(
                    region=region, position=position, lot=lot, code=code, category=category, name=code,
                    unit_code="14", frequency_code="2",
                )  # fmt: skip
                self.products[(slug, code)] = product
                for year in (2024, 2025):
                    ContractProduct.objects.create(
                        contract=contract, product=product, year=year, tariff=Decimal("100.00")
                    )

    def toewijzing(self, slug, code) -> Toewijzing:
        product = self.products[(slug, code)]
        municipality = self.municipality[slug]
        client = Client.objects.create(
            bsn=f"{next(NUMBERS):09d}", birth_date=D(2012, 1, 1), last_name="X", municipality=municipality
        )
        return Toewijzing.objects.create(
            municipality=municipality, number=f"{next(NUMBERS):08d}", client=client, provider=self.provider,
            product=product, product_category=product.category, product_code=code, begin=D(2025, 1, 1),
            end=D(2025, 12, 31), volume=7, unit="14", frequency="2", toewijzing_date=D(2025, 1, 1),
        )  # fmt: skip

    def bill(self, toewijzing, cents) -> Prestatie:
        declaratie = Declaratie.objects.create(
            provider=self.provider, municipality=toewijzing.municipality, number=f"{next(NUMBERS):012d}",
            period_begin=D(2025, 1, 1), period_end=D(2025, 1, 31), dagtekening=D(2025, 2, 1),
            received_on=D(2025, 2, 1), status=Declaratie.Status.BEOORDEELD,
        )  # fmt: skip
        return Prestatie.objects.create(
            declaratie=declaratie, municipality=toewijzing.municipality, provider=self.provider,
            position=1, bsn=toewijzing.client.bsn, client=toewijzing.client, toewijzing=toewijzing,
            product=toewijzing.product, reference=f"R{next(NUMBERS)}", toewijzing_number=toewijzing.number,
            product_category=toewijzing.product_category, product_code=toewijzing.product_code,
            begin=D(2025, 1, 1), end=D(2025, 1, 31), volume=31, unit="14", tariff_cents=10_000,
            amount_cents=cents, debit_credit="D", accepted=True, retourcodes="",
        )  # fmt: skip


@pytest.fixture
def world(db) -> World:
    return World()


def q1(report) -> dict:
    return next(row for row in report.tables[0].rows if row["quarter"] == "2025 K1")


@pytest.mark.parametrize(
    ("slug", "code", "counts"),
    [
        pytest.param(MLO, "43A51", True, id="mlo-in-the-contract-list"),
        pytest.param(MLO, "43A35", False, id="mlo-same-category-outside-the-list"),
        pytest.param(NOB, "43A51", True, id="nob-falls-back-to-the-category"),
        pytest.param(NOB, "43A35", True, id="nob-other-residential-product-counts-too"),
        pytest.param(NOB, "45A04", False, id="nob-ambulant-category-does-not"),
        pytest.param(MLO, "45A04", False, id="mlo-ambulant-outside-the-list"),
    ],
)
def test_one_product_counts_by_its_own_regions_definition_on_the_estimate(world, slug, code, counts):
    world.toewijzing(slug, code)
    row = q1(figures.residential(year=2025, today=D(2025, 7, 1)))
    assert row["youths"] == (1 if counts else 0)
    # 90 days of Q1 at 7 etmalen a week and € 100 per etmaal.
    assert row["cost"] == (90 * 100_00 if counts else 0)


def test_the_contract_list_does_not_leak_between_regions_on_declared_costs(world):
    world.bill(world.toewijzing(MLO, "43A51"), 100_000)  # in MLO's list: counts
    world.bill(world.toewijzing(MLO, "43A35"), 20_000)  # MLO, residential category, not in the list
    world.bill(world.toewijzing(NOB, "43A35"), 3_000)  # NOB: no list, the category counts
    world.bill(world.toewijzing(NOB, "45A04"), 400)  # NOB ambulant: not residential
    report = figures.residential(year=2025, today=D(2025, 7, 1))
    assert report.parameters["source"] == "declaraties"
    row = q1(report)
    assert (row["cost"], row["youths"]) == (103_000, 2)


def test_the_report_says_per_region_what_it_counts(world):
    report = figures.residential(year=2025, today=D(2025, 7, 1))
    rows = {row["region"]: row for row in report.tables[1].rows}
    assert "Verblijf met behandeling +" in rows[MLO]["basis"] and rows[MLO]["products"] == "43A51"
    assert rows[NOB]["basis"] == definitions.FALLBACK
    assert "35, 36, 37, 38, 43, 44" in rows[NOB]["basis"]
    assert "tabel per regio" in report.method


def test_the_perceel_kpi_and_the_trend_share_one_list(world):
    # The perceel report counts the lot the definitions name; changing the lot would move both.
    assert definitions.RESIDENTIAL[MLO].lot == kpi.PERCEEL
    world.toewijzing(MLO, "43A51")
    world.toewijzing(MLO, "43A35")
    perceel = next(
        row
        for row in kpi.perceel(year=2025, today=D(2025, 7, 1)).tables[0].rows
        if row["quarter"] == "2025 K1"
    )
    trend = q1(figures.residential(year=2025, today=D(2025, 7, 1)))
    assert (perceel["cost"], perceel["youths"]) == (trend["cost"], trend["youths"]) == (90 * 100_00, 1)


def test_the_mlo_list_is_exactly_the_codes_its_product_book_names(shared_dir):
    """The catalogue's lot holds exactly the ten codes chapter 6.2 lists (lines 3262-3283)."""
    seed = (shared_dir / "seeds" / "002_e4b854f6c59c2d77.txt").read_text(encoding="utf-8").split("\n")
    named = {
        m.group(1) for line in seed[3261:3283] if (m := re.match(r"^(\w{5}) Verblijf behandeling", line))
    }
    data = yaml.safe_load((CATALOGUE / f"{MLO}.yaml").read_text(encoding="utf-8"))
    lot = next(lot["code"] for lot in data["lots"] if lot["name"] == definitions.RESIDENTIAL[MLO].lot)
    listed = {product["code"] for product in data["products"] if product.get("lot") == lot}
    assert len(named) == 10 and listed == named
