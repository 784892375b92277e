"""A municipality, a provider and a contract for every product of one product book, so the
allocation checks can be tried per region without the demo region."""

from __future__ import annotations

import datetime as dt
import itertools

from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.demo.people import bsn
from jeugdketen.toegang.checks import Proposal
from jeugdketen.toegang.models import Client

CBS = {
    "alkmaar-2023": ("0361", "Alkmaar"),
    "noordoost-brabant-2021": ("0796", "'s-Hertogenbosch"),
    "midden-limburg-oost-2020": ("1640", "Leudal"),
    "groningen-2016": ("0014", "Groningen"),
}
_numbers = itertools.count(500)


class RegionWorld:
    def __init__(self, slug: str, *, contract_start=dt.date(2015, 1, 1), contract_end=None, agb=None):
        if not Region.objects.filter(slug=slug).exists():
            load_file(next(path for path in data_files() if path.stem == slug))  # only the book needed
        self.region = Region.objects.get(slug=slug)
        code, name = CBS[slug]
        self.gemeente, _ = Municipality.objects.get_or_create(cbs_code=code, defaults={"name": name})
        self.gemeente.regions.add(self.region)
        self.provider, _ = Provider.objects.get_or_create(name=f"Testaanbieder {slug}")
        if agb is not None:  # the provider's AGB code, for the rules and screens that read it
            self.provider.agb_code = agb
            self.provider.save(update_fields=["agb_code"])
        self.contract = Contract.objects.create(
            provider=self.provider, region=self.region, start=contract_start, end=contract_end
        )
        # the test provider is awarded every product its book names providers for (Groningen)
        Provider.objects.filter(products__region=self.region, agb_code=None, organisation=None).update(
            organisation=self.provider
        )
        ContractProduct.objects.bulk_create(
            ContractProduct(contract=self.contract, product=product, year=year, tariff="10.00")
            for product in Product.objects.filter(region=self.region)
            for year in range(contract_start.year, 2031)
        )

    def product(self, name: str) -> Product:
        return Product.objects.get(region=self.region, name=name)

    def client(self, birth: dt.date) -> Client:
        return Client.objects.create(
            bsn=bsn(next(_numbers)), birth_date=birth, last_name="Test", municipality=self.gemeente
        )

    def proposal(self, product, client, begin, end=None, **extra) -> Proposal:
        product = self.product(product) if isinstance(product, str) else product
        return Proposal(
            municipality=self.gemeente,
            client=client,
            provider=self.provider,
            product=product,
            begin=begin,
            end=end,
            **extra,
        )


def born(years: int, *, on: dt.date, days_later: int = 0) -> dt.date:
    """A birth date that makes someone exactly `years` old on `on` (their birthday), or
    `days_later` days younger: days_later=1 is the last day of the year before."""
    from jeugdketen.toegang.periods import add_months

    return add_months(on, -12 * years) + dt.timedelta(days=days_later)


def toewijzing(world: RegionWorld, client, product, begin, end=None, *, volume=None, frequency=""):
    """A running toewijzing, stored directly: the checks read what the client already has."""
    from jeugdketen.toegang.models import Toewijzing

    product = world.product(product) if isinstance(product, str) else product
    return Toewijzing.objects.create(
        municipality=world.gemeente,
        number=str(next(_numbers) + 900000),
        client=client,
        provider=world.provider,
        product=product,
        product_category=product.category or "",
        product_code=product.code or "",
        begin=begin,
        end=end,
        volume=volume,
        frequency=frequency,
        toewijzing_date=begin,
    )
