"""Signals: where the access team went against a book's advice, and why.

A rule of kind ``signaleert`` (a duration guideline, Alkmaar's logical referrer, Noordoost-
Brabant's "dringend advies") does not refuse; the worker goes on and records a reason
(:class:`jeugdketen.toegang.models.Signaal`). A contract manager sees here how often each
rule was set aside, per region, and the reasons given, so the book's advice can be weighed
against practice. Signals recorded without a worker (a provider's request answered by the
system) are counted apart.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from jeugdketen.regels import regel
from jeugdketen.regels.register import REGION_NAMES, get
from jeugdketen.toegang.models import Signaal

from . import charts
from .report import Column, Report, Table, percentage

LATEST = 50


@regel("SIGNALEN")
def signals(scope=None, *, year: int, today: dt.date) -> Report:
    """Signals of toewijzingen recorded in `year`, per rule and region, and the latest reasons."""
    scope = scope or (lambda queryset: queryset)
    base = scope(Signaal.objects.filter(recorded_on__year=year, recorded_on__lte=today))
    rows = []
    for row in (
        base.values("rule", "region")
        .annotate(
            n=Count("pk", distinct=True), automatic=Count("pk", filter=Q(automatic=True), distinct=True)
        )
        .order_by("rule", "region")
    ):
        entry = get(row["rule"])
        rows.append(
            {
                "rule": row["rule"],
                "text": entry.rule if entry else "",
                "region": REGION_NAMES.get(row["region"], row["region"] or "—"),
                "signals": row["n"],
                "by_worker": row["n"] - row["automatic"],
                "automatic": row["automatic"],
            }
        )
    latest = [
        {
            "date": signal.recorded_on,
            "rule": signal.rule,
            "toewijzing": signal.toewijzing.number,
            "product": signal.toewijzing.product_code or signal.toewijzing.product_category,
            "reason": signal.reason,
        }
        for signal in base.select_related("toewijzing").order_by("-recorded_on", "-pk").distinct()[:LATEST]
    ]
    total = sum(row["signals"] for row in rows)
    automatic = sum(row["automatic"] for row in rows)
    chart = charts.bar_chart(
        "Signalen per regel en regio",
        [f"{row['rule']} ({row['region']})" for row in rows],
        [
            ("Met reden van de toegang", [row["by_worker"] for row in rows]),
            ("Zonder beoordeling", [row["automatic"] for row in rows]),
        ],
    )
    return Report(
        "signals",
        "Signalen: advies van het boek, toch toegewezen",
        {"year": year, "today": today},
        [
            Table(
                "rules",
                "Per regel en regio",
                [
                    Column("rule", "Regel"),
                    Column("text", "Wat het boek adviseert"),
                    Column("region", "Regio"),
                    Column("signals", "Signalen", "int"),
                    Column("by_worker", "Met reden van de toegang", "int"),
                    Column("automatic", "Zonder beoordeling (verzoek aanbieder)", "int"),
                ],
                rows,
            ),
            Table(
                "latest",
                f"De laatste {LATEST} redenen",
                [
                    Column("date", "Datum", "date"),
                    Column("rule", "Regel"),
                    Column("toewijzing", "Toewijzing"),
                    Column("product", "Product"),
                    Column("reason", "Reden"),
                ],
                latest,
            ),
        ],
        {"signals": total, "automatic_share": percentage(automatic, total)},
        {"signals": "int", "automatic_share": "percent"},
        "Een signalerende regel weigert niet: de toegang wijst toch toe en legt per signaal de reden vast. "
        "Geteld per toewijzing en regel in het jaar waarin het signaal is vastgelegd. Toewijzingen op "
        "verzoek van een aanbieder (JW315) die het systeem zelf afhandelt, hebben geen reden van de toegang "
        "en staan apart.",
        [chart],
    )
