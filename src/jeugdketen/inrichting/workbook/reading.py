"""Reading a set-up workbook: an .xlsx file, or a folder with one ``<sheet>.csv`` per sheet.

Every cell becomes a stripped string (dates from Excel as ``JJJJ-MM-DD``, numbers as written),
so validation sees the same thing whichever format came in. Sheets the workbook lacks are
empty, optional columns it lacks are empty; sheets and columns beyond the format are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .columns import SHEETS

#: A set-up of a whole region fits easily; a file far beyond this is a mistake or an attack.
MAX_ROWS_PER_SHEET = 100_000


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict[str, str]


@dataclass
class Workbook:
    sheets: dict[str, list[Row]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _rows(name: str, table, book: Workbook) -> None:
    header = [_cell(h).lower() for h in next(table, [])]
    missing = [c.header for c in SHEETS[name] if c.required and c.header not in header]
    for column in missing:
        book.problems.append(f"{name}, rij 1, {column}: kolom ontbreekt")
    rows = []
    for number, cells in enumerate(table, start=2):
        values = {h: _cell(v) for h, v in zip(header, cells, strict=False) if h}
        if not any(values.values()):
            continue
        if len(rows) >= MAX_ROWS_PER_SHEET:
            book.problems.append(f"{name}, rij {number}, -: meer dan {MAX_ROWS_PER_SHEET} rijen")
            break
        rows.append(Row(number, values))
    book.sheets[name] = [] if missing else rows


def read(path) -> Workbook:
    """Reads `path`; problems with the file itself are listed, never raised."""
    path = Path(path)
    book = Workbook()
    if path.is_dir():
        for name in SHEETS:
            file = path / f"{name}.csv"
            if not file.exists():
                continue
            text = file.read_text(encoding="utf-8-sig")
            dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
            _rows(name, iter(csv.reader(text.splitlines(), dialect)), book)
        return book
    try:
        from openpyxl import load_workbook

        xlsx = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one clear problem
        book.problems.append(f"-, -, -: het bestand is geen leesbare werkmap (.xlsx) ({type(exc).__name__})")
        return book
    try:
        for name in SHEETS:
            if name in xlsx.sheetnames:
                _rows(name, xlsx[name].iter_rows(values_only=True), book)
    finally:
        xlsx.close()
    return book


def from_rows(data: dict[str, list[list]]) -> Workbook:
    """A workbook given as rows in memory (the header first), read like a file: for callers that
    set a region up in code, such as the demo, so that they pass the same validation."""
    book = Workbook()
    for name, rows in data.items():
        if name in SHEETS:
            _rows(name, iter(rows), book)
    return book
