"""Waiting and lead times in working days, and the waiting list (figure ``waiting-times``).

The norm and the waiting list are Midden-Limburg Oost's (the definition of Wachtlijst, Bijlage 1
art. 17.2 and 17.4): only municipalities under that contract count (register ``WACHTTIJDEN``).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Min

from jeugdketen.catalogus.models import Provider
from jeugdketen.levering.models import Start
from jeugdketen.regels import regel
from jeugdketen.toegang.models import Toewijzing

from . import applicability, charts
from .calendar import FIRST_YEAR, ensure_calendar
from .common import as_scope
from .models import CalendarDay
from .report import Column, Report, Table, display, one_decimal, percentage
from .spending import unique_rows

NORM_WORKING_DAYS = 10  # start within 10 working days of the JW301, else the waiting list (MLO)


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
    scope = as_scope(scope)
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
