"""The KPIs of Midden-Limburg Oost's perceel "Verblijf met behandeling +" (art. 13.7 and the
product book's perceel 6): cost per youth, inflow of youths, and the quality level.

The contract defines the figures over the perceel, not over a kind of product: "alle kosten ...
die de Aanbieders, in het perceel ... maken" (the residential products *and* the ambulant
alternatives of the perceel, but not the housing products of perceel 7, Wonen, where logeren
sits). So this report counts exactly the products of that lot, from the toewijzingen (volume ×
tariff per day, like the other allocation estimates): per quarter the cost, the youths, the
cost per youth against the 25 % target, and the inflow (youths whose first toewijzing in the
perceel begins in the quarter). The quality KPI is "nader te bepalen i.s.m. Aanbieders" in the
contract: there is no measure to compute, and the report says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Min

from jeugdketen.regels import regel
from jeugdketen.toegang.models import Toewijzing

from . import applicability, charts, definitions
from .common import as_scope, quarters
from .report import Column, Report, Table
from .residential import REDUCTION_TARGET  # the same target of art. 13.7, decided once
from .spending import allocated

REGION = "midden-limburg-oost-2020"
# The contract's list of products is decided in one place, shared with the residential cost trend.
PERCEEL = definitions.RESIDENTIAL[REGION].lot
FILTERS = definitions.lot_filters(REGION)


@regel("KPI-PERCEEL-KOSTEN", "KPI-INSTROOM", "KPI-KWALITEIT")
def perceel(scope=None, *, year: int, today: dt.date) -> Report:
    """Cost per youth and inflow per quarter of the perceel, this year and the year before."""
    scope = as_scope(scope)
    periods = quarters(year - 1) + quarters(year)
    firsts = (
        scope(Toewijzing.objects.filter(**FILTERS))
        .exclude(status=Toewijzing.Status.INGETROKKEN)
        .values("client_id")
        .annotate(first=Min("begin"))
        .values_list("first", flat=True)
    )
    firsts = [first for first in firsts]
    rows = []
    for label, first, last in periods:
        (result,) = allocated(scope, first, last, [], filters=FILTERS) or [{"cents": 0, "youths": 0}]
        cents, youths = result["cents"], result["youths"]
        rows.append(
            {
                "quarter": label,
                "cost": cents,
                "youths": youths,
                "per_youth": cents // youths if youths else None,
                "inflow": sum(1 for day in firsts if first <= day <= last),
                "complete": "ja" if last < today else "nee (lopend)",
            }
        )
    yearly = {}
    for y in (year - 1, year):
        (result,) = allocated(scope, dt.date(y, 1, 1), dt.date(y, 12, 31), [], filters=FILTERS) or [
            {"cents": 0, "youths": 0}
        ]
        yearly[y] = result["cents"] // result["youths"] if result["youths"] else None
    base, current = yearly[year - 1], yearly[year]
    reduction = (
        (Decimal(base - current) * 100 / Decimal(base)).quantize(Decimal("0.1")) if base and current else None
    )
    chart = charts.bar_chart(
        f"Instroom van jeugdigen in het perceel {PERCEEL} per kwartaal",
        [row["quarter"] for row in rows],
        [("Instroom", [row["inflow"] for row in rows])],
    )
    return Report(
        "perceel",
        f"KPI's perceel {PERCEEL} (Midden-Limburg Oost)",
        {"year": year, "today": today},
        [
            Table(
                "rows",
                "Kosten per jeugdige en instroom per kwartaal",
                [
                    Column("quarter", "Kwartaal"),
                    Column("cost", "Kosten perceel", "money"),
                    Column("youths", "Jeugdigen", "int"),
                    Column("per_youth", "Kosten per jeugdige", "money"),
                    Column("inflow", "Instroom (nieuwe jeugdigen)", "int"),
                    Column("complete", "Kwartaal voorbij"),
                ],
                rows,
            ),
            Table(
                "quality",
                "Kwalitatief niveau van jeugdhulp",
                [Column("kpi", "KPI"), Column("status", "Stand")],
                [
                    {
                        "kpi": "Kwalitatief niveau van jeugdhulp",
                        "status": "Het contract laat de maat open (<nader te bepalen i.s.m. Aanbieders>); "
                        "tevredenheid, wachttijden, uitval en doelrealisatie (art. 35.1) staan in hun eigen "
                        "rapporten.",
                    }
                ],
            ),
        ],
        {
            "base_per_youth": base,
            "per_youth": current,
            "reduction": reduction,
            "target": REDUCTION_TARGET,
            "inflow": sum(row["inflow"] for row in rows[4:]),
        },
        {
            "base_per_youth": "money",
            "per_youth": "money",
            "reduction": "percent",
            "target": "percent",
            "inflow": "int",
        },
        f"Alle producten van het perceel {PERCEEL} van Midden-Limburg Oost, ook de ambulante "
        "alternatieven, en geen andere (niet logeren of wonen uit perceel 7). Kosten geschat uit de "
        "toewijzingen (volume × tarief per dag). Instroom: jeugdigen van wie de eerste toewijzing in het "
        "perceel in het kwartaal begint. Doel: 25 % lagere kosten per jeugdige dan het jaar ervoor.",
        [chart],
        # Its products are that contract's perceel: elsewhere the report counts nothing, and says why.
        applicability.notice("KPI-PERCEEL-KOSTEN", "art. 13.7"),
    )
