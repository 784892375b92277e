"""Importing scale amounts from CSV or XLSX: all rows checked first, then one transaction.

Columns (Dutch headers, as a functional administrator's spreadsheet has them): ``cao``
(JZ, GGZ or GHZ), ``schaal``, ``jaar``, ``bedrag`` (euros per month, ``3.456,78`` or
``3456.78``) and ``bron``. A row for a CAO, scale and year that exists replaces its amount.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from jeugdketen.kostprijs.spec import available, load

from .models import CAO_CHOICES, ScaleAmount

COLUMNS = ("cao", "schaal", "jaar", "bedrag", "bron")
CAOS = {code for code, _label in CAO_CHOICES}


class ImportError_(Exception):
    """The file could not be read or holds invalid rows; nothing was stored."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Row:
    cao: str
    scale: str
    year: int
    amount: Decimal
    source: str


def known_scales() -> dict[str, set[str]]:
    """Every scale the region models name in Tabel 1, per CAO."""
    scales: dict[str, set[str]] = {}
    for region in available():
        for level in load(region).levels.values():
            for cao in CAOS:
                scales.setdefault(cao, set()).update(level.get(cao, {}) or {})
    return scales


def parse_amount(text: str) -> Decimal:
    text = str(text).strip().replace("€", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite() or value <= 0 or value != value.quantize(Decimal("0.01")):
        raise InvalidOperation
    return value


def read_table(content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as dicts of the header names (lower case), from CSV (; or ,) or XLSX."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the same answer
            raise ImportError_(
                [f"Het bestand is geen leesbaar XLSX-bestand ({exc.__class__.__name__})."]
            ) from exc
        rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        if not rows:
            return []
        header = [str(cell or "").strip().lower() for cell in rows[0]]
        return [
            {header[i]: "" if cell is None else str(cell) for i, cell in enumerate(row) if i < len(header)}
            for row in rows[1:]
            if any(cell not in (None, "") for cell in row)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(["Het bestand is geen UTF-8 tekst."]) from exc
    dialect = ";" if text.count(";") >= text.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    return [row for row in reader if any((value or "").strip() for value in row.values())]


def validate(rows: list[dict[str, str]]) -> list[Row]:
    """The rows as Row objects, or ImportError_ listing every problem as 'rij N, kolom: melding'."""
    if not rows:
        raise ImportError_(["Het bestand bevat geen regels."])
    missing = [column for column in COLUMNS if column not in rows[0]]
    if missing:
        raise ImportError_([f"Kolom ontbreekt: {', '.join(missing)}."])
    scales = known_scales()
    problems, result, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        cao = (row.get("cao") or "").strip().upper()
        scale = (row.get("schaal") or "").strip()
        if scale.replace(".0", "").isdigit():
            scale = scale.replace(".0", "")
        source = (row.get("bron") or "").strip()
        if cao not in CAOS:
            problems.append(f"rij {number}, cao: '{cao}' is geen JZ, GGZ of GHZ.")
        elif scale not in scales.get(cao, set()):
            problems.append(
                f"rij {number}, schaal: '{scale}' komt in het kostprijsmodel niet voor bij {cao}."
            )
        try:
            year = int(str(row.get("jaar") or "").strip().removesuffix(".0"))
            if not 2000 <= year <= 2100:
                raise ValueError
        except ValueError:
            problems.append(f"rij {number}, jaar: '{row.get('jaar')}' is geen jaartal.")
            year = 0
        try:
            amount = parse_amount(row.get("bedrag") or "")
        except (InvalidOperation, ValueError):
            problems.append(f"rij {number}, bedrag: '{row.get('bedrag')}' is geen bedrag in euro's.")
            amount = Decimal(0)
        if not source:
            problems.append(f"rij {number}, bron: vul in waar het bedrag vandaan komt.")
        key = (cao, scale, year)
        if key in seen:
            problems.append(f"rij {number}: {cao} schaal {scale} {year} staat twee keer in het bestand.")
        seen.add(key)
        result.append(Row(cao, scale, year, amount, source[:255]))
    if problems:
        raise ImportError_(problems)
    return result


def store(rows: list[Row], *, actor: str) -> dict[str, int]:
    """Stores validated rows in one transaction; counts created, changed and unchanged rows."""
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            existing = (
                ScaleAmount.objects.select_for_update()
                .filter(cao=row.cao, scale=row.scale, year=row.year)
                .first()
            )
            if existing is None:
                ScaleAmount.objects.create(
                    cao=row.cao,
                    scale=row.scale,
                    year=row.year,
                    amount=row.amount,
                    source=row.source,
                    entered_by=actor,
                )
                counts["created"] += 1
            elif existing.amount != row.amount or existing.source != row.source:
                existing.amount, existing.source, existing.entered_by = row.amount, row.source, actor
                existing.save()
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
    return counts


def import_file(content: bytes, filename: str, *, actor: str) -> dict[str, int]:
    return store(validate(read_table(content, filename)), actor=actor)
