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
