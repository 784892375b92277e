"""The youths with the highest cost over the last twelve whole months (figure ``top75``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Sum

from jeugdketen.toegang.models import Client, Toewijzing

from . import aggregates, charts
from .common import SOURCE_LABEL, as_scope, first_of_month
from .report import Column, Report, Table, display, euros, percentage
from .spending import DECLARED, grouped, regroup, source, unique_rows


def last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve whole calendar months before the month of `today`."""
    end = first_of_month(today) - dt.timedelta(days=1)
    start = dt.date(end.year - 1, end.month, 1) + dt.timedelta(days=31)
    return start.replace(day=1), end


def top75(scope=None, *, today: dt.date, show_names: bool = False, limit: int = 75) -> Report:
    """The youths with the highest cost over the last twelve whole months."""
    scope = as_scope(scope)
    first, last = last_twelve_months(today)
    if source() == DECLARED:
        inner = (
            aggregates.client_costs(scope, first, last)
            .values(g_client=F("client"))
            .annotate(cents=Sum("cents"))
            .order_by()
        )
        src = DECLARED
    else:
        inner, src = grouped(scope, first, last, ["client"])
    # One pass: the window counts and sums every youth before LIMIT keeps the top rows.
    result = regroup(
        inner,
        "SELECT s.g_client, s.cents, COUNT(*) OVER (), SUM(s.cents) OVER () FROM {inner} "
        f"ORDER BY s.cents DESC, s.g_client LIMIT {int(limit)}",
    )
    top = [{"client": client, "cents": int(cents)} for client, cents, _n, _total in result]
    youths, total = (int(result[0][2]), int(result[0][3])) if result else (0, 0)
    ids = [row["client"] for row in top]
    clients = {
        client.pk: client for client in Client.objects.filter(pk__in=ids).select_related("municipality")
    }
    details = {
        row["client"]: row
        for row in unique_rows(scope(Toewijzing.objects.filter(client__in=ids)))
        .values("client")
        .annotate(providers=Count("provider", distinct=True), products=Count("product_code", distinct=True))
        .order_by()
    }
    table_rows = []
    for rank, row in enumerate(top, start=1):
        client = clients.get(row["client"])
        table_rows.append(
            {
                "rank": rank,
                "client": f"Cliënt {row['client']}",
                "name": client.full_name if show_names and client else "afgeschermd",
                "municipality": client.municipality.name if client else "",
                "cost": row["cents"],
                "providers": details.get(row["client"], {}).get("providers", 0),
                "products": details.get(row["client"], {}).get("products", 0),
            }
        )
    top_total = sum(row["cost"] for row in table_rows)
    summary = {
        "youths": youths,
        "total": total,
        "top_total": top_total,
        "top_share": percentage(top_total, total),
    }
    columns = [Column("rank", "Rang", "int"), Column("client", "Cliënt")]
    if show_names:
        columns.append(Column("name", "Naam"))
    columns += [
        Column("municipality", "Gemeente"),
        Column("cost", "Kosten 12 maanden", "money"),
        Column("providers", "Aanbieders", "int"),
        Column("products", "Producten", "int"),
    ]
    shown = table_rows[:20]
    chart = charts.bar_chart(
        f"Kosten van de {len(shown)} duurste jeugdigen (van de top {limit})",
        [row["client"] for row in shown],
        [("Kosten", [euros(row["cost"]) for row in shown])],
        fmt=lambda value: display(int(Decimal(value) * 100), "money"),
    )
    method = (
        f"Kosten per jeugdige van {first:%d-%m-%Y} tot en met {last:%d-%m-%Y} (de twaalf hele maanden voor "
        f"deze maand), bron: {SOURCE_LABEL[src]}. Bij gelijke kosten gaat het laagste cliëntnummer voor. "
        "Namen zijn alleen zichtbaar voor rollen met de bevoegdheid daartoe."
    )
    return Report(
        "top75",
        f"Top {limit} jeugdigen naar kosten",
        {"today": today, "first": first, "last": last, "source": src, "names": show_names},
        [Table("rows", f"Top {limit}", columns, table_rows)],
        summary,
        {"youths": "int", "total": "money", "top_total": "money", "top_share": "percent"},
        method,
        [chart],
    )
