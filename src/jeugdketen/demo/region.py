"""The demo regions: the municipalities of every product book with product codes, buying from
the Groningen providers.

The Groningen 2016 book lists real providers but no AGB codes; the demo gives each an AGB
code of the valid format (8 digits, zorgsoort 75 for youth care) and contracts it in three
regions, each through the set-up workbook (:mod:`jeugdketen.inrichting.workbook`), the one
way a real region is set up:

- Noordoost-Brabant 2021: for the products in the iJw categories the provider delivers in
  Groningen, at the book's own tariffs;
- Midden-Limburg Oost 2020: every second provider, the same way by category;
- Groningen 2016: exactly the products the book names the provider for.

Midden-Limburg Oost (Bijlage 2 is empty) and Groningen (no tariffs at all) publish no
tariffs. Their contracts carry *stand-in tariffs* derived from the Noordoost-Brabant book
(:func:`stand_in_tariffs`), so that the chain can be billed; they are demo figures, not the
regions' own. Products with a unit the stand-in cannot price (stuks, euro, none) are not
contracted. Alkmaar 2023 has no product codes yet ("NNTB") and so no demo contracts.

Idempotent: running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.db import transaction

from jeugdketen.catalogus.models import Municipality, Product, Provider, Region, Tariff
from jeugdketen.contracten.models import Contract

REGION = "noordoost-brabant-2021"
PROVIDER_REGION = "groningen-2016"


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    prefix: str  # of the contract numbers
    municipalities: tuple[tuple[str, str], ...]  # (CBS code, name)
    share: float  # of the demo's youths living there
    first_year: int  # of the contracts


REGIONS = (
    DemoRegion(
        REGION,
        "NOB",
        (
            ("0796", "'s-Hertogenbosch"),
            ("1948", "Meierijstad"),
            ("1721", "Bernheze"),
            ("0757", "Boxtel"),
            ("1991", "Maashorst"),
        ),
        0.70,
        2021,
    ),
    # The four municipalities that sign the Midden-Limburg Oost contract.
    DemoRegion(
        "midden-limburg-oost-2020",
        "MLO",
        (("1711", "Echt-Susteren"), ("1641", "Maasgouw"), ("1669", "Roerdalen"), ("0957", "Roermond")),
        0.15,
        2020,
    ),
    # The book names "de Groninger gemeenten" only together; three of them stand for the region.
    DemoRegion(
        PROVIDER_REGION, "GRO", (("0014", "Groningen"), ("0047", "Veendam"), ("1895", "Oldambt")), 0.15, 2021
    ),
)
#: Noordoost-Brabant's municipalities, first in every list the demo hands out.
MUNICIPALITIES = list(REGIONS[0].municipalities)
#: A municipality outside every demo region, for the woonplaatsbeginsel.
ELSEWHERE = ("0363", "Amsterdam")
AGB_PREFIX = "75"
#: The units a stand-in tariff can be given for: uur (from the minute tariffs), etmaal, dagdeel.
PRICEABLE_UNITS = ("01", "04", "14", "16")


def agb_for(index: int) -> str:
    return f"{AGB_PREFIX}{index + 1:06d}"


def stand_in_tariffs(products: list[Product], priced: dict[Product, Decimal]) -> dict[int, Decimal]:
    """Demo tariffs for a book without tariffs, from a book with them (``priced``: product → tariff).

    A product gets the median tariff of the priced products of the same iJw category and unit,
    else of the same unit; an hour costs 60 priced minutes. Rounded half up to whole cents.
    """
    per_minute = {p: amount for p, amount in priced.items() if p.unit_code == "01"}
    hourly = {p: amount * 60 for p, amount in per_minute.items()}
    by_unit = {"04": hourly}
    for unit in ("01", "14", "16"):
        by_unit[unit] = {p: amount for p, amount in priced.items() if p.unit_code == unit}
    found = {}
    for product in products:
        pool = by_unit.get(product.unit_code or "")
        if not pool:
            continue
        same = [amount for p, amount in pool.items() if p.category == product.category]
        found[product.pk] = Decimal(median(same or pool.values())).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return found


def _groningen_providers(provider_limit: int | None) -> list[Provider]:
    # Sorted in Python: the database's collation (PostgreSQL's locale, SQLite's bytes) must not
    # change which provider gets which AGB code, nor the demo built from the same seed.
    providers = sorted(
        Provider.objects.filter(
            products__region__slug=PROVIDER_REGION, contract_holder__isnull=True
        ).distinct(),
        key=lambda p: (p.name, p.pk),
    )
    return providers[:provider_limit] if provider_limit else providers


def _give_agb_codes(providers: list[Provider]) -> None:
    used = set(Provider.objects.exclude(agb_code=None).values_list("agb_code", flat=True))
    for index, provider in enumerate(providers):
        if provider.agb_code:
            continue
        code = agb_for(index)
        while code in used:
            index += 1000
            code = agb_for(index)
        provider.agb_code = code
        used.add(code)
        provider.save(update_fields=["agb_code"])


def _tariffs(region: Region) -> dict[int, Decimal]:
    """The book's own regular tariffs (latest year), or stand-ins derived from Noordoost-Brabant."""
    own = {}
    for tariff in Tariff.objects.filter(product__region=region, variant="regular").order_by("year"):
        own[tariff.product_id] = tariff.amount
    if own:
        return own
    source = Region.objects.get(slug=REGION)
    priced = {}
    for tariff in (
        Tariff.objects.filter(product__region=source, variant="regular")
        .select_related("product")
        .order_by("year")
    ):
        priced[tariff.product] = tariff.amount
    products = list(Product.objects.filter(region=region).exclude(code=None).exclude(category=None))
    return stand_in_tariffs(products, priced)


