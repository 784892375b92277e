"""Spending per group, aggregated in the database.

Two sources, one interface:

- ``allocated``: what the toewijzingen cost for their days in a period (see :mod:`.costs`),
  used for *verplicht* (committed) spending and as the estimate while no declarations exist;
- ``declared``: accepted prestaties from the declaraties app, by their period.

:func:`spending` answers with realised spending when the declaraties app holds judged
prestaties, and otherwise (a fresh system, or one that does not declare through jeugdketen)
with the allocation estimate, and says which one it used.
Groups are given as lookups from a Toewijzing (``municipality``, ``product__lot``,
``provider``, ``client``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.apps import apps
from django.db.models import Count, QuerySet, Sum

from jeugdketen.toegang.models import Toewijzing

from .costs import open_toewijzingen, with_allocated_cents

ALLOCATED = "toewijzingen"
DECLARED = "declaraties"

Scope = Callable[[QuerySet], QuerySet]


def _identity(queryset: QuerySet) -> QuerySet:
    return queryset


def prestatie_model():
    """The accepted-prestatie model of the declaraties app, once it exists."""
    try:
        model = apps.get_model("declaraties", "Prestatie")
    except LookupError:
        return None
    names = {field.name for field in model._meta.get_fields()}
    return model if {"toewijzing", "accepted", "amount_cents", "begin", "client"} <= names else None


def source() -> str:
    """Declared spending once any prestatie has been judged; until then the allocation estimate."""
    model = prestatie_model()
    return DECLARED if model is not None and model.objects.exists() else ALLOCATED


def allocated(
    scope: Scope, first: dt.date, last: dt.date, group: list[str], *, filters: dict | None = None
) -> list[dict]:
    """Committed cents per group for [first, last], with the number of distinct youths."""
    queryset = scope(open_toewijzingen(Toewijzing.objects.filter(**(filters or {}))))
    # Scoping may add DISTINCT; aggregate over the plain rows it selected instead.
    queryset = Toewijzing.objects.filter(pk__in=queryset.values("pk"))
    rows = (
        with_allocated_cents(queryset, first, last)
        .filter(_days__gt=0)
        .values(*group)
        .annotate(cents=Sum("allocated_cents"), youths=Count("client", distinct=True))
        .order_by()
    )
    return [dict(row, cents=int(row["cents"] or 0)) for row in rows]


def declared(
    scope: Scope, first: dt.date, last: dt.date, group: list[str], *, filters: dict | None = None
) -> list[dict]:
    from . import declared_source

    return declared_source.declared(prestatie_model(), scope, first, last, group, filters=filters)


def spending(
    scope: Scope | None, first: dt.date, last: dt.date, group: list[str], *, filters: dict | None = None
) -> tuple[list[dict], str]:
    """Realised spending per group, and the source it came from."""
    scope = scope or _identity
    if source() == DECLARED:
        return declared(scope, first, last, group, filters=filters), DECLARED
    return allocated(scope, first, last, group, filters=filters), ALLOCATED
