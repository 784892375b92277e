"""Budget depletion per municipality and lot, and the year-end forecast (figure ``budget``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from jeugdketen.catalogus.models import Lot, Municipality, Product

from . import aggregates, charts
from .common import SOURCE_LABEL, as_scope, first_of_month, year_bounds
from .models import Budget
from .report import Column, Report, Table, display, euros, percentage
from .spending import ALLOCATED, DECLARED, allocated, source, spending


def budget(scope=None, *, year: int, today: dt.date, tariffs: dict | None = None) -> Report:
    """Budget depletion per municipality and lot, with a year-end forecast.

    Realised spending counts whole months up to the end of the month before `today` (the
    months providers have declared); committed spending is what the open toewijzingen will
    cost from the first of `today`'s month to 31 December. The forecast is their sum.
    `tariffs` ({(provider id, product id): tariff}) prices the committed part at other
    tariffs: the tariffs what-if (jeugdketen.tarieven) asks this figure, not a copy of it.
    """
    scope = as_scope(scope)
    first, last = year_bounds(year)
    cut = min(max(first_of_month(today), first), last + dt.timedelta(days=1))
    # Grouped by product, not lot: no join in the big scan; products map to lots below.
    group = ["municipality", "product"]
    if cut <= first:
        realised, src = [], ALLOCATED
    elif source() == DECLARED:
        realised, src = aggregates.costs(scope, first, cut - dt.timedelta(days=1), group), DECLARED
    else:
        realised, src = spending(scope, first, cut - dt.timedelta(days=1), group, youths=False)
    committed = allocated(scope, cut, last, group, youths=False, tariffs=tariffs) if cut <= last else []
    lot_of = dict(
        Product.objects.filter(pk__in={row["product"] for row in realised + committed}).values_list(
            "pk", "lot"
        )
    )
    figures: dict[tuple, dict] = defaultdict(lambda: {"budget": None, "realised": 0, "committed": 0})
    for row in scope(Budget.objects.filter(year=year)).values("municipality", "lot", "amount"):
        figures[(row["municipality"], row["lot"])]["budget"] = int(row["amount"] * 100)
    for row in realised:
        figures[(row["municipality"], lot_of.get(row["product"]))]["realised"] += row["cents"]
    for row in committed:
        figures[(row["municipality"], lot_of.get(row["product"]))]["committed"] += row["cents"]
    municipalities = dict(
        Municipality.objects.filter(pk__in={k[0] for k in figures}).values_list("pk", "name")
    )
    lots = dict(Lot.objects.filter(pk__in={k[1] for k in figures if k[1]}).values_list("pk", "name"))
    rows = []
    for (municipality, lot), values in figures.items():
        forecast = values["realised"] + values["committed"]
        rows.append(
            {
                "municipality": municipalities.get(municipality, "—"),
                "lot": lots.get(lot, "zonder perceel"),
                "budget": values["budget"],
                "realised": values["realised"],
                "committed": values["committed"],
                "forecast": forecast,
                "depletion": percentage(values["realised"], values["budget"]) if values["budget"] else None,
                "forecast_share": percentage(forecast, values["budget"]) if values["budget"] else None,
                "remaining": values["budget"] - forecast if values["budget"] is not None else None,
            }
        )
    rows.sort(key=lambda row: (row["municipality"], row["lot"]))
    total_budget = sum(row["budget"] or 0 for row in rows)
    summary = {
        "budget": total_budget,
        "realised": sum(row["realised"] for row in rows),
        "committed": sum(row["committed"] for row in rows),
        "forecast": sum(row["forecast"] for row in rows),
    }
    summary["forecast_share"] = percentage(summary["forecast"], total_budget)
    table = Table(
        "rows",
        "Budget per gemeente en perceel",
        [
            Column("municipality", "Gemeente"),
            Column("lot", "Perceel"),
            Column("budget", "Budget", "money"),
            Column("realised", "Gerealiseerd", "money"),
            Column("committed", "Verplicht rest van het jaar", "money"),
            Column("forecast", "Prognose jaareinde", "money"),
            Column("depletion", "Uitputting %", "percent"),
            Column("forecast_share", "Prognose % van budget", "percent"),
            Column("remaining", "Verwacht over (+) / tekort (−)", "money"),
        ],
        rows,
    )
    chart = charts.bar_chart(
        "Budget en prognose jaareinde per gemeente en perceel",
        [f"{row['municipality']} – {row['lot']}" for row in rows],
        [
            ("Budget", [euros(row["budget"] or 0) for row in rows]),
            ("Prognose", [euros(row["forecast"]) for row in rows]),
            ("Gerealiseerd", [euros(row["realised"]) for row in rows]),
        ],
        fmt=lambda value: display(int(Decimal(value) * 100), "money"),
    )
    method = (
        f"Gerealiseerd: uitgaven over de hele maanden van {first:%d-%m-%Y} tot {cut:%d-%m-%Y} "
        f"(bron: {SOURCE_LABEL[src]}). Verplicht: wat de lopende toewijzingen (niet ingetrokken, tot hun "
        f"einddatum of eerste stopbericht) kosten van {cut:%d-%m-%Y} tot en met {last:%d-%m-%Y}, volume × "
        "gecontracteerd tarief naar rato van de dagen. Prognose jaareinde = gerealiseerd + verplicht. "
        "Uitputting = gerealiseerd als percentage van het budget."
    )
    return Report(
        "budget",
        "Budgetuitputting en prognose",
        {"year": year, "today": today, "source": src},
        [table],
        summary,
        {
            "budget": "money",
            "realised": "money",
            "committed": "money",
            "forecast": "money",
            "forecast_share": "percent",
        },
        method,
        [chart],
    )
