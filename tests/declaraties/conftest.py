"""A small region with real catalogue products, contracts, clients, toewijzingen and starts."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from lxml import etree

from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.declaraties import jw323
from jeugdketen.levering.models import Start
from jeugdketen.toegang.models import Client, Toewijzing

YEAR = 2025
_bsn_counter = itertools.count(100000)


def valid_bsn(seed: int) -> str:
    """A BSN that passes the elfproef, derived from a counter."""
    for tail in range(10):
        digits = f"{seed:07d}{tail}"[-8:]
        total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        for last in range(10):
            if (total - last) % 11 == 0:
                return digits + str(last)
    raise AssertionError("no bsn")


@dataclass
class World:
    municipality: Municipality
    provider: Provider
    other_provider: Provider
    products: dict[str, Product]
    contract: Contract
    numbers: itertools.count = field(default_factory=lambda: itertools.count(1001))
    refs: itertools.count = field(default_factory=lambda: itertools.count(1))
    idents: itertools.count = field(default_factory=lambda: itertools.count(1))

    def under_midden_limburg(self) -> None:
        """Binds the municipality by the Midden-Limburg Oost contract too, whose vervaltermijn
        (art. 20.4) the bill-line judgement then applies; no product book here has one."""
        from jeugdketen.catalogus.models import Region

        if not Region.objects.filter(slug="midden-limburg-oost-2020").exists():
            load_file(next(path for path in data_files() if path.stem == "midden-limburg-oost-2020"))
        self.municipality.regions.add(Region.objects.get(slug="midden-limburg-oost-2020"))

    def client(self, birth: dt.date = dt.date(2014, 3, 1)) -> Client:
        return Client.objects.create(
            bsn=valid_bsn(next(_bsn_counter)),
            birth_date=birth,
            last_name="Test",
            municipality=self.municipality,
        )

    def toewijzing(
        self, code: str = "50B01", *, client=None, provider=None, volume=600, frequency="4",
        begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31), start: dt.date | None = dt.date(YEAR, 1, 6),
        **extra,
    ) -> Toewijzing:  # fmt: skip
        product = self.products[code]
        tw = Toewijzing.objects.create(
            municipality=self.municipality, number=str(next(self.numbers)), client=client or self.client(),
            provider=provider or self.provider, product=product, product_category=product.category or "45",
            product_code=product.code or "", begin=begin, end=end, volume=volume, unit=product.unit_code,
            frequency=frequency, toewijzing_date=begin, **extra,
        )  # fmt: skip
        if start:
            Start.objects.create(toewijzing=tw, date=start)
        return tw

    def tariff_cents(self, tw: Toewijzing, year: int = YEAR) -> int:
        return int(
            ContractProduct.objects.get(contract=self.contract, product=tw.product, year=year).tariff * 100
        )

    def line(
        self, tw: Toewijzing, *, month: int = 3, volume: int = 60, year: int = YEAR, **changes
    ) -> jw323.Line:
        begin = dt.date(year, month, 1)
        end = (begin.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        tariff = self.tariff_cents(tw, year) if tw.product else 1000
        values = dict(
            position=0, bsn=tw.client.bsn, reference=f"R{next(self.refs):06d}", previous_reference="",
            toewijzing_number=tw.number, product_category=tw.product_category,
            product_code=tw.product_code or "44A01", begin=begin, end=end, volume=volume, unit=tw.unit,
            tariff_cents=tariff, amount_cents=volume * tariff, debit_credit="D",
        )  # fmt: skip
        values.update(changes)
        return jw323.Line(**values)

    def credit(self, line: jw323.Line) -> jw323.Line:
        return jw323.Line(
            **{**{f: getattr(line, f) for f in line.__slots__}, "reference": f"R{next(self.refs):06d}",
               "previous_reference": line.reference, "amount_cents": -line.amount_cents, "debit_credit": "C"}
        )  # fmt: skip

    def jw323(
        self, lines, *, number: str | None = None, day: dt.date = dt.date(YEAR, 12, 5), ident=None
    ) -> bytes:
        lines = sorted(lines, key=lambda line: line.bsn)  # one Client element per Bsn
        last = day.replace(day=1) - dt.timedelta(days=1)
        return jw323.build(
            sender=self.provider.agb_code, receiver=self.municipality.cbs_code,
            identification=ident or f"M{next(self.idents):06d}", dagtekening=day,
            number=number or f"DN{next(self.idents):06d}", period_begin=last.replace(day=1),
            period_end=last, lines=lines,
        )  # fmt: skip


@pytest.fixture
def world(db) -> World:
    for path in data_files():
        if path.stem in ("noordoost-brabant-2021", "alkmaar-2023"):
            load_file(path)
    municipality = Municipality.objects.create(cbs_code="0796", name="'s-Hertogenbosch")
    provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
    other = Provider.objects.create(name="Ander BV", agb_code="98765433")
    nob = Product.objects.filter(region__slug="noordoost-brabant-2021")
    products = {p.code: p for p in nob.filter(code__in=["50B05", "45B70", "54B97", "41A18", "50B01"])}
    logeren = Product.objects.get(region__slug="alkmaar-2023", name="Logeren")
    products["logeren"] = logeren
    region = nob.first().region
    contract = Contract.objects.create(provider=provider, region=region, start=dt.date(2021, 1, 1))
    for index, product in enumerate(products.values()):
        if product.unit_code == "":
            product.unit_code = "04"
            product.save()
        for year in (YEAR - 1, YEAR):
            ContractProduct.objects.create(
                contract=contract,
                product=product,
                year=year,
                tariff=Decimal("1.50") + Decimal("0.10") * index,
            )
    return World(municipality, provider, other, products, contract)


@pytest.fixture(scope="module")
def oracle(shared_dir, xsd_dir):
    """The official XSD and the official rule stylesheet: a message with no finding at all passes."""
    stylesheet = etree.XSLT(etree.parse(str(shared_dir / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl")))

    def check(xml: str, code: str) -> None:
        root = etree.fromstring(xml.encode())
        schema = etree.XMLSchema(etree.parse(str(xsd_dir / f"{code}.xsd")))
        assert schema.validate(root), schema.error_log
        report = stylesheet(etree.ElementTree(root))
        fouten = [n for n in report.getroot().iter() if etree.QName(n).localname == "Fout"]
        assert not fouten, [" ".join(f.itertext()) for f in fouten]

    return check
