"""The demo region: Noordoost-Brabant municipalities buying from the Groningen providers.

The Groningen 2016 book lists real providers but no AGB codes; the Noordoost-Brabant 2021
book has product codes and tariffs. The demo joins them: every Groningen provider gets an
AGB code of the valid format (8 digits, zorgsoort 75 for youth care) and a contract with
the Noordoost-Brabant region for the products in the iJw categories it delivers in
Groningen, at the Noordoost-Brabant tariffs. Idempotent: running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from jeugdketen.catalogus.models import Municipality, Product, Provider, Region, Tariff
from jeugdketen.contracten.models import Contract

REGION = "noordoost-brabant-2021"
PROVIDER_REGION = "groningen-2016"

#: Municipalities of the Noordoost-Brabant youth-care region (CBS codes from the iJw list).
MUNICIPALITIES = [
    ("0796", "'s-Hertogenbosch"),
    ("1948", "Meierijstad"),
    ("1721", "Bernheze"),
    ("0757", "Boxtel"),
    ("1991", "Maashorst"),
]
#: A municipality outside the region, for the woonplaatsbeginsel.
ELSEWHERE = ("0014", "Groningen")
AGB_PREFIX = "75"


def agb_for(index: int) -> str:
    return f"{AGB_PREFIX}{index + 1:06d}"


@transaction.atomic
def ensure_region(*, first_year: int = 2021, last_year: int | None = None, provider_limit: int | None = None):
    """Municipalities, provider AGB codes and contracts; returns (municipalities, providers).

    The municipalities, providers, contracts and tariffs go through the set-up workbook's
    validation and storage (:mod:`jeugdketen.inrichting.workbook`), the same way a real region
    is set up; only the AGB codes are given here, since the Groningen book names providers
    without them.
    """
    from jeugdketen.inrichting.workbook import run_rows

    last_year = last_year or dt.date.today().year
    region = Region.objects.get(slug=REGION)
    # Sorted in Python: the database's collation (PostgreSQL's locale, SQLite's bytes) must not
    # change which provider gets which AGB code, nor the demo built from the same seed.
    providers = sorted(
        Provider.objects.filter(
            products__region__slug=PROVIDER_REGION, contract_holder__isnull=True
        ).distinct(),
        key=lambda p: (p.name, p.pk),
    )
    if provider_limit:
        providers = providers[:provider_limit]
    products = list(Product.objects.filter(region=region).exclude(code=None).exclude(category=None))
    tariffs = {}
    for tariff in Tariff.objects.filter(product__region=region, variant="regular").order_by("year"):
        tariffs[tariff.product_id] = tariff.amount
    used = set(Provider.objects.exclude(agb_code=None).values_list("agb_code", flat=True))
    contracted = set(Contract.objects.filter(region=region).values_list("provider_id", flat=True))
    sheets = {
        "gemeenten": [["cbs_code", "naam", "regio"]]
        + [[code, name, REGION] for code, name in MUNICIPALITIES],
        "aanbieders": [["agb_code", "naam", "micro_onderneming"]],
        "contracten": [
            ["contractnummer", "aanbieder_agb", "regio", "ingangsdatum", "acceptatieplicht", "indirecte_tijd"]
        ],
        "contractproducten": [["contractnummer", "productcode", "jaar", "tarief", "variant"]],
    }
    for index, provider in enumerate(providers):
        if not provider.agb_code:
            code = agb_for(index)
            while code in used:
                index += 1000
                code = agb_for(index)
            provider.agb_code = code
            used.add(code)
            provider.save(update_fields=["agb_code"])
        if provider.pk in contracted:
            continue
        categories = set(
            provider.products.filter(region__slug=PROVIDER_REGION).values_list("category", flat=True)
        )
        if "45" in categories and index % 3 == 0:
            # Groningen 2016 has no GGZ categories (54); every third ambulant provider does GGZ and dyslexia.
            categories.add("54")
        reference = f"NOB-{provider.agb_code}"
        sheets["aanbieders"].append([provider.agb_code, provider.name, "nee"])
        sheets["contracten"].append(
            [reference, provider.agb_code, REGION, f"{first_year}-01-01", "ja", "nee"]
        )
        sheets["contractproducten"] += [
            [reference, product.code, str(year), str(tariffs[product.pk]), "regulier"]
            for product in products
            if product.category in categories and product.pk in tariffs
            for year in range(first_year, last_year + 1)
        ]
    plan = run_rows(sheets, apply=True, source="jeugdketen demo")
    if plan.problems:  # the demo's own data: a problem here is a bug, never input to report
        raise ValueError("; ".join(plan.problems[:5]))
    Municipality.objects.get_or_create(cbs_code=ELSEWHERE[0], defaults={"name": ELSEWHERE[1]})
    municipalities = [Municipality.objects.get(cbs_code=code) for code, _ in MUNICIPALITIES]
    return municipalities, providers
