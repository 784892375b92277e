"""Midden-Limburg Oost's KPIs of the perceel "Verblijf met behandeling +": exactly the perceel's
products (its ambulant alternatives too, not logeren of perceel 7), cost per youth and inflow per
quarter, and the open quality measure."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.monitoring.figures import compute
from jeugdketen.toegang.models import Client, Toewijzing

D = dt.date
NUMBERS = itertools.count(1)


@pytest.fixture
def mlo(db):
    region = Region.objects.create(slug="midden-limburg-oost-2020", name="MLO", year=2020, document="x.pdf")
    perceel = Lot.objects.create(region=region, code="6", name="Verblijf met behandeling +", position=6)
    wonen = Lot.objects.create(region=region, code="7", name="Wonen", position=7)
    municipality = Municipality.objects.create(cbs_code="1669", name="Roermond")
    municipality.regions.add(region)
    provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
    contract = Contract.objects.create(provider=provider, region=region, start=D(2024, 1, 1))
    products = {}
    for position, (code, category, unit, frequency, lot, tariff) in enumerate(
        [
            ("43A51", "43", "14", "1", perceel, "200.00"),  # verblijf behandeling
            ("45A99", "45", "04", "2", perceel, "100.00"),  # an ambulant alternative
            ("43A41", "43", "14", "1", wonen, "150.00"),  # logeren: residential category, other perceel
        ]
    ):
        product = Product.objects.create(
            region=region, position=position, lot=lot, code=code, category=category, name=code,
            unit_code=unit, frequency_code=frequency,
        )  # fmt: skip
        products[code] = product
        for year in (2024, 2025):
            ContractProduct.objects.create(
                contract=contract, product=product, year=year, tariff=Decimal(tariff)
            )

    def toewijzing(code, begin, end):
        client = Client.objects.create(
            bsn=f"{next(NUMBERS):09d}", birth_date=D(2012, 1, 1), last_name="X", municipality=municipality
        )
        product = products[code]
        return Toewijzing.objects.create(
            municipality=municipality, number=f"{next(NUMBERS):08d}", client=client, provider=provider,
            product=product, product_category=product.category, product_code=code, begin=begin, end=end,
            volume=1, unit=product.unit_code, frequency=product.frequency_code, toewijzing_date=begin,
        )  # fmt: skip

    return toewijzing


def test_the_perceel_counts_exactly_its_products_and_the_inflow(mlo):
    mlo("43A51", D(2025, 1, 1), D(2025, 12, 31))
    mlo("45A99", D(2025, 4, 1), D(2025, 6, 30))
    mlo("43A41", D(2025, 1, 1), D(2025, 12, 31))  # logeren: not the perceel's
    report = compute("perceel", None, year=2025, today=D(2026, 1, 15))
    rows = {row["quarter"]: row for row in report.tables[0].rows}
    q1, q2 = rows["2025 K1"], rows["2025 K2"]
    assert (q1["youths"], q1["inflow"], q1["cost"]) == (1, 1, 90 * 200_00)
    assert (q2["youths"], q2["inflow"]) == (2, 1)
    assert rows["2024 K4"]["youths"] == 0 and report.summary["inflow"] == 2
    assert "nader te bepalen" in report.tables[1].rows[0]["status"]


def test_the_cost_per_youth_is_measured_against_the_year_before(mlo):
    mlo("43A51", D(2024, 1, 1), D(2024, 12, 31))
    mlo("43A51", D(2025, 1, 1), D(2025, 6, 30))
    report = compute("perceel", None, year=2025, today=D(2026, 1, 15))
    base, current = report.summary["base_per_youth"], report.summary["per_youth"]
    assert base == 366 * 200_00 and current == 181 * 200_00
    assert report.summary["reduction"] == (Decimal(base - current) * 100 / base).quantize(Decimal("0.1"))


def test_the_report_says_it_is_the_contract_of_midden_limburg_oost_only(mlo):
    report = compute("perceel", None, year=2025, today=D(2026, 1, 15))
    assert "art. 13.7" in report.notice and "Midden-Limburg Oost" in report.notice
    assert "niet van toepassing" in report.notice  # the other three regions' documents have no perceel
