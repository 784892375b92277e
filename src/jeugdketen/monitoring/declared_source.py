"""Realised spending from the declaraties app: accepted prestaties, credits netted.

A prestatie belongs to the period of its ``begin`` date. Accepted credit lines carry a
negative amount, so the signed sum is what the municipality owes for that care. Rejected
lines count nothing. Monitoring only reads these rows.

Where the declaraties ledger (:class:`~jeugdketen.declaraties.models.Boeking`) already holds
the sums per municipality, provider, product and month, turnover per provider and
municipality and year is read from it instead of from the (hundred times more) prestaties:
the ``lasten`` entries of kinds ``declaratie`` and ``credit`` are exactly the accepted debit
and credit lines of a month. Controllers' corrections (kind ``correctie``) are left out, so
every figure counts the same money as the prestaties do.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

LEDGER_KINDS = ("declaratie", "credit")


def accepted(model, scope, first: dt.date, last: dt.date, *, filters=None):
    """Accepted prestaties with a begin date in [first, last], narrowed by `scope`."""
    from .spending import narrow, unique_rows

    queryset = narrow(model.objects.filter(accepted=True, begin__gte=first, begin__lte=last), filters)
    return unique_rows(scope(queryset))


def declared(
    model,
    scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters=None,
    youths: bool = True,
):
    extra = {"youths": Count("client", distinct=True)} if youths else {}
    rows = (
        accepted(model, scope, first, last, filters=filters)
        .values(*group)
        .annotate(cents=Sum("amount_cents"), **extra)
        .order_by()
    )
    return [dict(row, cents=int(row["cents"] or 0)) for row in rows]


def ledger_model():
    try:
        return apps.get_model("declaraties", "Boeking")
    except LookupError:
        return None


def turnover_by_year(model, scope, years: range) -> dict[tuple[int, int, int], int] | None:
    """Cents per (provider, municipality, year) from the ledger; None when the ledger is empty."""
    ledger = ledger_model()
    if ledger is None or not ledger.objects.filter(account="lasten").exists():
        return None
    queryset = scope(
        ledger.objects.filter(
            account="lasten",
            kind__in=LEDGER_KINDS,
            month__gte=dt.date(years[0], 1, 1),
            month__lte=dt.date(years[-1], 12, 31),
        )
    )
    from .spending import unique_rows

    queryset = unique_rows(queryset)
    rows = (
        queryset.annotate(year=ExtractYear("month"))
        .values("provider", "municipality", "year")
        .annotate(cents=Sum("amount_cents"))
        .order_by()
    )
    return {(row["provider"], row["municipality"], row["year"]): int(row["cents"] or 0) for row in rows}
