"""Dropout, goal realisation and satisfaction per provider (figure ``dropout``; MLO art. 35.1)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Avg, Count, Q
from django.db.models.functions import Coalesce

from jeugdketen.catalogus.models import Provider
from jeugdketen.ijw.codes import JZ588
from jeugdketen.levering.models import Stop
from jeugdketen.regels import regel
from jeugdketen.toegang.models import Goal, SupportPlan

from . import applicability, charts
from .common import as_scope
from .report import Column, Report, Table, display, one_decimal, percentage
from .spending import unique_rows

DROPOUT_REASONS = {"32", "33", "34", "35"}  # JZ588 "voortijdig afgesloten"
NOT_AN_END = {"20", "37"}  # temporary stop and stop for a change request: care goes on


@regel("UITVAL")
def dropout(scope=None, *, year: int, today: dt.date) -> Report:
    """Stops by JZ588 reason per provider, goal realisation and satisfaction from end evaluations.

    These are the KPIs of Midden-Limburg Oost art. 35.1: only municipalities under that contract
    count (:mod:`.applicability`).
    """
    scope = as_scope(scope)
    under_contract = applicability.municipality_ids("UITVAL")
    stops = unique_rows(
        scope(Stop.objects.filter(date__year=year, toewijzing__municipality__in=under_contract))
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in stops.values("toewijzing__provider", "reason").annotate(n=Count("pk")).order_by():
        counts[row["toewijzing__provider"]][row["reason"]] += row["n"]
    plans = (
        unique_rows(
            scope(
                SupportPlan.objects.filter(
                    part=SupportPlan.Part.EIND, client__municipality__in=under_contract
                )
            )
        )
        .annotate(evaluated=Coalesce("received_on", "sent_on"))
        .filter(evaluated__year=year)
    )
    goals = {
        row["plan__provider"]: row
        for row in Goal.objects.filter(plan__in=plans.values("pk"))
        .values("plan__provider")
        .annotate(
            evaluated=Count("pk", filter=~Q(realisation=Goal.Realisation.OPEN)),
            full=Count("pk", filter=Q(realisation=Goal.Realisation.FULL)),
            partial=Count("pk", filter=Q(realisation=Goal.Realisation.PARTIAL)),
            none=Count("pk", filter=Q(realisation=Goal.Realisation.NONE)),
        )
        .order_by()
    }
    satisfaction = {
        row["provider"]: row
        for row in plans.filter(satisfaction__isnull=False)
        .values("provider")
        .annotate(avg=Avg("satisfaction"), n=Count("pk"))
        .order_by()
    }
    provider_ids = set(counts) | set(goals) | set(satisfaction)
    providers = dict(Provider.objects.filter(pk__in=provider_ids - {None}).values_list("pk", "name"))
    reasons = sorted(JZ588)
    rows = []
    for provider in sorted(provider_ids, key=lambda pk: providers.get(pk, "")):
        by_reason = counts.get(provider, {})
        ended = sum(n for reason, n in by_reason.items() if reason not in NOT_AN_END)
        dropped = sum(n for reason, n in by_reason.items() if reason in DROPOUT_REASONS)
        goal = goals.get(provider, {})
        sat = satisfaction.get(provider, {})
        row = {
            "provider": providers.get(provider, "onbekend"),
            "stops": sum(by_reason.values()),
            "ended": ended,
            "dropout": dropped,
            "dropout_share": percentage(dropped, ended),
            "goals_evaluated": goal.get("evaluated", 0),
            "goals_full": goal.get("full", 0),
            "goals_partial": goal.get("partial", 0),
            "goals_none": goal.get("none", 0),
            "goals_full_share": percentage(goal.get("full", 0), goal.get("evaluated", 0)),
            "satisfaction": one_decimal(sat.get("avg")),
            "satisfaction_n": sat.get("n", 0),
        }
        for reason in reasons:
            row[f"reason_{reason}"] = by_reason.get(reason, 0)
        rows.append(row)
    reason_columns = [Column(f"reason_{code}", f"{code} {JZ588[code]}", "int") for code in reasons]
    table = Table(
        "rows",
        "Uitval, doelrealisatie en tevredenheid per aanbieder",
        [
            Column("provider", "Aanbieder"),
            Column("stops", "Stopberichten", "int"),
            Column("ended", "Beëindigd", "int"),
            Column("dropout", "Voortijdig (uitval)", "int"),
            Column("dropout_share", "Uitval %", "percent"),
            Column("goals_evaluated", "Doelen geëvalueerd", "int"),
            Column("goals_full", "Behaald", "int"),
            Column("goals_partial", "Deels behaald", "int"),
            Column("goals_none", "Niet behaald", "int"),
            Column("goals_full_share", "Behaald %", "percent"),
            Column("satisfaction", "Tevredenheid (1-10)", "decimal"),
            Column("satisfaction_n", "Aantal oordelen", "int"),
            *reason_columns,
        ],
        rows,
    )
    total_ended = sum(row["ended"] for row in rows)
    total_evaluated = sum(row["goals_evaluated"] for row in rows)
    sat_all = plans.filter(satisfaction__isnull=False).aggregate(avg=Avg("satisfaction"))
    summary = {
        "stops": sum(row["stops"] for row in rows),
        "dropout_share": percentage(sum(row["dropout"] for row in rows), total_ended),
        "goals_full_share": percentage(sum(row["goals_full"] for row in rows), total_evaluated),
        "satisfaction": one_decimal(sat_all["avg"]),
    }
    shown = rows[:25]
    chart = charts.bar_chart(
        "Uitval en behaalde doelen per aanbieder (%)",
        [row["provider"] for row in shown],
        [
            ("Uitval %", [row["dropout_share"] or 0 for row in shown]),
            ("Doelen behaald %", [row["goals_full_share"] or 0 for row in shown]),
        ],
        fmt=lambda value: display(value, "percent"),
    )
    method = (
        f"Stopberichten (JW307) met einddatum in {year}, per reden beëindiging (JZ588). Uitval = voortijdig "
        "afgesloten (redenen 32, 33, 34 en 35) als deel van alle beëindigingen; tijdelijke beëindiging "
        "(20) en beëindiging wegens een wijzigingsverzoek (37) tellen niet als einde van de zorg. "
        f"Doelrealisatie en tevredenheid komen uit de eindevaluaties die in {year} zijn ontvangen "
        "(of verstuurd)."
    )
    return Report(
        "dropout",
        "Uitval, resultaten en tevredenheid",
        {"year": year, "today": today},
        [table],
        summary,
        {
            "stops": "int",
            "dropout_share": "percent",
            "goals_full_share": "percent",
            "satisfaction": "decimal",
        },
        method,
        [chart],
        applicability.notice("UITVAL", "art. 35.1"),
    )
