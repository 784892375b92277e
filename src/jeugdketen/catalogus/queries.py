"""Questions people ask of the catalogue: search, who delivers what, how regions compare."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from .models import Product, Provider, Tariff

# Units a tariff can be normalised to: time units to euro per hour, the others as they are.
NORMALISED_UNITS = {
    "01": ("uur", Decimal(60)),  # a tariff per minute × 60 = per hour
    "04": ("uur", Decimal(1)),
    "16": ("uur", Decimal("0.25")),  # a dagdeel is four hours
    "14": ("etmaal", Decimal(1)),
}


def search_products(query: str) -> QuerySet[Product]:
    query = (query or "").strip()
    if not query:
        return Product.objects.none()
    words = query.split()
    condition = Q()
    for word in words:
        condition &= (
            Q(name__icontains=word)
            | Q(code__iexact=word)
            | Q(notes__icontains=word)
            | Q(lot__name__icontains=word)
        )
    return (
        Product.objects.filter(condition).select_related("region", "lot").order_by("region__slug", "position")
    )


def providers_for(product_query: str, age: int | None) -> list[tuple[Product, list[Provider]]]:
    """Which providers deliver products matching `product_query` (code or words) for a child of `age`."""
    results = []
    products = search_products(product_query).prefetch_related(
        "providers", "contract_lines__contract__provider"
    )
    for product in products:
        if age is not None and not product.accepts_age(age):
            continue
        providers = {provider.pk: provider for provider in product.providers.all()}
        for line in product.contract_lines.all():
            providers.setdefault(line.contract.provider_id, line.contract.provider)
        if providers:
            results.append((product, sorted(providers.values(), key=lambda p: p.name)))
    return results


@dataclass(frozen=True)
class ComparisonRow:
    product: Product
    tariff: Tariff | None
    normalised: Decimal | None
    normalised_unit: str


def normalise(tariff: Tariff) -> tuple[Decimal | None, str]:
    rule = NORMALISED_UNITS.get(tariff.product.unit_code)
    if rule is None:
        return None, ""
    unit, factor = rule
    return (tariff.amount * factor).quantize(Decimal("0.01")), unit


def comparison(category: str | None = None) -> dict[str, list[ComparisonRow]]:
    """Products per iJw category, across regions, with their regular tariff normalised."""
    products = (
        Product.objects.exclude(category__isnull=True)
        .select_related("region")
        .prefetch_related("tariffs")
        .order_by("category", "region__slug", "position")
    )
    if category:
        products = products.filter(category=category)
    table: dict[str, list[ComparisonRow]] = {}
    for product in products:
        regular = [t for t in product.tariffs.all() if t.variant == "regular"]
        tariff = max(regular, key=lambda t: t.year) if regular else None
        value, unit = normalise(tariff) if tariff else (None, "")
        table.setdefault(product.category, []).append(ComparisonRow(product, tariff, value, unit))
    return table