def _contracted_products(
    demo: DemoRegion, index: int, provider: Provider, products: list[Product]
) -> list[Product]:
    """What the demo contracts this provider for in this region (empty: no contract)."""
    if demo.slug == PROVIDER_REGION:
        named = set(provider.products.filter(region__slug=PROVIDER_REGION).values_list("pk", flat=True))
        return [p for p in products if p.pk in named]
    if demo.prefix == "MLO" and index % 2:
        return []
    categories = set(
        provider.products.filter(region__slug=PROVIDER_REGION).values_list("category", flat=True)
    )
    if "45" in categories and index % 3 == 0:
        # Groningen 2016 has no GGZ categories (54); every third ambulant provider does GGZ and dyslexia.
        categories.add("54")
    chosen, variant_of = [], set()
    for p in sorted((p for p in products if p.category in categories), key=lambda p: p.position):
        group = (p.limits or {}).get("tariff_variant_of")
        if group in variant_of:
            continue  # SGGZ-VARIANT: one variant per provider, the book's default (SGGZ 1) first
        if group:
            variant_of.add(group)
        chosen.append(p)
    return sorted(chosen, key=lambda p: p.code or "")


def _region_sheets(demo: DemoRegion, providers: list[Provider], last_year: int, first_year: int) -> dict:
    region = Region.objects.get(slug=demo.slug)
    tariffs = _tariffs(region)
    products = [
        p
        for p in Product.objects.filter(region=region)
        .exclude(code=None)
        .exclude(category=None)
        .order_by("code")
        if p.pk in tariffs and (p.unit_code or "") in PRICEABLE_UNITS
    ]
    contracted = set(Contract.objects.filter(region=region).values_list("provider_id", flat=True))
    years = range(max(demo.first_year, first_year), last_year + 1)
    sheets = {
        "gemeenten": [[code, name, demo.slug] for code, name in demo.municipalities],
        "contracten": [],
        "contractproducten": [],
    }
    for index, provider in enumerate(providers):
        if provider.pk in contracted:
            continue
        lines = _contracted_products(demo, index, provider, products)
        if not lines:
            continue
        reference = f"{demo.prefix}-{provider.agb_code}"
        sheets["contracten"].append(
            [
                reference,
                provider.agb_code,
                demo.slug,
                f"{max(demo.first_year, first_year)}-01-01",
                "ja",
                "nee",
            ]
        )
        sheets["contractproducten"] += [
            [reference, product.code, str(year), str(tariffs[product.pk]), "regulier"]
            for product in lines
            for year in years
        ]
    return sheets


class MissingBooks(LookupError):
    """The demo builds on the loaded product books; ``jeugdketen init`` loads them."""


@transaction.atomic
def ensure_region(*, first_year: int = 2020, last_year: int | None = None, provider_limit: int | None = None):
    """Municipalities, provider AGB codes and contracts of every demo region; returns
    (municipalities, providers), Noordoost-Brabant's municipalities first.

    Everything but the AGB codes goes through the set-up workbook's validation and storage, the
    same way a real region is set up; the AGB codes are given here, since the Groningen book
    names providers without them.
    """
    from jeugdketen.inrichting.workbook import run_rows

    missing = sorted({demo.slug for demo in REGIONS} - set(Region.objects.values_list("slug", flat=True)))
    if missing:
        raise MissingBooks(
            f"the product books of {', '.join(missing)} are not loaded: run `jeugdketen init` first"
        )
    last_year = last_year or dt.date.today().year
    providers = _groningen_providers(provider_limit)
    _give_agb_codes(providers)
    sheets = {
        "gemeenten": [["cbs_code", "naam", "regio"]],
        "aanbieders": [["agb_code", "naam", "micro_onderneming"]]
        + [
            [p.agb_code, p.name, "nee"] for p in providers if not Contract.objects.filter(provider=p).exists()
        ],
        "contracten": [
            ["contractnummer", "aanbieder_agb", "regio", "ingangsdatum", "acceptatieplicht", "indirecte_tijd"]
        ],
        "contractproducten": [["contractnummer", "productcode", "jaar", "tarief", "variant"]],
    }
    for demo in REGIONS:
        for name, rows in _region_sheets(demo, providers, last_year, first_year).items():
            sheets[name] += rows
    plan = run_rows(sheets, apply=True, source="jeugdketen demo")
    if plan.problems:  # the demo's own data: a problem here is a bug, never input to report
        raise ValueError("; ".join(plan.problems[:5]))
    Municipality.objects.get_or_create(cbs_code=ELSEWHERE[0], defaults={"name": ELSEWHERE[1]})
    municipalities = [
        Municipality.objects.get(cbs_code=code) for demo in REGIONS for code, _ in demo.municipalities
    ]
    return municipalities, providers


def region_of(municipality: Municipality) -> DemoRegion:
    """The demo region a demo municipality belongs to."""
    return next(demo for demo in REGIONS if municipality.cbs_code in dict(demo.municipalities))
