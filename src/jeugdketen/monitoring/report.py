"""The shape every monitoring figure shares: tables of typed columns, a summary, a chart.

A figure is computed once, as a :class:`Report`, and then shown as a page, exported to CSV
and XLSX, and printed as JSON by ``jeugdketen report NAME --json``. All four read the same
rows, so an export always holds the numbers on the page.

Column kinds decide how a value is written:

- ``money``: integer cents in the rows; euros with two decimals everywhere else
  (a decimal string in JSON and CSV, a number in XLSX);
- ``int``; ``decimal`` (a :class:`~decimal.Decimal`, one decimal place); ``percent`` (a
  Decimal percentage such as ``Decimal("12.5")``); ``text``; ``date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)


@dataclass
class Report:
    name: str
    title: str
    parameters: dict
    tables: list[Table]
    summary: dict = field(default_factory=dict)
    summary_kinds: dict = field(default_factory=dict)
    method: str = ""
    charts: list[str] = field(default_factory=list)
    #: Where the report applies, for a report that follows one region's contract (shown on screen).
    notice: str = ""

    def as_json(self) -> dict:
        return {
            "report": self.name,
            "parameters": {key: json_value(value) for key, value in self.parameters.items()},
            "summary": {
                key: json_value(value, self.summary_kinds.get(key, "")) for key, value in self.summary.items()
            },
            "tables": {
                table.key: [
                    {column.key: json_value(row.get(column.key), column.kind) for column in table.columns}
                    for row in table.rows
                ]
                for table in self.tables
            },
        }

    def summary_items(self) -> list[tuple[str, str]]:
        labels = self.parameters.get("_labels", {})
        return [
            (labels.get(key, key), display(value, self.summary_kinds.get(key, "")))
            for key, value in self.summary.items()
        ]


def euros(cents: int | None) -> Decimal | None:
    if cents is None:
        return None
    return (Decimal(int(cents)) / 100).quantize(Decimal("0.01"))


def json_value(value, kind: str = ""):
    """The JSON form: money and decimals as strings (never floats), dates ISO, the rest as is."""
    if value is None:
        return None
    if kind == "money":
        return str(euros(value))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def plain_value(value, kind: str):
    """The value for CSV and XLSX cells: euros as Decimal, others unchanged."""
    if value is None:
        return None
    if kind == "money":
        return euros(value)
    return value


def dutch_number(value: Decimal | int, places: int) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def display(value, kind: str = "") -> str:
    """The Dutch on-screen form: € 1.234,56, 12,5 %, 3,0."""
    if value is None:
        return "—"
    if kind == "money":
        return f"€ {dutch_number(euros(value), 2)}"
    if kind == "percent":
        return f"{dutch_number(Decimal(value), 1)} %"
    if kind == "decimal":
        return dutch_number(Decimal(value), 1)
    if kind == "int":
        return dutch_number(int(value), 0)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def one_decimal(value) -> Decimal | None:
    """A database average (float or Decimal) as a Decimal with one decimal place."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"))


def percentage(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))
