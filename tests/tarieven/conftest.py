"""A small Noordoost-Brabant region with known toewijzingen, for the what-if and the screens.

Three providers: X on the regular tariffs, Y a micro-onderneming on the micro tariffs, Z with
a negotiated tariff of its own for Daghulp specialistisch.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.toegang.models import Client, Toewijzing

PASSWORD = "een-lang-wachtwoord-1"
_bsn = itertools.count(200000000)


def next_bsn() -> str:
    while True:
        candidate = str(next(_bsn))
        total = sum(int(d) * w for d, w in zip(candidate[:8], range(9, 1, -1), strict=True))
        if (total - int(candidate[8])) % 11 == 0:
            return candidate


class Nob:
    def __init__(self):
        self.region = Region.objects.create(
            slug="noordoost-brabant-2021", name="Noordoost-Brabant", year=2021, document="001.txt"
        )
        self.lot_daghulp = Lot.objects.create(region=self.region, code="daghulp", name="Daghulp", position=1)
        self.lot_begeleiding = Lot.objects.create(
            region=self.region, code="begeleiding", name="Begeleiding", position=2
        )
        self.a = Municipality.objects.create(cbs_code="0796", name="'s-Hertogenbosch")
        self.b = Municipality.objects.create(cbs_code="0828", name="Oss")
        self.daghulp = Product.objects.create(
            region=self.region,
            position=8,
            lot=self.lot_daghulp,
            code="41A23",
            category="41",
            name="Daghulp Specialistisch",
            unit_code="16",
            frequency_code="2",
        )
        self.begeleiding = Product.objects.create(
            region=self.region,
            position=6,
            lot=self.lot_begeleiding,
            code="45B51",
            category="45",
            name="Begeleiding Specialistisch",
            unit_code="01",
            frequency_code="4",
        )
        self.x = Provider.objects.create(name="Xenia Zorg", agb_code="11111111")
        self.y = Provider.objects.create(name="Yde Praktijk", agb_code="22222222")
        self.z = Provider.objects.create(name="Zuidwest Jeugd", agb_code="33333333")
        tariffs = {
            self.x: {self.daghulp: "62.80", self.begeleiding: "1.19"},
            self.y: {self.daghulp: "52.91", self.begeleiding: "0.98"},
            self.z: {self.daghulp: "60.00"},
        }
        for provider, lines in tariffs.items():
            contract = Contract.objects.create(
                provider=provider, region=self.region, start=dt.date(2024, 1, 1)
            )
            for product, tariff in lines.items():
                ContractProduct.objects.create(
                    contract=contract, product=product, year=2024, tariff=Decimal(tariff)
                )
        self._number = itertools.count(1)

    def toewijzing(self, *, municipality, provider, product, begin, end=None, volume, frequency):
        client = Client.objects.create(
            bsn=next_bsn(),
            birth_date=dt.date(2012, 5, 1),
            last_name="Jansen",
            given_name="Sam",
            municipality=municipality,
        )
        return Toewijzing.objects.create(
            municipality=municipality,
            number=f"{next(self._number):08d}",
            client=client,
            provider=provider,
            product=product,
            product_category=product.category,
            product_code=product.code,
            begin=begin,
            end=end,
            volume=volume,
            unit=product.unit_code,
            frequency=frequency,
            toewijzing_date=begin,
            status=Toewijzing.Status.ACTIEF,
        )


@pytest.fixture
def nob(db) -> Nob:
    world = Nob()
    # 2 dagdelen a week at X, all year (gemeente A)
    world.toewijzing(
        municipality=world.a,
        provider=world.x,
        product=world.daghulp,
        begin=dt.date(2024, 1, 1),
        volume=2,
        frequency="2",
    )
    # 600 minutes a month at micro provider Y, March to September (gemeente A)
    world.toewijzing(
        municipality=world.a,
        provider=world.y,
        product=world.begeleiding,
        begin=dt.date(2024, 3, 1),
        end=dt.date(2024, 9, 30),
        volume=600,
        frequency="4",
    )
    # 3 dagdelen a week at Z (own tariff 60,00), June to December (gemeente B)
    world.toewijzing(
        municipality=world.b,
        provider=world.z,
        product=world.daghulp,
        begin=dt.date(2024, 6, 1),
        end=dt.date(2024, 12, 31),
        volume=3,
        frequency="2",
    )
    return world


def _user(username, role, **extra):
    return User.objects.create_user(username, password=PASSWORD, role=role, **extra)


@pytest.fixture
def contract_manager(nob):
    user = _user("cm", Role.CONTRACT)
    user.municipalities.add(nob.a)
    return user


@pytest.fixture
def beheerder(nob):
    return _user("beheer", Role.BEHEER)


@pytest.fixture
def toegang(nob):
    user = _user("toegang", Role.TOEGANG)
    user.municipalities.add(nob.a)
    return user


@pytest.fixture
def aanbieder(nob):
    return _user("aanbieder", Role.AANBIEDER, provider=nob.x)
