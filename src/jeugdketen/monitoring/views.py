"""Monitoring pages: a dashboard, one page per figure, and its CSV and XLSX export.

Every view asks :mod:`jeugdketen.accounts.access`: ``monitoring.view`` to see figures at all,
``monitoring.names`` to see youths' names in the top 75, and ``scope`` to narrow every query
to the user's municipalities (or provider).
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jeugdketen.accounts import access
from jeugdketen.audit import log

from . import exports, figures
from .report import display

TITLES = {
    "budget": "Budgetuitputting",
    "waiting-times": "Wacht- en doorlooptijden",
    "dropout": "Uitval en resultaten",
    "top75": "Top 75 naar kosten",
    "residential": "Kosten verblijf",
    "accountability": "Verantwoording en SROI",
    "signals": "Signalen",
    "perceel": "KPI's perceel Verblijf met behandeling +",
}


def _year(request, today: dt.date) -> int:
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _compute(request, name: str):
    access.require(request.user, "monitoring.view")
    if name not in figures.NAMES:
        raise Http404
    today = timezone.localdate()
    show_names = access.has_perm(request.user, "monitoring.names")
    report = figures.compute(
        name,
        lambda qs: access.scope(request.user, qs),
        today=today,
        year=_year(request, today),
        show_names=show_names,
    )
    if name == "top75" and show_names:
        log.record(
            user=request.user,
            action="view",
            object_type="monitoring.top75",
            route=request.path,
            detail="top 75 met namen bekeken",
        )
    return report


def _rows(table):
    return [[display(row.get(c.key), c.kind) for c in table.columns] for row in table.rows]


# The dashboard computes only the figures that read small tables (the cost aggregate, budgets,
# documents); the others scan every toewijzing, stop or youth of the year and stay on their own page.
DASHBOARD_FIGURES = ("budget", "accountability")
DESCRIPTIONS = {
    "waiting-times": (
        "Werkdagen van verwijzing tot toewijzing en van toewijzing tot start, en de wachtlijst (MLO)."
    ),
    "dropout": "Stopberichten per reden, uitval, behaalde doelen en tevredenheid per aanbieder (MLO).",
    "top75": "De 75 jeugdigen met de hoogste kosten over de laatste twaalf hele maanden.",
    "residential": "Kosten verblijf per jeugdige per kwartaal en de voortgang naar −25 %.",
    "signals": "Waar de toegang het advies van het productenboek opzij zette, en waarom.",
    "perceel": "Kosten per jeugdige en instroom in het perceel Verblijf met behandeling + (MLO).",
}


@access.requires("monitoring.view")
def dashboard(request):
    access.require(request.user, "monitoring.view")
    today = timezone.localdate()
    year = _year(request, today)
    scope = lambda qs: access.scope(request.user, qs)  # noqa: E731
    cards = []
    for name in figures.NAMES:
        card = {"name": name, "title": TITLES[name], "report": None, "summary": []}
        if name in DASHBOARD_FIGURES:
            report = figures.compute(name, scope, today=today, year=year, show_names=False)
            card.update(report=report, summary=_summary(report))
        else:
            card["description"] = DESCRIPTIONS[name]
        cards.append(card)
    return render(request, "monitoring/dashboard.html", {"cards": cards, "year": year, "today": today})


def _summary(report):
    labels = SUMMARY_LABELS.get(report.name, {})
    return [
        (labels.get(k, k), display(v, report.summary_kinds.get(k, ""))) for k, v in report.summary.items()
    ]


SUMMARY_LABELS = {
    "budget": {
        "budget": "Budget",
        "realised": "Gerealiseerd",
        "committed": "Verplicht",
        "forecast": "Prognose",
        "forecast_share": "Prognose % budget",
    },
    "waiting-times": {
        "toewijzingen": "Toewijzingen",
        "referral_to_toewijzing": "Verwijzing → toewijzing (wd)",
        "toewijzing_to_start": "Toewijzing → start (wd)",
        "within_norm_share": "Binnen norm",
        "waiting_list": "Op wachtlijst",
    },
    "dropout": {
        "stops": "Stopberichten",
        "dropout_share": "Uitval",
        "goals_full_share": "Doelen behaald",
        "satisfaction": "Tevredenheid",
    },
    "top75": {
        "youths": "Jeugdigen met kosten",
        "total": "Totale kosten",
        "top_total": "Kosten top 75",
        "top_share": "Aandeel top 75",
    },
    "residential": {
        "base_per_youth": "Per jeugdige vorig jaar",
        "target_per_youth": "Doel per jeugdige",
        "per_youth": "Per jeugdige dit jaar",
        "reduction": "Verlaging",
        "target": "Doelverlaging",
        "progress": "Voortgang naar doel",
    },
    "accountability": {
        "turnover": "Omzet",
        "controleverklaringen": "Controleverklaringen",
        "bestuursverklaringen": "Bestuursverklaringen",
        "missing": "Ontbrekend",
        "sroi_obliged": "Aanbieders met SROI-plicht",
    },
    "signals": {"signals": "Signalen", "automatic_share": "Zonder beoordeling"},
    "perceel": {
        "base_per_youth": "Per jeugdige vorig jaar",
        "per_youth": "Per jeugdige dit jaar",
        "reduction": "Daling",
        "target": "Doel",
        "inflow": "Instroom dit jaar",
    },
}


@access.requires("monitoring.view")
def figure(request, name: str):
    report = _compute(request, name)
    tables = [{"table": table, "rows": _rows(table)} for table in report.tables]
    return render(
        request,
        "monitoring/figure.html",
        {
            "report": report,
            "name": name,
            "title": TITLES[name],
            "summary": _summary(report),
            "tables": tables,
            "year": report.parameters.get("year"),
        },
    )


@access.requires("export.run")
def export(request, name: str, fmt: str):
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    access.require(request.user, "export.run")
    report = _compute(request, name)
    log.record(
        user=request.user,
        action="export",
        object_type="monitoring." + name,
        route=request.path,
        detail=fmt,
    )
    stem = f"{name}-{report.parameters.get('year', report.parameters['today'])}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(report), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
