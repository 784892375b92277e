"""The six monitoring figures. Each function aggregates in the database and returns a Report.

Every function takes a ``scope`` (a function that narrows a queryset to what the user may
see, see :func:`jeugdketen.accounts.access.scope`; ``None`` for everything, as the CLI uses)
and the reference date ``today``, so tests can pin the clock. Python only touches aggregated
rows (one per provider, municipality, quarter, ...), never one row per youth.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Case, Count, F, IntegerField, Min, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractYear

from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider
from jeugdketen.ijw.codes import JZ588
from jeugdketen.levering.models import Start, Stop
from jeugdketen.regels import regel
from jeugdketen.toegang.models import Client, Goal, SupportPlan, Toewijzing

from . import aggregates, applicability, charts, definitions
from .calendar import FIRST_YEAR, ensure_calendar
from .models import AccountabilityDocument, Budget, CalendarDay, SroiContribution
from .report import Column, Report, Table, display, euros, one_decimal, percentage
from .spending import ALLOCATED, DECLARED, allocated, grouped, regroup, source, spending, unique_rows

NAMES = ["budget", "waiting-times", "dropout", "top75", "residential", "accountability", "signals", "perceel"]

NORM_WORKING_DAYS = 10  # start within 10 working days of the JW301, else the waiting list (MLO)
REDUCTION_TARGET = Decimal("25")  # % lower cost per youth than the year before (MLO L1147-1158)
STATEMENT_THRESHOLD_CENTS = 50_000_00  # controleverklaring only when turnover is *greater* (Art. 32.2)
SROI_THRESHOLD_CENTS = 250_000_00  # SROI applies above this previous-year turnover (Art. 17.1)
SROI_SHARE = Decimal("0.05")
DROPOUT_REASONS = {"32", "33", "34", "35"}  # JZ588 "voortijdig afgesloten"
NOT_AN_END = {"20", "37"}  # temporary stop and stop for a change request: care goes on

SOURCE_LABEL = {
    ALLOCATED: "geschat uit toewijzingen (volume × tarief); declaraties nog niet beschikbaar",
    "declaraties": "geaccepteerde prestaties uit declaraties",
}


def _identity(queryset):
    return queryset


def _scope(scope):
    return scope or _identity


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def euro_text(cents) -> str:
    return display(cents, "money")


# --- budget ---------------------------------------------------------------------------------


def budget(scope=None, *, year: int, today: dt.date, tariffs: dict | None = None) -> Report:
    """Budget depletion per municipality and lot, with a year-end forecast.

    Realised spending counts whole months up to the end of the month before `today` (the
    months providers have declared); committed spending is what the open toewijzingen will
    cost from the first of `today`'s month to 31 December. The forecast is their sum.
    `tariffs` ({(provider id, product id): tariff}) prices the committed part at other
    tariffs: the tariffs what-if (jeugdketen.tarieven) asks this figure, not a copy of it.
    """
    scope = _scope(scope)
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


# --- waiting and lead times -------------------------------------------------------------------


def _lead_times(base, year: int) -> tuple[list[dict], dict]:
    """Per provider, product code and product name, and in total: counts and average working days.

    One pass, set-based: the toewijzingen dated in `year` (``t``) are hash-joined to their
    first start (``fs``, one grouped scan of the starts) and to the calendar for the three dates,
    so no lookup runs per row. Two statements over the same rows: grouped, and the totals.
    """
    q = connection.ops.quote_name
    t_sql, t_params = (
        base.filter(toewijzing_date__year=year)
        .values(
            p_id=F("id"),
            p_provider=F("provider"),
            p_code=F("product_code"),
            p_name=F("product__name"),
            p_date=F("toewijzing_date"),
            p_referral=F("referral__date"),
        )
        .order_by()
        .query.sql_with_params()
    )
    fs_sql, fs_params = (
        Start.objects.values(p_toewijzing=F("toewijzing"))
        .annotate(d=Min("date"))
        .order_by()
        .query.sql_with_params()
    )
    calendar = q(CalendarDay._meta.db_table)
    number = q("working_day_number")
    rows_sql = (
        f"SELECT t.{q('p_provider')} AS provider, t.{q('p_code')} AS code, t.{q('p_name')} AS name, "
        f"fs.d AS first_start, ct.{number} - cr.{number} AS referral_days, "
        f"cs.{number} - ct.{number} AS start_days "
        f"FROM ({t_sql}) t "
        f"LEFT JOIN ({fs_sql}) fs ON fs.{q('p_toewijzing')} = t.{q('p_id')} "
        f"LEFT JOIN {calendar} ct ON ct.{q('date')} = t.{q('p_date')} "
        f"LEFT JOIN {calendar} cr ON cr.{q('date')} = t.{q('p_referral')} "
        f"LEFT JOIN {calendar} cs ON cs.{q('date')} = fs.d"
    )
    measures = (
        "COUNT(*), AVG(w.referral_days), COUNT(w.first_start), AVG(w.start_days), "
        f"COUNT(CASE WHEN w.start_days <= {int(NORM_WORKING_DAYS)} THEN 1 END)"
    )
    params = [*t_params, *fs_params]
    keys = ["toewijzingen", "referral_avg", "started", "start_avg", "within_norm"]

    def as_dict(values) -> dict:
        # Averages as floats, as the ORM's Avg gives them on every backend.
        row = dict(zip(keys, values, strict=True))
        for key in ("referral_avg", "start_avg"):
            row[key] = float(row[key]) if row[key] is not None else None
        return row

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT w.provider, w.code, w.name, {measures} FROM ({rows_sql}) w "
            "GROUP BY w.provider, w.code, w.name ORDER BY w.provider, w.code",
            params,
        )
        rows = [
            {"provider": v[0], "product_code": v[1], "product__name": v[2], **as_dict(v[3:])}
            for v in cursor.fetchall()
        ]
        cursor.execute(f"SELECT {measures} FROM ({rows_sql}) w", params)
        totals = as_dict(cursor.fetchone())
    return rows, totals


def _waiting_cutoff(today: dt.date) -> dt.date | None:
    """The first date whose toewijzing has *not* waited more than the norm on `today`.

    Working-day numbers only grow with the date, so "more than NORM working days after the
    toewijzing date" is "toewijzing date before this day": an index range, no lookup per row.
    """
    number = CalendarDay.objects.filter(date=today).values_list("working_day_number", flat=True).first()
    if number is None:
        return None
    return (
        CalendarDay.objects.filter(working_day_number__gte=number - NORM_WORKING_DAYS)
        .order_by("date")
        .values_list("date", flat=True)
        .first()
    )


@regel("WACHTTIJDEN")
def waiting_times(scope=None, *, year: int, today: dt.date) -> Report:
    """Lead times in working days per provider and product for toewijzingen dated in `year`.

    The norm (start within 10 working days, else the waiting list) and the figure itself are
    Midden-Limburg Oost's: only municipalities under that contract count (:mod:`.applicability`).
    """
    scope = _scope(scope)
    ensure_calendar(max(today, dt.date(year, 12, 31)))
    under_contract = applicability.municipality_ids("WACHTTIJDEN")
    base = unique_rows(scope(Toewijzing.objects.all())).filter(municipality__in=under_contract)
    rows, totals = _lead_times(base, year)
    cutoff = _waiting_cutoff(today)
    waiting = base.filter(
        status=Toewijzing.Status.ACTIEF,
        starts__isnull=True,
        toewijzing_date__lte=today,
        toewijzing_date__gte=dt.date(FIRST_YEAR, 1, 1),  # earlier dates are not in the calendar
        toewijzing_date__lt=cutoff or dt.date(FIRST_YEAR, 1, 1),
    )
    waiting_rows = {
        (row["provider"], row["product_code"]): row
        for row in waiting.values("provider", "product_code")
        .annotate(n=Count("pk"), longest=Min("toewijzing_date"))
        .order_by()
    }
    providers = dict(
        Provider.objects.filter(
            pk__in={r["provider"] for r in rows} | {k[0] for k in waiting_rows}
        ).values_list("pk", "name")
    )
    table_rows = []
    keys = {(r["provider"], r["product_code"]): r for r in rows}
    for key in sorted(set(keys) | set(waiting_rows), key=lambda k: (providers.get(k[0], ""), k[1])):
        row = keys.get(key, {})
        wait = waiting_rows.get(key, {})
        table_rows.append(
            {
                "provider": providers.get(key[0], "—"),
                "product_code": key[1] or "—",
                "product": row.get("product__name") or "",
                "toewijzingen": row.get("toewijzingen", 0),
                "referral_to_toewijzing": one_decimal(row.get("referral_avg")),
                "started": row.get("started", 0),
                "toewijzing_to_start": one_decimal(row.get("start_avg")),
                "within_norm": row.get("within_norm", 0),
                "within_norm_share": percentage(row.get("within_norm", 0), row.get("started", 0)),
                "waiting_list": wait.get("n", 0),
                "waiting_since": wait.get("longest"),
            }
        )
    summary = {
        "toewijzingen": totals["toewijzingen"],
        "referral_to_toewijzing": one_decimal(totals["referral_avg"]),
        "toewijzing_to_start": one_decimal(totals["start_avg"]),
        "within_norm_share": percentage(totals["within_norm"], totals["started"]),
        "waiting_list": sum(row["waiting_list"] for row in table_rows),
    }
    table = Table(
        "rows",
        "Doorlooptijden per aanbieder en product",
        [
            Column("provider", "Aanbieder"),
            Column("product_code", "Productcode"),
            Column("product", "Product"),
            Column("toewijzingen", "Toewijzingen", "int"),
            Column("referral_to_toewijzing", "Verwijzing → toewijzing (gem. werkdagen)", "decimal"),
            Column("started", "Gestart", "int"),
            Column("toewijzing_to_start", "Toewijzing → start (gem. werkdagen)", "decimal"),
            Column("within_norm", f"Start binnen {NORM_WORKING_DAYS} werkdagen", "int"),
            Column("within_norm_share", "Binnen norm %", "percent"),
            Column("waiting_list", "Nu op wachtlijst", "int"),
            Column("waiting_since", "Wacht sinds (oudste toewijzing)", "date"),
        ],
        table_rows,
    )
    shown = [row for row in table_rows if row["toewijzing_to_start"] is not None][:25]
    chart = charts.bar_chart(
        "Gemiddelde werkdagen van toewijzing tot start per aanbieder en product",
        [f"{row['provider']} {row['product_code']}" for row in shown],
        [
            ("Toewijzing → start", [row["toewijzing_to_start"] for row in shown]),
            ("Verwijzing → toewijzing", [row["referral_to_toewijzing"] or 0 for row in shown]),
        ],
        fmt=lambda value: display(value, "decimal"),
        reference=(f"norm {NORM_WORKING_DAYS} werkdagen", NORM_WORKING_DAYS),
    )
    method = (
        f"Toewijzingen met toewijzingsdatum in {year}. Werkdagen zijn maandag tot en met vrijdag zonder "
        "Nederlandse feestdagen; geteld worden de werkdagen na de eerste datum tot en met de tweede. "
        "Verwijzing → toewijzing: verwijsdatum tot toewijzingsdatum (alleen toewijzingen met verwijzing). "
        "Toewijzing → start: toewijzingsdatum tot de eerste start (JW305). Norm: start binnen "
        f"{NORM_WORKING_DAYS} werkdagen. Wachtlijst: actieve toewijzingen zonder start, meer dan "
        f"{NORM_WORKING_DAYS} werkdagen na de toewijzing, op {today:%d-%m-%Y}."
    )
    return Report(
        "waiting-times",
        "Wacht- en doorlooptijden",
        {"year": year, "today": today},
        [table],
        summary,
        {
            "toewijzingen": "int",
            "referral_to_toewijzing": "decimal",
            "toewijzing_to_start": "decimal",
            "within_norm_share": "percent",
            "waiting_list": "int",
        },
        method,
        [chart],
        applicability.notice("WACHTTIJDEN", "de definitie van Wachtlijst, art. 17 en art. 35.1"),
    )


# --- dropout, goals, satisfaction -------------------------------------------------------------


@regel("UITVAL")
def dropout(scope=None, *, year: int, today: dt.date) -> Report:
    """Stops by JZ588 reason per provider, goal realisation and satisfaction from end evaluations.

    These are the KPIs of Midden-Limburg Oost art. 35.1: only municipalities under that contract
    count (:mod:`.applicability`).
    """
    scope = _scope(scope)
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


# --- top 75 -----------------------------------------------------------------------------------


def last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve whole calendar months before the month of `today`."""
    end = first_of_month(today) - dt.timedelta(days=1)
    start = dt.date(end.year - 1, end.month, 1) + dt.timedelta(days=31)
    return start.replace(day=1), end


