"""Realised spending from the declaraties app: accepted prestaties, credits netted.

A prestatie belongs to the period of its ``begin`` date. Accepted credit lines carry a
negative amount, so the signed sum is what the municipality owes for that care. Monitoring
only reads these rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum


def declared(model, scope, first: dt.date, last: dt.date, group: list[str], *, filters: dict | None = None):
    queryset = model.objects.filter(accepted=True, begin__gte=first, begin__lte=last, **(filters or {}))
    queryset = scope(queryset)
    if queryset.query.distinct:
        queryset = model.objects.filter(pk__in=queryset.values("pk"))
    rows = (
        queryset.values(*group)
        .annotate(cents=Sum("amount_cents"), youths=Count("client", distinct=True))
        .order_by()
    )
    return [dict(row, cents=int(row["cents"] or 0)) for row in rows]
