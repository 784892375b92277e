"""Residential care cost per youth per quarter against the 25 % target (figure ``residential``).

Which products count is decided per region by :mod:`.definitions`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Sum, Value, When

from jeugdketen.regels import regel

from . import aggregates, charts, definitions
from .common import SOURCE_LABEL, as_scope, quarters, year_bounds
from .report import Column, Report, Table, display, euros
from .spending import ALLOCATED, DECLARED, allocated, regroup, source

REDUCTION_TARGET = Decimal("25")  # % lower cost per youth than the year before (MLO L1147-1158)


def _quarter_row(label: str, cents: int, youths: int, last: dt.date, today: dt.date) -> dict:
    return {
        "quarter": label,
        "cost": cents,
        "youths": youths,
        "per_youth": cents // youths if youths else None,
        "complete": last < today,
    }


def _residential_declared(scope, year: int, today: dt.date, filters):
    """All eight quarters and both years in one query over accepted prestaties.

    The inner query sums per youth and quarter; the outer one counts and sums those rows per
    quarter, and counts distinct youths per year, so the database scans the lines once.
    """
    periods = quarters(year - 1) + quarters(year)
    period = Case(
        *[
            When(month__gte=first, month__lte=last, then=Value(n))
            for n, (_l, first, last) in enumerate(periods)
        ],
        output_field=IntegerField(),
    )
    inner = (
        aggregates.client_costs(scope, periods[0][1], periods[-1][2], filters=filters)
        .annotate(period=period)
        .values("period", g_client=F("client"))
        .annotate(cents=Sum("cents"))
        .order_by()
    )
    columns = []
    for n in range(len(periods)):
        columns += [
            f"SUM(CASE WHEN s.period = {n} THEN s.cents END)",
            f"COUNT(CASE WHEN s.period = {n} THEN s.g_client END)",
        ]
    for test in ("s.period < 4", "s.period >= 4"):
        columns += [
            f"SUM(CASE WHEN {test} THEN s.cents END)",
            f"COUNT(DISTINCT CASE WHEN {test} THEN s.g_client END)",
        ]
    values = [int(v or 0) for v in regroup(inner, f"SELECT {', '.join(columns)} FROM {{inner}}")[0]]
    rows = [
        _quarter_row(label, values[2 * n], values[2 * n + 1], last, today)
        for n, (label, _first, last) in enumerate(periods)
    ]
    yearly = {}
    for offset, y in enumerate((year - 1, year)):
        cents, youths = values[16 + 2 * offset], values[17 + 2 * offset]
        yearly[y] = (cents, youths, cents // youths if youths else None)
    return rows, yearly


def _residential_allocated(scope, year: int, today: dt.date, filters):
    """The allocation estimate divides each toewijzing over the days of a period: one query per period."""
    rows = []
    for label, first, last in quarters(year - 1) + quarters(year):
        result = allocated(as_scope(scope), first, last, [], filters=filters)
        cents = sum(row["cents"] for row in result)
        youths = sum(row["youths"] for row in result)
        rows.append(_quarter_row(label, cents, youths, last, today))
    yearly = {}
    for y in (year - 1, year):
        result = allocated(as_scope(scope), *year_bounds(y), [], filters=filters)
        cents = sum(row["cents"] for row in result)
        youths = sum(row["youths"] for row in result)
        yearly[y] = (cents, youths, cents // youths if youths else None)
    return rows, yearly


@regel("VERBLIJF-KOSTEN")
def residential(scope=None, *, year: int, today: dt.date) -> Report:
    """Residential care cost per youth per quarter, and progress toward the 25 % reduction.

    Which products count is decided per region by :mod:`.definitions`: the contract's own list
    where a region's contract names one, else the JZ020 residential categories.
    """
    scope = as_scope(scope)
    definition = definitions.residential()
    filters = definition.where
    if source() == DECLARED:
        rows, yearly = _residential_declared(scope, year, today, filters)
        src = DECLARED
    else:
        rows, yearly = _residential_allocated(scope, year, today, filters)
        src = ALLOCATED
    base, current = yearly[year - 1][2], yearly[year][2]
    reduction = (
        (Decimal(base - current) * 100 / Decimal(base)).quantize(Decimal("0.1"))
        if base and current is not None
        else None
    )
    summary = {
        "base_per_youth": base,
        "target_per_youth": int((Decimal(base) * (100 - REDUCTION_TARGET) / 100).to_integral_value())
        if base
        else None,
        "per_youth": current,
        "reduction": reduction,
        "target": REDUCTION_TARGET,
        "progress": (reduction * 100 / REDUCTION_TARGET).quantize(Decimal("0.1"))
        if reduction is not None
        else None,
    }
    for row in rows:
        row["complete"] = "ja" if row["complete"] else "nee (lopend)"
    table = Table(
        "rows",
        "Kosten verblijf per jeugdige per kwartaal",
        [
            Column("quarter", "Kwartaal"),
            Column("cost", "Kosten verblijf", "money"),
            Column("youths", "Jeugdigen met verblijf", "int"),
            Column("per_youth", "Kosten per jeugdige", "money"),
            Column("complete", "Kwartaal voorbij"),
        ],
        rows,
    )
    target_quarter = None
    if base:
        # A quarter's cost per youth is compared with the base year's average quarter.
        base_quarters = [row["per_youth"] for row in rows[:4] if row["per_youth"] is not None]
        if base_quarters:
            average = sum(base_quarters) / len(base_quarters)
            target_quarter = euros(int(average * float(100 - REDUCTION_TARGET) / 100))
    chart = charts.line_chart(
        "Kosten verblijf per jeugdige per kwartaal",
        [row["quarter"] for row in rows],
        [
            (
                "Kosten per jeugdige",
                [euros(row["per_youth"]) if row["per_youth"] is not None else None for row in rows],
            )
        ],
        fmt=lambda value: display(int(Decimal(str(value)) * 100), "money"),
        reference=("doel −25 %", target_quarter) if target_quarter is not None else None,
    )
    basis = Table(
        "definition",
        "Welke producten tellen als verblijf, per regio",
        [Column("region", "Regio"), Column("basis", "Grondslag"), Column("products", "Producten")],
        definition.regions,
    )
    categories = ", ".join(definitions.RESIDENTIAL_CATEGORIES)
    method = (
        "Verblijf volgt per regio de eigen documenten: waar het contract de producten noemt, precies die; "
        f"waar de documenten geen lijst noemen, de productcategorieën {categories} (JZ020); zie de tabel "
        "per regio. Kosten per jeugdige = kosten in het kwartaal gedeeld door het aantal jeugdigen met "
        "verblijfskosten in dat kwartaal; bron: "
        f"{SOURCE_LABEL[src]}. Doel: de kosten per jeugdige over {year} {REDUCTION_TARGET} % lager dan over "
        f"{year - 1} (ontwikkeldoelstelling, gemiddelde van alle aanbieders samen). Voortgang = bereikte "
        "verlaging als deel van de doelverlaging."
    )
    return Report(
        "residential",
        "Kosten verblijf per jeugdige",
        {"year": year, "today": today, "source": src},
        [table, basis],
        summary,
        {
            "base_per_youth": "money",
            "target_per_youth": "money",
            "per_youth": "money",
            "reduction": "percent",
            "target": "percent",
            "progress": "percent",
        },
        method,
        [chart],
    )
