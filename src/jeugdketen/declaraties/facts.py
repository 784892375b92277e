"""The catalogue and contract facts a declaration is judged by: products, caps, tariffs, regions.

These rows change only when a region is set up or a tariff is set, never while a JW323 is
judged. One JW323 reads just the rows of its products; inside a batch
(:func:`jeugdketen.core.batch.remembered`, e.g. the demo billing a year of care) every fact is
read once and each declaration takes its part in memory, with the same conditions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jeugdketen.catalogus.models import Municipality, Product, ProductCap
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.contracten.tariffs import applicable
from jeugdketen.core import batch


@dataclass(frozen=True, slots=True)
class ProductFact:
    id: int
    region: str
    code: str
    name: str
    limits: dict
    start_before_age: int | None

    @property
    def foster_care(self) -> bool:
        """Pleegzorg by its name, as the books name it (case does not matter)."""
        return "pleegzorg" in self.name.casefold()


def _product_rows(queryset) -> dict[int, ProductFact]:
    return {
        pk: ProductFact(pk, region or "", code or "", name or "", limits or {}, start_before_age)
        for pk, region, code, name, limits, start_before_age in queryset.values_list(
            "id", "region__slug", "code", "name", "limits", "start_before_age"
        )
    }


def _every_product() -> dict[int, ProductFact] | None:
    """Every product's facts, read once per batch; None outside a batch."""
    return batch.rows(("declaraties.products",), lambda: _product_rows(Product.objects.all()))


def products(ids) -> dict[int, ProductFact]:
    """The facts of these products, by id."""
    ids = set(ids)
    every = _every_product()
    if every is None:
        return _product_rows(Product.objects.filter(id__in=ids)) if ids else {}
    return {pk: every[pk] for pk in ids if pk in every}


def products_with_codes(codes) -> dict[int, ProductFact]:
    """The facts of every product (of any region) with one of these codes."""
    codes = set(codes)
    every = _every_product()
    if every is None:
        return _product_rows(Product.objects.filter(code__in=codes))
    return {pk: fact for pk, fact in every.items() if fact.code in codes}


def _cap_rows(queryset) -> dict[int, list[tuple[Decimal, str, str, str]]]:
    caps: dict[int, list] = defaultdict(list)
    for product_id, amount, unit, per, label in queryset.order_by("pk").values_list(
        "product_id", "amount", "unit_code", "per", "label"
    ):
        caps[product_id].append((amount, unit, per, label))
    return caps


def caps(product_ids) -> dict[int, list[tuple[Decimal, str, str, str]]]:
    """Per product its caps: (amount, unit, per, label)."""
    ids = set(product_ids)
    every = batch.rows(("declaraties.caps",), lambda: _cap_rows(ProductCap.objects.all()))
    if every is None:
        found = _cap_rows(ProductCap.objects.filter(product_id__in=ids)) if ids else {}
    else:
        found = {pk: every[pk] for pk in ids if pk in every}
    return defaultdict(list, found)


def _tariff_rows(queryset) -> list[tuple]:
    return list(
        queryset.filter(applicable()).values_list(
            "product_id",
            "year",
            "tariff",
            "contract__indirect_time_allowed",
            "contract__provider_id",
            "variant",
        )  # fmt: skip
    )


def tariffs(provider, product_ids) -> dict[tuple[int, int], tuple[Decimal, bool]]:
    """(product, year) -> (tariff, indirect time allowed) for what this provider may bill.

    The provider's own contract wins over its contract holder's, a micro tariff over a regular one.
    """
    provider_ids = (provider.pk,) + ((provider.contract_holder_id,) if provider.contract_holder_id else ())
    ids = set(product_ids)
    every = batch.rows(
        ("declaraties.tariffs", provider_ids),
        lambda: _tariff_rows(ContractProduct.objects.filter(contract__provider_id__in=provider_ids)),
    )
    if every is None:
        rows = _tariff_rows(
            ContractProduct.objects.filter(contract__provider_id__in=provider_ids, product_id__in=ids)
        )
    else:
        rows = [row for row in every if row[0] in ids]
    found: dict[tuple[int, int], tuple[Decimal, bool]] = {}
    for product_id, year, tariff, indirect, _owner, _variant in sorted(
        rows, key=lambda r: (r[4] == provider.pk, r[5] == "micro")
    ):
        found[(product_id, year)] = (tariff, indirect)
    return found


def contract_regions(municipality: Municipality) -> frozenset[str]:
    """The regions whose contract binds this municipality."""

    def read() -> frozenset[str]:
        return frozenset(municipality.regions.values_list("slug", flat=True))

    remembered = batch.rows(("declaraties.regions", municipality.pk), read)
    return remembered if remembered is not None else read()
