"""Spending per group, aggregated in the database.

Two sources, one interface:

- ``allocated``: what the toewijzingen cost for their days in a period (see :mod:`.costs`),
  used for *verplicht* (committed) spending and as the estimate while no declarations exist;
- ``declared``: accepted prestaties from the declaraties app, by the month of their begin date
  (see :mod:`.declared_source`), or the declaraties ledger where it already holds the sums.

:func:`spending` answers with realised spending when the declaraties app holds judged
prestaties, and otherwise (a fresh system, or one that does not declare through jeugdketen)
with the allocation estimate, and says which one it used.
Groups are given as lookups from a Toewijzing (``municipality``, ``product``,
``product__lot``, ``provider``, ``client``), which the Prestatie has too.

Every function here issues one grouped query; Python sees one row per group. Where a figure
needs a second level of grouping (distinct youths per quarter, the top 75 of all youths),
:func:`regroup` wraps the grouped query in an outer ``SELECT`` so that still happens in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.apps import apps
from django.db import connection
from django.db.models import Count, F, ForeignKey, QuerySet, Sum

from jeugdketen.toegang.models import Toewijzing

from .costs import open_toewijzingen, with_allocated_cents

ALLOCATED = "toewijzingen"
DECLARED = "declaraties"

Scope = Callable[[QuerySet], QuerySet]


def _identity(queryset: QuerySet) -> QuerySet:
    return queryset


def unique_rows(queryset: QuerySet) -> QuerySet:
    """A scoped queryset without the DISTINCT that scoping adds, when no join can repeat a row.

    :func:`jeugdketen.accounts.access.scope` adds ``DISTINCT`` because a tenancy path may run
    through a multi-valued relation. When every join it made follows a foreign key forward
    (``municipality``, ``toewijzing__municipality``, ``client__municipality``), each row
    appears once anyway, and the filter can stay a plain ``WHERE … IN (ids)`` on the big table
    instead of a ``pk IN (SELECT DISTINCT …)`` over it. Otherwise the rows are narrowed
    through a subquery of the scoped primary keys, as before.
    """
    query = queryset.query
    if not query.distinct:
        return queryset
    joins = [join for join in query.alias_map.values() if hasattr(join, "join_field")]
    if not query.distinct_fields and all(isinstance(join.join_field, ForeignKey) for join in joins):
        queryset = queryset._chain()
        queryset.query.distinct = False
        return queryset
    return queryset.model._default_manager.filter(pk__in=queryset.values("pk"))


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


def allocated_queryset(
    scope: Scope, first: dt.date, last: dt.date, *, filters: dict | None = None
) -> QuerySet:
    """Open toewijzingen with days in [first, last], annotated with `allocated_cents`."""
    # Scoping may add DISTINCT; aggregate over the plain rows it selected instead.
    queryset = unique_rows(scope(open_toewijzingen(Toewijzing.objects.filter(**(filters or {})))))
    return with_allocated_cents(queryset, first, last).filter(_days__gt=0)


def allocated(
    scope: Scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | None = None,
    youths: bool = True,
) -> list[dict]:
    """Committed cents per group for [first, last], with the number of distinct youths."""
    extra = {"youths": Count("client", distinct=True)} if youths else {}
    rows = (
        allocated_queryset(scope, first, last, filters=filters)
        .values(*group)
        .annotate(cents=Sum("allocated_cents"), **extra)
        .order_by()
    )
    return [dict(row, cents=int(row["cents"] or 0)) for row in rows]


def declared(
    scope: Scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | None = None,
    youths: bool = True,
) -> list[dict]:
    from . import declared_source

    return declared_source.declared(
        prestatie_model(), scope, first, last, group, filters=filters, youths=youths
    )


def spending(
    scope: Scope | None,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | None = None,
    youths: bool = True,
) -> tuple[list[dict], str]:
    """Realised spending per group, and the source it came from."""
    scope = scope or _identity
    if source() == DECLARED:
        return declared(scope, first, last, group, filters=filters, youths=youths), DECLARED
    return allocated(scope, first, last, group, filters=filters, youths=youths), ALLOCATED


def grouped(
    scope: Scope | None, first: dt.date, last: dt.date, group: list[str], *, filters: dict | None = None
) -> tuple[QuerySet, str]:
    """The unevaluated grouped query of :func:`spending`: columns ``g_<lookup>`` and ``cents``.

    The explicit aliases give :func:`regroup` stable column names on every backend.
    """
    scope = scope or _identity
    columns = {"g_" + name.replace("__", "_"): F(name) for name in group}
    if source() == DECLARED:
        from . import declared_source

        queryset = declared_source.accepted(prestatie_model(), scope, first, last, filters=filters)
        return queryset.values(**columns).annotate(cents=Sum("amount_cents")).order_by(), DECLARED
    queryset = allocated_queryset(scope, first, last, filters=filters)
    return queryset.values(**columns).annotate(cents=Sum("allocated_cents")).order_by(), ALLOCATED


def regroup(inner: QuerySet, outer: str) -> list[tuple]:
    """Run `outer` (SQL with ``{inner}`` for the grouped subquery, aliased ``s``) in the database."""
    sql, params = inner.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(outer.format(inner=f"({sql}) s"), params)
        return cursor.fetchall()
