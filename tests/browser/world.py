"""Realistic material for the browser walks, on top of the security world (organisation "a").

The security world has one row of every client-data model filled with placeholder values
("a-tekst"); the declaration and monitoring placeholders are removed here so the pages show
what the walks produce. Added, relative to today:

- the Noordoost-Brabant 2021 product book, for Testgemeente A, and a contract of
  Testaanbieder A for Begeleiding basis (45B50) and Consultatie & advies hbo (50B01);
- three fictitious demo clients (no real persons):
  - Noor van Dijk, with a referral of the access team for 45B50 at Testaanbieder A, ready to
    allocate;
  - Sem Jansen, with a toewijzing sent (JW301) six working days ago and no start yet (the start
    is due within five working days);
  - Lotte de Boer, with two started toewijzingen and last month's delivered care registered
    by the provider (one line at the contract tariff, one at a wrong tariff);
- budgets for both lots for this year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from jeugdketen.berichten.services import exchange
from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Lot, Product, Region
from jeugdketen.contracten.models import Contract, ContractProduct
from jeugdketen.core.werkdagen import is_working_day
from jeugdketen.declaraties.models import (
    Betaalverplichting,
    Betaling,
    Boeking,
    Declaratie,
    GeleverdeZorg,
    Prestatie,
)
from jeugdketen.demo.people import bsn
from jeugdketen.levering.deadlines import close_tasks
from jeugdketen.levering.models import Start
from jeugdketen.monitoring.models import Budget, DeclaredClientCost, DeclaredCost
from jeugdketen.toegang.models import Client, Referral, Route, Toewijzing
from jeugdketen.toegang.services import allocate, register_referral

BOOK = "noordoost-brabant-2021"
TARIFFS = {"45B50": Decimal("1.25"), "50B01": Decimal("1.60")}  # euro per minute
WRONG_TARIFF = Decimal("1.85")


@dataclass
class Flows:
    today: dt.date
    noor: Client
    sem: Client
    lotte: Client
    referral: Referral
    awaiting_start: Toewijzing
    billed: list[Toewijzing]
    last_month: tuple[dt.date, dt.date]
    products: dict[str, Product]


def _last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def _working_days_before(day: dt.date, days: int) -> dt.date:
    while days:
        day -= dt.timedelta(days=1)
        days -= is_working_day(day)
    return day


def _client(world, n: int, given: str, prefix: str, last: str, birth: dt.date, street: str) -> Client:
    return Client.objects.create(
        bsn=bsn(700 + n),
        birth_date=birth,
        given_name=given,
        initials=given[0],
        prefix=prefix,
        last_name=last,
        gender="2" if given in ("Noor", "Lotte") else "1",
        street=street,
        house_number=str(10 + n),
        postcode=f"52{n:02d}KL",
        city="Teststad",
        municipality=world.a.municipality,
    )


def _clear_placeholders() -> None:
    for model in (Boeking, Prestatie, Betaalverplichting, Betaling, Declaratie, GeleverdeZorg):
        model.objects.all().delete()
    for model in (DeclaredClientCost, DeclaredCost, Budget):
        model.objects.all().delete()


def build_flows(world, today: dt.date | None = None) -> Flows:
    today = today or dt.date.today()
    _clear_placeholders()
    path = next(p for p in data_files() if p.stem == BOOK)
    load_file(path)
    book = Region.objects.get(slug=BOOK)
    municipality, provider = world.a.municipality, world.a.provider
    municipality.regions.add(book)
    # The Midden-Limburg Oost contract's Bijlage 1 sets the process deadlines these flows show
    # (the start of care); the product rules stay those of the products' own book.
    load_file(next(p for p in data_files() if p.stem == "midden-limburg-oost-2020"))
    municipality.regions.add(Region.objects.get(slug="midden-limburg-oost-2020"))
    products = {p.code: p for p in Product.objects.filter(region=book, code__in=TARIFFS)}
    contract = Contract.objects.create(provider=provider, region=book, start=dt.date(today.year - 1, 1, 1))
    for code, tariff in TARIFFS.items():
        for year in (today.year - 1, today.year):
            ContractProduct.objects.create(
                contract=contract, product=products[code], year=year, tariff=tariff
            )
    for code, amount in (("begeleiding-basis", "24000"), ("consultatie", "6000")):
        lot = Lot.objects.get(region=book, code=code)
        Budget.objects.create(municipality=municipality, year=today.year, lot=lot, amount=Decimal(amount))

    noor = _client(world, 1, "Noor", "van", "Dijk", dt.date(2013, 6, 2), "Lindelaan")
    sem = _client(world, 2, "Sem", "", "Jansen", dt.date(2011, 9, 21), "Kastanjestraat")
    lotte = _client(world, 3, "Lotte", "de", "Boer", dt.date(2015, 1, 30), "Beukenhof")

    referral = register_referral(
        client=noor,
        municipality=municipality,
        route=Route.TOEGANG,
        date=today - dt.timedelta(days=7),
        product=products["45B50"],
        provider=provider,
        notes="Ouders vragen steun bij dagstructuur en school.",
    )

    sent_on = _working_days_before(today, 6)
    awaiting_start = allocate(
        municipality=municipality,
        client=sem,
        provider=provider,
        product=products["45B50"],
        begin=sent_on,
        end=sent_on + dt.timedelta(days=364),
        volume=90,
        unit="01",
        frequency="2",
        today=sent_on,
    )
    awaiting_start.refresh_from_db(fields=["message"])
    exchange(awaiting_start.message)  # the provider received the JW301 and answered with a JW302

    first, last = _last_month(today)
    begin = (first - dt.timedelta(days=62)).replace(day=1)
    billed = []
    for code, volume, weekly in (("45B50", 480, 120), ("50B01", 60, 60)):
        toewijzing = allocate(
            municipality=municipality,
            client=lotte,
            provider=provider,
            product=products[code],
            begin=begin,
            end=begin + dt.timedelta(days=364),
            volume=weekly,
            unit="01",
            frequency="2" if code == "45B50" else "4",
            today=begin,
            send=False,
        )
        Start.objects.create(toewijzing=toewijzing, date=begin + dt.timedelta(days=2))
        close_tasks("start", begin + dt.timedelta(days=2), toewijzing=toewijzing)
        GeleverdeZorg.objects.create(
            provider=provider,
            toewijzing=toewijzing,
            begin=first,
            end=last,
            volume=volume,
            tariff=TARIFFS[code] if code == "45B50" else WRONG_TARIFF,
        )
        billed.append(toewijzing)
    return Flows(today, noor, sem, lotte, referral, awaiting_start, billed, (first, last), products)
