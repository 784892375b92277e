"""Tables from a spreadsheet: an .xlsx workbook, or a folder with one ``<sheet>.csv`` per sheet.

The one place that reads both forms, for every import that takes spreadsheets (the set-up
workbook, a product book). Every cell becomes a stripped string (dates from Excel as
``JJJJ-MM-DD``, numbers as written), so validation sees the same thing whichever form came in.
The workbook is opened read-only and without formulas evaluated; CSV files may be separated by
commas, semicolons or tabs and may start with a byte-order mark.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path


class UnreadableFile(ValueError):
    """The file is not a workbook (or folder of CSV files) that can be read."""


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value).strip()


def _dialect(text: str):
    """The separator of the header line: comma, semicolon or tab (a one-column file has none)."""
    try:
        return csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_tables(path, names: Iterable[str]) -> dict[str, Iterator[list]]:
    """The sheets of ``names`` that ``path`` has, each as an iterator of rows (the header first).

    Raises :class:`UnreadableFile` when ``path`` is neither a folder nor a readable .xlsx file.
    The rows are read into memory, so the caller need not keep anything open.
    """
    path = Path(path)
    tables: dict[str, Iterator[list]] = {}
    if path.is_dir():
        for name in names:
            file = path / f"{name}.csv"
            if file.exists():
                text = file.read_text(encoding="utf-8-sig")
                tables[name] = iter(list(csv.reader(text.splitlines(), _dialect(text))))
        return tables
    try:
        from openpyxl import load_workbook

        xlsx = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one clear problem
        raise UnreadableFile(type(exc).__name__) from exc
    try:
        for name in names:
            if name in xlsx.sheetnames:
                tables[name] = iter([list(row) for row in xlsx[name].iter_rows(values_only=True)])
    finally:
        xlsx.close()
    return tables


def sheet_rows(name: str, table: Iterator[list], required, limit: int, problems: list[str]):
    """The non-empty rows of sheet ``name``: ``(rows, missing)``, each row as (its number as the
    spreadsheet shows it, the header being row 1; {lower-case header: cell}), and the required
    columns the header lacks. A missing column and a sheet of more than ``limit`` rows are listed
    in ``problems`` as ``sheet, rij N, kolom: bericht``."""
    header = [cell(h).lower() for h in next(table, [])]
    missing = [column for column in required if column not in header]
    problems.extend(f"{name}, rij 1, {column}: kolom ontbreekt" for column in missing)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(table, start=2):
        values = {h: cell(v) for h, v in zip(header, cells, strict=False) if h}
        if not any(values.values()):
            continue
        if len(rows) >= limit:
            problems.append(f"{name}, rij {number}, -: meer dan {limit} rijen")
            break
        rows.append((number, values))
    return rows, missing
