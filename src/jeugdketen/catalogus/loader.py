"""Loads the product books from ``catalogus/data/*.yaml`` into the database.

Each file is loaded in one transaction. A file whose content hash is already recorded on
its region is skipped, so loading twice changes nothing; a changed file updates its region
in place (products are matched on their position in the book).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.db import transaction

from .models import Lot, Municipality, Product, ProductCap, Provider, Region, Tariff

DATA_DIR = Path(__file__).with_name("data")


class CatalogueDataError(ValueError):
    """A data file breaks the format of docs/catalogue-data.md."""


@dataclass
class LoadResult:
    region: str
    loaded: bool
    products: int


def data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_all(paths: list[Path] | None = None) -> list[LoadResult]:
    return [load_file(path) for path in (paths or data_files())]


def _amount(value, where: str) -> Decimal:
    if isinstance(value, float):
        raise CatalogueDataError(f"{where}: amount {value!r} must be a string, not a float")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise CatalogueDataError(f"{where}: amount {value!r} is not a number") from exc


def _require(mapping: dict, key: str, where: str):
    if not isinstance(mapping, dict) or mapping.get(key) in (None, ""):
        raise CatalogueDataError(f"{where}: '{key}' is required")
    return mapping[key]


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(path.glob("*.csv")) if path.is_dir() else [path]:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def load_file(path: Path) -> LoadResult:
    """Loads a product book: a YAML file, or a spreadsheet (.xlsx, or a folder of CSV files) in the
    form of :mod:`.tabular`. All or nothing; a problem raises :class:`CatalogueDataError`."""
    from . import tabular

    digest = _digest(path)
    if tabular.is_tabular(path):
        data, problems = tabular.read(path)
        if problems:
            raise CatalogueDataError("\n".join(problems))
    else:
        try:
            data = yaml.safe_load(path.read_bytes())
        except yaml.YAMLError as exc:
            raise CatalogueDataError(f"{path.name}: not valid YAML: {exc}") from exc
    region_data = _require(data, "region", path.name)
    slug = _require(region_data, "slug", path.name)
    existing = Region.objects.filter(slug=slug).first()
    if existing and existing.content_hash == digest:
        return LoadResult(slug, False, existing.products.count())
    with transaction.atomic():
        count = _load(data, digest, path.name)
    return LoadResult(slug, True, count)


def _load(data: dict, digest: str, filename: str) -> int:
    region_data = data["region"]
    extra = {key: data[key] for key in ("cost_model", "contract_terms") if key in data}
    region, _ = Region.objects.update_or_create(
        slug=region_data["slug"],
        defaults={
            "name": _require(region_data, "name", filename),
            "year": _require(region_data, "year", filename),
            "document": _require(region_data, "document", filename),
            "description": region_data.get("description") or "",
            "extra": extra,
            "content_hash": digest,
        },
    )
    for entry in region_data.get("municipalities") or []:
        cbs = entry.get("cbs")
        if not cbs:
            continue
        municipality, _ = Municipality.objects.get_or_create(
            cbs_code=str(cbs).zfill(4), defaults={"name": entry["name"]}
        )
        municipality.regions.add(region)

    lots = {}
    for position, entry in enumerate(data.get("lots") or []):
        lot, _ = Lot.objects.update_or_create(
            region=region,
            code=str(_require(entry, "code", filename)),
            defaults={"name": entry.get("name") or str(entry["code"]), "position": position},
        )
        lots[lot.code] = lot

    providers: dict[str, Provider] = {}

    def provider(name: str, holder: Provider | None = None) -> Provider:
        name = name.strip()
        if name not in providers:
            providers[name], _ = Provider.objects.get_or_create(name=name)
        found = providers[name]
        if holder is not None and found.contract_holder_id is None and found.pk != holder.pk:
            found.contract_holder = holder
            found.save(update_fields=["contract_holder"])
        return found

    for entry in data.get("providers") or []:
        holder = provider(_require(entry, "name", filename))
        if not holder.is_contract_holder:
            holder.is_contract_holder = True
            holder.save(update_fields=["is_contract_holder"])
        for member in entry.get("members") or []:
            provider(member, holder)

    products = data.get("products") or []
    kept = []
    for position, entry in enumerate(products):
        kept.append(_load_product(region, lots, provider, position, entry, filename))
    Product.objects.filter(region=region).exclude(pk__in=[p.pk for p in kept]).delete()
    _link_exclusions(kept, products)
    _link_successors(kept, products, filename)
    return len(kept)


def _link_successors(products: list[Product], entries: list[dict], filename: str) -> None:
    """``valid_until`` and ``successor`` (a code of the same book): a product that ends and the one
    that replaces it for new toewijzingen. An end date is never set in the past: the protocol
    forbids changing product codes retroactively."""
    by_code = {p.code: p for p in products if p.code}
    today = dt.date.today()
    for number, (product, entry) in enumerate(zip(products, entries, strict=True), start=1):
        where = f"{filename}: product #{number}"
        until = entry.get("valid_until")
        if until is not None and not isinstance(until, dt.date):
            try:
                until = dt.date.fromisoformat(str(until))
            except ValueError:
                raise CatalogueDataError(
                    f"{where}: valid_until {until!r} is not a date (YYYY-MM-DD)"
                ) from None
        if until is not None and until < today and product.valid_until != until:
            raise CatalogueDataError(
                f"{where}: valid_until {until} lies in the past; product codes never change retroactively"
            )
        successor = None
        if entry.get("successor"):
            successor = by_code.get(str(entry["successor"]))
            if successor is None or successor.pk == product.pk:
                raise CatalogueDataError(
                    f"{where}: successor {entry['successor']!r} is not another code of this book"
                )
            if until is None:
                raise CatalogueDataError(
                    f"{where}: a successor needs the valid_until of the product it replaces"
                )
        if (product.valid_until, product.successor_id) != (until, successor.pk if successor else None):
            product.valid_until, product.successor = until, successor
            product.save(update_fields=["valid_until", "successor"])


def _load_product(region, lots, provider, position: int, entry: dict, filename: str) -> Product:
    where = f"{filename}: product #{position + 1}"
    name = _require(entry, "name", where)
    unit = entry.get("unit") or {}
    limits = entry.get("limits") or {}
    age = entry.get("age") or {}
    staff = entry.get("staff") or {}
    source = _require(entry, "source", where)
    lines = _require(source, "lines", where)
    lot_code = entry.get("lot")
    if lot_code is not None and str(lot_code) not in lots:
        raise CatalogueDataError(f"{where}: lot {lot_code!r} is not listed under lots")
    code = entry.get("code")
    category = entry.get("category") or (str(code)[:2] if code and str(code)[:2].isdigit() else None)
    product, _ = Product.objects.update_or_create(
        region=region,
        position=position,
        defaults={
            "lot": lots.get(str(lot_code)) if lot_code is not None else None,
            "code": str(code) if code else None,
            "category": str(category) if category else None,
            "name": name,
            "level": entry.get("level") or "",
            "unit_code": str(unit.get("ijw") or ""),
            "unit_label": unit.get("label") or "",
            "frequency_code": str(entry.get("frequency") or ""),
            "frequency_label": entry.get("frequency_label") or "",
            "max_duration_months": limits.get("max_duration_months"),
            "limits": limits,
            "age_min": age.get("min"),
            "age_max": age.get("max"),
            "start_before_age": age.get("start_before_age"),
            "extended_until": age.get("extended_until"),
            "referrers": [str(code) for code in entry["referrers"]] if entry.get("referrers") else None,
            "staff_level": staff.get("level") or "",
            "regiebehandelaar_required": staff.get("regiebehandelaar"),
            "staff_text": staff.get("text") or "",
            "excludes": [str(item) for item in entry.get("excludes") or []],
            "excludes_text": entry.get("excludes_text") or "",
            "notes": entry.get("notes") or "",
            "source_first_line": lines[0],
            "source_last_line": lines[-1],
            "conflicts": entry.get("conflicts") or [],
        },
    )
    product.tariffs.all().delete()
    conflicting = {
        str(value)
        for conflict in product.conflicts
        if str(conflict.get("field", "")).startswith("tarie") or conflict.get("field") == "tariff"
        for value in conflict.get("values") or []
    }
    Tariff.objects.bulk_create(
        Tariff(
            product=product,
            year=_require(tariff, "year", where),
            amount=_amount(_require(tariff, "amount", where), where),
            unit=tariff.get("unit") or product.unit_label,
            variant=tariff.get("variant") or "regular",
            in_conflict=tariff.get("in_conflict", str(tariff["amount"]) in conflicting),
        )
        for tariff in entry.get("tariffs") or []
    )
    product.caps.all().delete()
    ProductCap.objects.bulk_create(
        ProductCap(
            product=product,
            amount=_amount(_require(cap, "amount", where), where),
            unit_code=str(cap.get("unit") or ""),
            per=_require(cap, "per", where),
            label=cap.get("label") or "",
        )
        for cap in limits.get("caps") or []
    )
    product.providers.set([provider(name) for name in entry.get("providers") or []])
    return product


def _link_exclusions(products: list[Product], entries: list[dict]) -> None:
    by_key: dict[str, Product] = {}
    for product in products:
        by_key.setdefault(product.name.lower(), product)
        if product.code:
            by_key.setdefault(product.code.lower(), product)
    # The relation is symmetrical: clear everything first, then add, so that a product that
    # names no exclusions does not undo the ones its partner named.
    for product in products:
        product.excluded_products.clear()
    for product in products:
        targets = [by_key[item.lower()] for item in product.excludes if item.lower() in by_key]
        product.excluded_products.add(*[target for target in targets if target.pk != product.pk])