def top75(scope=None, *, today: dt.date, show_names: bool = False, limit: int = 75) -> Report:
    """The youths with the highest cost over the last twelve whole months."""
    scope = _scope(scope)
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


# --- residential care -------------------------------------------------------------------------


def quarters(year: int) -> list[tuple[str, dt.date, dt.date]]:
    bounds = [(1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)]
    return [
        (f"{year} K{n}", dt.date(year, start, 1), dt.date(year, end, last))
        for n, (start, end, last) in enumerate(bounds, start=1)
    ]


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
        result = allocated(_scope(scope), first, last, [], filters=filters)
        cents = sum(row["cents"] for row in result)
        youths = sum(row["youths"] for row in result)
        rows.append(_quarter_row(label, cents, youths, last, today))
    yearly = {}
    for y in (year - 1, year):
        result = allocated(_scope(scope), *year_bounds(y), [], filters=filters)
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
    scope = _scope(scope)
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


# --- accountability ---------------------------------------------------------------------------


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
    scope = _scope(scope)
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


def compute(
    name: str, scope=None, *, today: dt.date, year: int | None = None, show_names: bool = False
) -> Report:
    year = year or today.year
    if name == "budget":
        return budget(scope, year=year, today=today)
    if name == "waiting-times":
        return waiting_times(scope, year=year, today=today)
    if name == "dropout":
        return dropout(scope, year=year, today=today)
    if name == "top75":
        return top75(scope, today=today, show_names=show_names)
    if name == "residential":
        return residential(scope, year=year, today=today)
    if name == "accountability":
        return accountability(scope, year=year, today=today)
    if name == "perceel":
        from .kpi import perceel

        return perceel(scope, year=year, today=today)
    if name == "signals":
        from .signals import signals

        return signals(scope, year=year, today=today)
    raise KeyError(name)
