"""A product book as a spreadsheet: an .xlsx workbook, or a folder of CSV files, with the fields
of the YAML format (docs/catalogue-data.md), one sheet per list.

Sheets and columns (the column names are the YAML keys, nested ones joined by dots):

- ``region``: one row with ``slug``, ``name``, ``year``, ``document``, ``description``;
- ``lots``: ``code``, ``name``;
- ``municipalities``: ``name``, ``cbs``;
- ``products``: one row per product (:data:`PRODUCT_COLUMNS`); lists (``referrers``,
  ``excludes``, ``providers``) separated by ``;``, ``source.lines`` as ``first-last``, and
  the structured limits without a column of their own (expert advice, crisis durations,
  conditional exclusions) as a JSON object in ``limits.more``;
- ``tariffs``: ``product`` (its code, or its name when it has none), ``year``, ``amount``,
  ``unit``, ``variant``, ``in_conflict`` (``ja`` where the book states two amounts);
- ``caps``: ``product``, ``amount``, ``unit``, ``per``, ``label``;
- ``providers``: ``name`` of a contract holder (hoofdaannemer), ``members`` delivering under it.

:func:`read` turns the sheets into the same data a YAML file gives, listing every problem as
``sheet, rij N, kolom: bericht``; the loader then stores it all or nothing, as it does a YAML
file. :func:`write` writes a loaded book in this form, so that a region can take last year's
book, change it and import it as this year's. Transcription notes (``conflicts``) exist only
in the YAML form.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db.models import Q

from jeugdketen.core.tables import UnreadableFile, read_tables, sheet_rows

from .models import Product, Provider, Region

REGION_COLUMNS = ["slug", "name", "year", "document", "description"]
LOT_COLUMNS = ["code", "name"]
MUNICIPALITY_COLUMNS = ["name", "cbs"]
#: column -> kind: text, int, bool (ja/nee), list, date, lines
PRODUCT_COLUMNS = {
    "code": "text",
    "category": "text",
    "name": "text",
    "lot": "text",
    "level": "text",
    "unit.ijw": "text",
    "unit.label": "text",
    "frequency": "text",
    "frequency_label": "text",
    "age.min": "int",
    "age.max": "int",
    "age.extended_until": "int",
    "age.start_before_age": "int",
    "referrers": "list",
    "staff.level": "text",
    "staff.regiebehandelaar": "bool",
    "staff.text": "text",
    "limits.max_duration_months": "int",
    "limits.indirect_time_allowed": "bool",
    "limits.text": "text",
    "limits.intensity.min": "int",
    "limits.intensity.max": "int",
    "limits.intensity.unit": "text",
    "limits.intensity.per": "text",
    "limits.more": "json",
    "excludes": "list",
    "excludes_text": "text",
    "valid_until": "date",
    "successor": "text",
    "providers": "list",
    "notes": "text",
    "source.lines": "lines",
}
TARIFF_COLUMNS = ["product", "year", "amount", "unit", "variant", "in_conflict"]
CAP_COLUMNS = ["product", "amount", "unit", "per", "label"]
PROVIDER_COLUMNS = ["name", "members"]
SHEETS = {
    "region": REGION_COLUMNS,
    "lots": LOT_COLUMNS,
    "municipalities": MUNICIPALITY_COLUMNS,
    "products": list(PRODUCT_COLUMNS),
    "tariffs": TARIFF_COLUMNS,
    "caps": CAP_COLUMNS,
    "providers": PROVIDER_COLUMNS,
}
REQUIRED = {
    "region": ["slug", "name", "year", "document"],
    "lots": ["code"],
    "municipalities": ["name"],
    "products": ["name", "source.lines"],
    "tariffs": ["product", "year", "amount"],
    "caps": ["product", "amount", "per"],
    "providers": ["name"],
}
MAX_ROWS = 10_000


def is_tabular(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".xlsx"


class _Sheet:
    """Rows of one sheet as dicts, with the row number a spreadsheet shows (header: row 1)."""

    def __init__(self, name: str, table, problems: list[str]) -> None:
        self.name, self.problems = name, problems
        self.rows, _ = sheet_rows(name, table, REQUIRED[name], MAX_ROWS, problems)

    def value(self, number: int, values: dict, column: str, kind: str = "text"):
        raw = values.get(column, "")
        where = f"{self.name}, rij {number}, {column}"
        if raw == "":
            if column in REQUIRED[self.name]:
                self.problems.append(f"{where}: verplicht")
            return None
        if kind == "int":
            try:
                return int(Decimal(raw.replace(",", ".")))
            except (InvalidOperation, ValueError):
                self.problems.append(f"{where}: {raw!r} is geen geheel getal")
                return None
        if kind == "amount":
            try:
                amount = Decimal(raw.replace(",", "."))
            except InvalidOperation:
                self.problems.append(f"{where}: {raw!r} is geen bedrag")
                return None
            return f"{amount:.2f}" if amount == amount.quantize(Decimal("0.01")) else str(amount)
        if kind == "bool":
            if raw.lower() not in ("ja", "nee"):
                self.problems.append(f"{where}: {raw!r} is geen ja of nee")
                return None
            return raw.lower() == "ja"
        if kind == "list":
            return [item.strip() for item in raw.split(";") if item.strip()]
        if kind == "date":
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                self.problems.append(f"{where}: {raw!r} is geen datum (JJJJ-MM-DD)")
                return None
        if kind == "json":
            try:
                more = json.loads(raw)
            except ValueError:
                more = None
            if not isinstance(more, dict):
                self.problems.append(f"{where}: geen JSON-object")
            return more
        if kind == "lines":
            first, _, last = raw.partition("-")
            try:
                return [int(first), int(last or first)]
            except ValueError:
                self.problems.append(f"{where}: {raw!r} is geen regelbereik (eerste-laatste)")
                return None
        return raw


def _nest(target: dict, dotted: str, value) -> None:
    *path, last = dotted.split(".")
    for key in path:
        target = target.setdefault(key, {})
    target[last] = value


def read(path) -> tuple[dict, list[str]]:
    """The product book at ``path`` as YAML-shaped data, and every problem found in it."""
    problems: list[str] = []
    try:
        tables = read_tables(path, SHEETS)
    except UnreadableFile as exc:
        return {}, [f"-, -, -: het bestand is geen leesbare werkmap (.xlsx) ({exc})"]
    if "region" not in tables or "products" not in tables:
        missing = [name for name in ("region", "products") if name not in tables]
        return {}, [f"{name}, -, -: blad ontbreekt" for name in missing]
    sheets = {name: _Sheet(name, table, problems) for name, table in tables.items()}
    region_rows = sheets["region"].rows
    if len(region_rows) != 1:
        problems.append(f"region, -, -: precies één rij verwacht, {len(region_rows)} gevonden")
        return {}, problems
    region_sheet = sheets["region"]
    number, values = region_rows[0]
    region = {column: region_sheet.value(number, values, column) for column in REGION_COLUMNS}
    region["year"] = region_sheet.value(number, values, "year", "int")
    region["municipalities"] = [
        {"name": sheets["municipalities"].value(n, v, "name"), "cbs": v.get("cbs") or None}
        for n, v in getattr(sheets.get("municipalities"), "rows", [])
    ]
    data = {"region": region, "lots": [], "products": []}
    for n, v in getattr(sheets.get("lots"), "rows", []):
        data["lots"].append({"code": sheets["lots"].value(n, v, "code"), "name": v.get("name") or None})
    for n, v in getattr(sheets.get("providers"), "rows", []):
        name = sheets["providers"].value(n, v, "name")
        data.setdefault("providers", []).append(
            {"name": name, "members": sheets["providers"].value(n, v, "members", "list") or []}
        )
    products, by_key = sheets["products"], {}
    for n, v in products.rows:
        entry: dict = {}
        for column, kind in PRODUCT_COLUMNS.items():
            value = products.value(n, v, column, kind)
            if column == "limits.more" and value:
                entry.setdefault("limits", {}).update(value)
            elif value is not None:
                _nest(entry, column, value)
        key = entry.get("code") or entry.get("name")
        if key in by_key:
            problems.append(f"products, rij {n}, code: {key!r} komt vaker voor")
        by_key[key] = entry
        data["products"].append(entry)
    for name, kinds in (
        ("tariffs", {"year": "int", "amount": "amount", "in_conflict": "bool"}),
        ("caps", {"amount": "amount"}),
    ):
        sheet = sheets.get(name)
        for n, v in getattr(sheet, "rows", []):
            owner = by_key.get(v.get("product", ""))
            if owner is None:
                problems.append(
                    f"{name}, rij {n}, product: {v.get('product', '')!r} staat niet op het blad products"
                )
                continue
            item = {c: sheet.value(n, v, c, kinds.get(c, "text")) for c in SHEETS[name] if c != "product"}
            item = {key: value for key, value in item.items() if value is not None}
            if name == "tariffs":
                item["variant"] = item.get("variant") or "regular"
                owner.setdefault("tariffs", []).append(item)
            else:
                owner.setdefault("limits", {}).setdefault("caps", []).append(item)
    return data, problems


def write(slug: str, path) -> int:
    """Writes the loaded book ``slug`` as an .xlsx workbook; returns the number of products."""
    from openpyxl import Workbook

    region = Region.objects.get(slug=slug)
    book = Workbook()
    book.remove(book.active)

    def sheet(name: str, rows: list[list]) -> None:
        target = book.create_sheet(name)
        target.append(SHEETS[name])
        for row in rows:
            target.append(["" if value is None else value for value in row])

    sheet("region", [[region.slug, region.name, region.year, region.document, region.description]])
    sheet("lots", [[lot.code, lot.name] for lot in region.lots.order_by("position")])
    sheet("municipalities", [[m.name, m.cbs_code] for m in region.municipalities.order_by("cbs_code")])
    products = list(
        Product.objects.filter(region=region)
        .select_related("lot", "successor")
        .prefetch_related("tariffs", "caps", "providers")
        .order_by("position")
    )
    sheet("products", [[_product_value(p, column) for column in PRODUCT_COLUMNS] for p in products])
    sheet(
        "tariffs",
        [
            [p.code or p.name, t.year, f"{t.amount:.2f}", t.unit, t.variant, _yes_no(t.in_conflict)]
            for p in products
            for t in sorted(p.tariffs.all(), key=lambda t: (t.year, t.variant, t.amount))
        ],
    )
    sheet(
        "caps",
        [
            [p.code or p.name, f"{c.amount.normalize():f}", c.unit_code, c.per, c.label]
            for p in products
            for c in p.caps.all()
        ],
    )
    holders = (
        Provider.objects.filter(is_contract_holder=True)
        .filter(Q(products__region=region) | Q(members__products__region=region))
        .distinct()
        .order_by("name")
    )
    sheet(
        "providers",
        [
            [h.name, ";".join(sorted(m.name for m in h.members.filter(products__region=region).distinct()))]
            for h in holders
        ],
    )
    book.save(path)
    return len(products)


def _yes_no(value) -> str | None:
    return None if value is None else ("ja" if value else "nee")


def _product_value(product: Product, column: str):
    limits = product.limits or {}
    intensity = limits.get("intensity") or {}
    covered = {"max_duration_months", "indirect_time_allowed", "text", "intensity", "caps"}
    more = {key: value for key, value in limits.items() if key not in covered and value is not None}
    values = {
        "code": product.code,
        "category": product.category,
        "name": product.name,
        "lot": product.lot.code if product.lot else None,
        "level": product.level,
        "unit.ijw": product.unit_code,
        "unit.label": product.unit_label,
        "frequency": product.frequency_code,
        "frequency_label": product.frequency_label,
        "age.min": product.age_min,
        "age.max": product.age_max,
        "age.extended_until": product.extended_until,
        "age.start_before_age": product.start_before_age,
        "referrers": ";".join(product.referrers) if product.referrers else None,
        "staff.level": product.staff_level,
        "staff.regiebehandelaar": _yes_no(product.regiebehandelaar_required),
        "staff.text": product.staff_text,
        "limits.max_duration_months": product.max_duration_months,
        "limits.indirect_time_allowed": _yes_no(limits.get("indirect_time_allowed")),
        "limits.text": limits.get("text"),
        "limits.intensity.min": intensity.get("min"),
        "limits.intensity.max": intensity.get("max"),
        "limits.intensity.unit": intensity.get("unit"),
        "limits.intensity.per": intensity.get("per"),
        "limits.more": json.dumps(more, ensure_ascii=False, sort_keys=True) if more else None,
        "excludes": ";".join(product.excludes) if product.excludes else None,
        "excludes_text": product.excludes_text,
        "valid_until": product.valid_until.isoformat() if product.valid_until else None,
        "successor": (product.successor.code or product.successor.name) if product.successor else None,
        "providers": ";".join(sorted(p.name for p in product.providers.all())) or None,
        "notes": product.notes,
        "source.lines": f"{product.source_first_line}-{product.source_last_line}",
    }
    value = values[column]
    return None if value == "" else value
