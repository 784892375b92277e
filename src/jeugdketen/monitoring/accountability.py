"""Accountability statements and SROI per provider and municipality (figure ``accountability``).

Midden-Limburg Oost's Bijlage 1 art. 32 (product accountability before 1 March; above € 50.000 a
year per municipality an audited statement before 1 April, else a bestuursverklaring) and its
art. 17 (SROI above € 250.000). Only municipalities under that contract count (register
``VERANTWOORDING-PRODUCT``, ``VERANTWOORDING-VERKLARING``, ``SROI``; :mod:`.applicability`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.regels import regel

from . import aggregates, applicability, charts
from .common import SOURCE_LABEL, as_scope, year_bounds
from .models import AccountabilityDocument, SroiContribution
from .report import Column, Report, Table, display, euros, percentage
from .spending import DECLARED, source, spending

STATEMENT_THRESHOLD_CENTS = 50_000_00  # controleverklaring only when turnover is *greater* (Art. 32.2)
SROI_THRESHOLD_CENTS = 250_000_00  # SROI applies above this previous-year turnover (Art. 17.1)
SROI_SHARE = Decimal("0.05")


def statement_kind(turnover_cents: int) -> str:
    """Which statement Art. 32.2 asks for. Exactly € 50.000 is not "groter dan": a bestuursverklaring."""
    if turnover_cents > STATEMENT_THRESHOLD_CENTS:
        return AccountabilityDocument.Kind.CONTROLEVERKLARING
    return AccountabilityDocument.Kind.BESTUURSVERKLARING


def document_status(received: dt.date | None, due: dt.date, today: dt.date) -> str:
    """`due` is the first day that is too late ("vóór 1 april": due = 1 April)."""
    if received is not None:
        return "ontvangen" if received < due else "te laat ontvangen"
    return "ontbreekt" if today >= due else "verwacht"


def _within_contract(
    by_year: dict[int, dict[tuple[int, int], int]], municipality_ids: set[int]
) -> tuple[dict[int, dict[tuple[int, int], int]], set[int]]:
    """The turnover of the municipalities under the contract, and the other municipalities found."""
    within = {
        y: {key: cents for key, cents in rows.items() if key[1] in municipality_ids}
        for y, rows in by_year.items()
    }
    outside = {key[1] for rows in by_year.values() for key in rows if key[1] not in municipality_ids}
    return within, outside


@regel("VERANTWOORDING-PRODUCT", "VERANTWOORDING-VERKLARING")
def accountability(scope=None, *, year: int, today: dt.date) -> Report:
    """Turnover per provider and municipality, the statements due, and SROI progress.

    Art. 32 and 17 are Midden-Limburg Oost's: only municipalities that buy under a region whose
    register entry holds them count (:mod:`.applicability`); the report names the others.
    """
    scope = as_scope(scope)
    under_contract = set(applicability.municipality_ids("VERANTWOORDING-VERKLARING"))
    everywhere, src = _turnover(scope, year)
    by_year, outside = _within_contract(everywhere, under_contract)
    turnover = [
        {"provider": provider, "municipality": municipality, "cents": cents}
        for (provider, municipality), cents in by_year[year].items()
    ]
    documents = {
        (row["provider"], row["municipality"], row["kind"]): row["received_on"]
        for row in scope(
            AccountabilityDocument.objects.filter(year=year, municipality__in=sorted(under_contract))
        ).values("provider", "municipality", "kind", "received_on")
    }
    providers = dict(
        Provider.objects.filter(pk__in={row["provider"] for row in turnover}).values_list("pk", "name")
    )
    municipalities = dict(
        Municipality.objects.filter(pk__in={row["municipality"] for row in turnover} | outside).values_list(
            "pk", "name"
        )
    )
    product_due = dt.date(year + 1, 3, 1)
    statement_due = dt.date(year + 1, 4, 1)
    rows = []
    for row in sorted(
        turnover, key=lambda r: (providers.get(r["provider"], ""), municipalities.get(r["municipality"], ""))
    ):
        kind = statement_kind(row["cents"])
        product_received = documents.get((row["provider"], row["municipality"], "productverantwoording"))
        statement_received = documents.get((row["provider"], row["municipality"], kind))
        rows.append(
            {
                "provider": providers.get(row["provider"], "—"),
                "municipality": municipalities.get(row["municipality"], "—"),
                "turnover": row["cents"],
                "product_due": product_due,
                "product_received": product_received,
                "product_status": document_status(product_received, product_due, today),
                "statement": AccountabilityDocument.Kind(kind).label,
                "statement_due": statement_due,
                "statement_received": statement_received,
                "statement_status": document_status(statement_received, statement_due, today),
            }
        )
    sroi_rows = sroi(by_year, year)
    summary = {
        "turnover": sum(row["turnover"] for row in rows),
        "controleverklaringen": sum(
            row["statement"] == AccountabilityDocument.Kind.CONTROLEVERKLARING.label for row in rows
        ),
        "bestuursverklaringen": sum(
            row["statement"] == AccountabilityDocument.Kind.BESTUURSVERKLARING.label for row in rows
        ),
        "missing": sum(
            (row["product_status"] == "ontbreekt") + (row["statement_status"] == "ontbreekt") for row in rows
        ),
        "sroi_obliged": sum(1 for row in sroi_rows if row["obligation"]),
    }
    statements = Table(
        "rows",
        "Verantwoording per aanbieder en gemeente",
        [
            Column("provider", "Aanbieder"),
            Column("municipality", "Gemeente"),
            Column("turnover", f"Omzet {year}", "money"),
            Column("product_due", "Productverantwoording vóór", "date"),
            Column("product_received", "Ontvangen op", "date"),
            Column("product_status", "Status"),
            Column("statement", "Verklaring"),
            Column("statement_due", "Verklaring vóór", "date"),
            Column("statement_received", "Ontvangen op", "date"),
            Column("statement_status", "Status"),
        ],
        rows,
    )
    sroi_table = Table(
        "sroi",
        "Social return (SROI) per aanbieder",
        [
            Column("provider", "Aanbieder"),
            Column("turnover_previous", f"Omzet {year - 1}", "money"),
            Column("turnover", f"Omzet {year}", "money"),
            Column("obligation", f"SROI-verplichting {year}", "money"),
            Column("carried", f"Overschot uit {year - 1}", "money"),
            Column("realised", f"SROI ingezet {year}", "money"),
            Column("progress", "Voortgang %", "percent"),
        ],
        sroi_rows,
    )
    per_provider: dict[str, int] = defaultdict(int)
    for row in rows:
        per_provider[row["provider"]] += row["turnover"]
    shown = sorted(per_provider.items(), key=lambda item: -item[1])[:25]
    chart = charts.bar_chart(
        f"Omzet {year} per aanbieder",
        [name for name, _cents in shown],
        [("Omzet", [euros(cents) for _name, cents in shown])],
        fmt=lambda value: display(int(Decimal(value) * 100), "money"),
        reference=("€ 50.000 (per gemeente)", euros(STATEMENT_THRESHOLD_CENTS)),
    )
    method = (
        f"Omzet {year} per aanbieder en gemeente (bron: {SOURCE_LABEL[src]}). Art. 32 Bijlage 1: "
        f"productverantwoording vóór 1 maart {year + 1}; omzet groter dan € 50.000 per gemeente: "
        f"verantwoording met controleverklaring vóór 1 april {year + 1}, anders een bestuursverklaring "
        "vóór 1 april. Het contract regelt precies € 50.000 niet; omdat alleen 'groter dan' de "
        "controleverklaring vraagt, geldt bij precies € 50.000 een bestuursverklaring. SROI (art. 17): "
        "boven € 250.000 omzet in het vorige jaar (precies € 250.000 is niet 'boven') zet de aanbieder "
        "5 % van die omzet in; een overschot uit het vorige jaar telt mee. De termijnen zijn "
        "kalenderdata: valt 1 maart of 1 april in een weekend, dan schuift de termijn niet op."
    )
    names = [municipalities.get(pk, "—") for pk in outside]
    return Report(
        "accountability",
        "Verantwoording en SROI",
        {"year": year, "today": today, "source": src},
        [statements, sroi_table],
        summary,
        {
            "turnover": "money",
            "controleverklaringen": "int",
            "bestuursverklaringen": "int",
            "missing": "int",
            "sroi_obliged": "int",
        },
        method,
        [chart] if rows or not outside else [],
        applicability.notice("VERANTWOORDING-VERKLARING", "art. 32 en art. 17", names),
    )


def _turnover(scope, year: int) -> tuple[dict[int, dict[tuple[int, int], int]], str]:
    """Turnover per year (year − 2 … year) and (provider, municipality).

    Declared turnover comes from monitoring's cost aggregate in one query (it sums the accepted
    prestaties per municipality, provider, product and month); without declarations, from the
    allocation estimate, one grouped query per year.
    """
    years = range(year - 2, year + 1)
    by_year: dict[int, dict[tuple[int, int], int]] = {y: defaultdict(int) for y in years}
    src = source()
    if src == DECLARED:
        for row in aggregates.costs(
            scope,
            dt.date(years[0], 1, 1),
            dt.date(years[-1], 12, 31),
            ["provider", "municipality", "year"],
            annotate={"year": ExtractYear("month")},
        ):
            by_year[row["year"]][(row["provider"], row["municipality"])] += row["cents"]
        return by_year, src
    for y in years:
        rows, src = spending(scope, *year_bounds(y), ["provider", "municipality"], youths=False)
        for row in rows:
            by_year[y][(row["provider"], row["municipality"])] += row["cents"]
    return by_year, src


@regel("SROI")
def sroi(by_year: dict[int, dict[tuple[int, int], int]], year: int) -> list[dict]:
    """SROI obligation per provider: 5 % of the previous year's turnover when that exceeds € 250.000.

    `by_year` holds only turnover under the contract (the municipalities of art. 17's "Gemeente",
    the municipalities that take part in it): :func:`accountability` narrows it first.
    """
    turnover: dict[int, dict[int, int]] = {}
    for y in (year - 2, year - 1, year):
        turnover[y] = defaultdict(int)
        for (provider, _municipality), cents in by_year[y].items():
            turnover[y][provider] += cents
    realised = defaultdict(int)
    for row in (
        SroiContribution.objects.filter(year__in=(year - 1, year))
        .values("provider", "year")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        realised[(row["provider"], row["year"])] = int(row["total"] * 100)

    def obligation(provider, y):
        previous = turnover[y - 1].get(provider, 0)
        return (
            int((Decimal(previous) * SROI_SHARE).to_integral_value())
            if previous > SROI_THRESHOLD_CENTS
            else 0
        )

    provider_ids = set(turnover[year - 1]) | set(turnover[year])
    names = dict(Provider.objects.filter(pk__in=provider_ids).values_list("pk", "name"))
    rows = []
    for provider in sorted(provider_ids, key=lambda pk: names.get(pk, "")):
        due = obligation(provider, year)
        carried = max(realised[(provider, year - 1)] - obligation(provider, year - 1), 0)
        done = realised[(provider, year)]
        rows.append(
            {
                "provider": names.get(provider, "—"),
                "turnover_previous": turnover[year - 1].get(provider, 0),
                "turnover": turnover[year].get(provider, 0),
                "obligation": due,
                "carried": carried if due else 0,
                "realised": done,
                "progress": percentage(done + carried, due) if due else None,
            }
        )
    return rows
