"""Which products a monitoring figure counts where a region's own documents define it.

This is the one place that decides it. Midden-Limburg Oost's contract measures the cost per
youth, and the 25 % reduction it asks for, over the perceel "Verblijf met behandeling +":
"alle kosten ... die de Aanbieders, in het perceel ... maken" (Bijlage 1 art. 13.7, lines
1141-1158; product book chapter 6, lines 3105-3282, which names the perceel's products by
code). So in that region the residential cost trend (:func:`.residential.residential`) and the
perceel KPIs (:mod:`.kpi`) count exactly the catalogue's products of that lot: a residential
product of another lot (verblijf met begeleiding and logeren of perceel 7, Wonen) does not
count, whatever its JZ020 category.

The other three documents define no residential cost figure and name no list. There the
trend falls back to the JZ020 residential categories, and the report says so per region.
A region's products only ever follow their own region's definition: the contract's list is
a set of catalogue products of that region, and the fallback leaves that region's products out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from jeugdketen.catalogus.models import Product, Region

RESIDENTIAL_CATEGORIES = ["35", "36", "37", "38", "43", "44"]  # JZ020 "met verblijf" / "verblijf"


@dataclass(frozen=True)
class ContractList:
    """The products a region's contract names for a figure: the products of one lot."""

    lot: str
    citation: str


#: Per region (catalogue slug): the contract's own list of residential products.
RESIDENTIAL: dict[str, ContractList] = {
    "midden-limburg-oost-2020": ContractList(
        lot="Verblijf met behandeling +",
        citation="contract Bijlage 1 art. 13.7 (r. 1141-1158), productenboek hoofdstuk 6 (r. 3105-3282)",
    ),
}

FALLBACK = (
    "geen productlijst in de documenten: productcategorieën "
    f"{', '.join(RESIDENTIAL_CATEGORIES)} (JZ020, verblijf)"
)


def lot_filters(region: str) -> dict:
    """Lookups from a Toewijzing (or Prestatie) to the products of the region's contract list."""
    return {"product__region__slug": region, "product__lot__name": RESIDENTIAL[region].lot}


@dataclass(frozen=True)
class Residential:
    """The residential products resolved against the catalogue: a filter and what it means per region."""

    where: Q  # over a row with ``product`` and ``product_category`` (Toewijzing, DeclaredClientCost)
    regions: list[dict]  # one row per catalogue region: region, basis, products


def residential() -> Residential:
    """What counts as residential care, per region; two small queries over the catalogue."""
    listed: dict[str, list[tuple[int, str]]] = {slug: [] for slug in RESIDENTIAL}
    owned: list[int] = []
    rows = Product.objects.filter(region__slug__in=list(RESIDENTIAL)).values_list(
        "id", "region__slug", "lot__name", "code", "name"
    )
    for pk, region, lot, code, name in rows:
        owned.append(pk)
        if lot == RESIDENTIAL[region].lot:
            listed[region].append((pk, code or name))
    ids = [pk for products in listed.values() for pk, _code in products]
    where = Q(product__in=ids) | (Q(product_category__in=RESIDENTIAL_CATEGORIES) & ~Q(product__in=owned))
    regions = []
    for slug, name in Region.objects.order_by("name").values_list("slug", "name"):
        if slug in RESIDENTIAL:
            definition = RESIDENTIAL[slug]
            regions.append(
                {
                    "region": name,
                    "basis": f"contract: perceel {definition.lot} ({definition.citation})",
                    "products": ", ".join(sorted(code for _pk, code in listed[slug]))
                    or "(geen in de catalogus)",
                }
            )
        else:
            regions.append(
                {"region": name, "basis": FALLBACK, "products": "alle producten in die categorieën"}
            )
    return Residential(where, regions)
