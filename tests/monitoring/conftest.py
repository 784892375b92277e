"""A small region with known numbers: two municipalities, two providers, two products."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.levering.models import Start, Stop
from jeugdketen.toegang.models import Client, Referral, Toewijzing

_bsn = itertools.count(100000000)


def next_bsn() -> str:
    """A BSN that passes the elfproef."""
    while True:
        candidate = str(next(_bsn))
        total = sum(int(d) * w for d, w in zip(candidate[:8], range(9, 1, -1), strict=True))
        if (total - int(candidate[8])) % 11 == 0:
            return candidate


class Region1:
    def __init__(self):
        self.region = Region.objects.create(
            slug="test-2024", name="Testregio", year=2024, document="test.pdf"
        )
        self.lot_ambulant = Lot.objects.create(region=self.region, code="A", name="Ambulant", position=1)
        self.lot_wonen = Lot.objects.create(region=self.region, code="W", name="Wonen", position=2)
        self.gemeente_a = Municipality.objects.create(cbs_code="0001", name="Aadorp")
        self.gemeente_b = Municipality.objects.create(cbs_code="0002", name="Beekdal")
        # Both buy under Midden-Limburg Oost's contract too, whose articles the accountability,
        # waiting-time and dropout reports follow (tests/monitoring/test_contract_reports.py
        # shows that a municipality of another region does not count there).
        self.contract_region = Region.objects.create(
            slug="midden-limburg-oost-2020", name="Midden-Limburg Oost", year=2020, document="test.pdf"
        )
        for municipality in (self.gemeente_a, self.gemeente_b):
            municipality.regions.add(self.contract_region)
        self.provider_x = Provider.objects.create(name="Xenia Zorg", agb_code="12345678")
        self.provider_y = Provider.objects.create(name="Yde Jeugdhulp", agb_code="87654321")
        self.ambulant = Product.objects.create(
            region=self.region,
            position=1,
            lot=self.lot_ambulant,
            code="45A01",
            category="45",
            name="Ambulante begeleiding",
            unit_code="04",
            frequency_code="2",
        )
        self.wonen = Product.objects.create(
            region=self.region,
            position=2,
            lot=self.lot_wonen,
            code="43A01",
            category="43",
            name="Verblijf met behandeling",
            unit_code="14",
            frequency_code="1",
        )
        for provider in (self.provider_x, self.provider_y):
            contract = Contract.objects.create(
                provider=provider, region=self.region, start=dt.date(2023, 1, 1)
            )
            for year in (2023, 2024, 2025):
                ContractProduct.objects.create(
                    contract=contract, product=self.ambulant, year=year, tariff=Decimal("70.00")
                )
                ContractProduct.objects.create(
                    contract=contract, product=self.wonen, year=year, tariff=Decimal("200.00")
                )
        self._number = itertools.count(1)

    def client(self, municipality=None, last_name="Jansen") -> Client:
        return Client.objects.create(
            bsn=next_bsn(),
            birth_date=dt.date(2012, 5, 1),
            last_name=last_name,
            given_name="Sam",
            municipality=municipality or self.gemeente_a,
        )

    def toewijzing(
        self,
        *,
        client=None,
        provider=None,
        product=None,
        begin,
        end=None,
        volume=1,
        frequency=None,
        toewijzing_date=None,
        referral_date=None,
        status=Toewijzing.Status.ACTIEF,
        municipality=None,
    ) -> Toewijzing:
        product = product or self.ambulant
        client = client or self.client(municipality)
        municipality = municipality or client.municipality
        referral = None
        if referral_date:
            referral = Referral.objects.create(
                client=client,
                municipality=municipality,
                route="toegang",
                referrer_code="01",
                date=referral_date,
            )
        return Toewijzing.objects.create(
            municipality=municipality,
            number=f"{next(self._number):08d}",
            client=client,
            provider=provider or self.provider_x,
            product=product,
            product_category=product.category,
            product_code=product.code,
            begin=begin,
            end=end,
            volume=volume,
            unit=product.unit_code,
            frequency=frequency or product.frequency_code,
            toewijzing_date=toewijzing_date or begin,
            status=status,
            referral=referral,
        )

    @staticmethod
    def start(toewijzing, date):
        return Start.objects.create(toewijzing=toewijzing, date=date)

    @staticmethod
    def stop(toewijzing, date, reason):
        return Stop.objects.create(toewijzing=toewijzing, date=date, reason=reason)


@pytest.fixture
def region(db) -> Region1:
    return Region1()


@pytest.fixture
def contract_manager(region) -> User:
    user = User.objects.create_user("cm", password="een-lang-wachtwoord-1", role=Role.CONTRACT)
    user.municipalities.add(region.gemeente_a)
    return user


@pytest.fixture
def provider_user(region) -> User:
    return User.objects.create_user(
        "prov", password="een-lang-wachtwoord-1", role=Role.AANBIEDER, provider=region.provider_x
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill the working-day calendar once per session; every test's transaction rolls back to it."""
    from jeugdketen.monitoring.calendar import ensure_calendar

    with django_db_blocker.unblock():
        ensure_calendar(dt.date(2060, 12, 31))
