"""Reading a set-up workbook: an .xlsx file, or a folder with one ``<sheet>.csv`` per sheet.

Every cell becomes a stripped string (dates from Excel as ``JJJJ-MM-DD``, numbers as written),
so validation sees the same thing whichever format came in. Sheets the workbook lacks are
empty, optional columns it lacks are empty; sheets and columns beyond the format are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jeugdketen.core.tables import UnreadableFile, read_tables, sheet_rows

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


def _rows(name: str, table, book: Workbook) -> None:
    required = [c.header for c in SHEETS[name] if c.required]
    rows, missing = sheet_rows(name, table, required, MAX_ROWS_PER_SHEET, book.problems)
    book.sheets[name] = [] if missing else [Row(number, values) for number, values in rows]


def read(path) -> Workbook:
    """Reads `path`; problems with the file itself are listed, never raised."""
    book = Workbook()
    try:
        tables = read_tables(path, SHEETS)
    except UnreadableFile as exc:
        book.problems.append(f"-, -, -: het bestand is geen leesbare werkmap (.xlsx) ({exc})")
        return book
    for name, table in tables.items():
        _rows(name, table, book)
    return book


def from_rows(data: dict[str, list[list]]) -> Workbook:
    """A workbook given as rows in memory (the header first), read like a file: for callers that
    set a region up in code, such as the demo, so that they pass the same validation."""
    book = Workbook()
    for name, rows in data.items():
        if name in SHEETS:
            _rows(name, iter(rows), book)
    return book
