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
from decimal import Decimal

from django.apps import apps
from django.db import connection
from django.db.models import DateField, F, ForeignKey, IntegerField, Min, Q, QuerySet, Sum, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.sql import Query

from jeugdketen.levering.models import Stop
from jeugdketen.toegang.models import Toewijzing

from .calendar import day_number
from .costs import MONEY, cents_expression, open_toewijzingen, tariff_expression, with_allocated_parts

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


def narrow(queryset: QuerySet, filters: dict | Q | None) -> QuerySet:
    """`queryset` filtered by lookups (a dict) or by a condition (a Q, e.g. a region-dependent one)."""
    if isinstance(filters, Q):
        return queryset.filter(filters)
    return queryset.filter(**(filters or {}))


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
    scope: Scope, first: dt.date, last: dt.date, *, filters: dict | Q | None = None
) -> QuerySet:
    """Open toewijzingen with days in [first, last], annotated with `allocated_cents`."""
    # Scoping may add DISTINCT; aggregate over the plain rows it selected instead.
    queryset = unique_rows(scope(open_toewijzingen(narrow(Toewijzing.objects.all(), filters))))
    return with_allocated_parts(queryset, first, last).filter(_days__gt=0)


def _sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _override_sql(tf_sql: str, tf_params: list, tariffs: dict[tuple[int, int], Decimal]) -> tuple[str, list]:
    """The tariff table with some (provider, product) tariffs replaced: a what-if of tariffs.

    One CASE over the pairs, so the rest of the computation stays exactly the budget figure's.
    """
    q = connection.ops.quote_name
    cases, params = [], []
    for (provider, product), tariff in sorted(tariffs.items()):
        cases.append(f"WHEN tf0.{q('p_provider')} = %s AND tf0.{q('p_product')} = %s THEN %s")
        params += [provider, product, tariff]
    if not cases:
        return tf_sql, tf_params
    case = f"CASE {' '.join(cases)} ELSE tf0.{q('tariff')} END"
    sql = f"SELECT tf0.{q('p_provider')}, tf0.{q('p_product')}, {case} AS {q('tariff')} FROM ({tf_sql}) tf0"
    return sql, [*params, *tf_params]


def _allocated_sql(
    scope: Scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | Q | None,
    youths: bool,
    tariffs: dict[tuple[int, int], Decimal] | None = None,
) -> tuple[str, list, list[str]]:
    """SQL: cents (and distinct youths) per group, with the group columns ``g_<lookup>``.

    Set-based, so the database hash-joins instead of looking up per row: the scoped open
    toewijzingen overlapping the period (``t``), each toewijzing's first stop (``st``, one
    grouped scan of the stops) and the tariff per provider and product (``tf``, looked up once
    per pair, not per toewijzing). Days and length are date arithmetic; the cost formula
    (:func:`.costs.cents_expression`) runs over those columns and is summed per group.
    """
    keys = ["g_" + name.replace("__", "_") for name in group]
    toewijzingen = unique_rows(scope(open_toewijzingen(narrow(Toewijzing.objects.all(), filters))))
    toewijzingen = toewijzingen.filter(begin__lte=last).filter(Q(end__isnull=True) | Q(end__gte=first))
    columns = {key: F(name) for key, name in zip(keys, group, strict=True)}
    for name in (
        "id",
        "begin",
        "end",
        "provider",
        "product",
        "client",
        "volume",
        "budget_cents",
        "frequency",
    ):
        columns["p_" + name] = F(name)
    t_sql, t_params = _sql(toewijzingen.values(**columns).order_by())
    q = connection.ops.quote_name
    field = Toewijzing._meta.get_field
    st_sql, st_params = _sql(
        Stop.objects.values(p_toewijzing=F("toewijzing")).annotate(d=Min("date")).order_by()
    )

    def raw(sql, output_field):
        # Columns of the derived tables above: fixed, quoted names, no user input.
        return RawSQL(sql, (), output_field=output_field)  # noqa: S611

    query = Query(Toewijzing)
    compiler = query.get_compiler(connection=connection)

    def compile_(expression):
        return expression.resolve_expression(query).as_sql(compiler, connection)

    pairs_sql, pairs_params = _sql(
        Toewijzing.objects.values(p_provider=F("provider"), p_product=F("product")).distinct().order_by()
    )
    tariff_sql, tariff_params = compile_(
        tariff_expression(
            first.year,
            provider=raw(f"pp.{q('p_provider')}", field("provider")),
            product=raw(f"pp.{q('p_product')}", field("product")),
        )
    )
    tf_sql = (
        f"SELECT pp.{q('p_provider')}, pp.{q('p_product')}, {tariff_sql} AS {q('tariff')} "
        f"FROM ({pairs_sql}) pp"
    )
    tf_params = [*tariff_params, *pairs_params]
    if tariffs:
        tf_sql, tf_params = _override_sql(tf_sql, tf_params, tariffs)

    end, stop, begin = (
        raw(f"t.{q('p_end')}", DateField()),
        raw(f"st.{q('d')}", DateField()),
        raw(f"t.{q('p_begin')}", DateField()),
    )
    parts = {
        "_days": day_number(Least(Coalesce(end, Value(last)), Coalesce(stop, Value(last)), Value(last)))
        - day_number(Greatest(begin, Value(first)))
        + 1,
        "_length": day_number(Least(Coalesce(end, Value(last)), Coalesce(stop, Value(last))))
        - day_number(begin)
        + 1,
        "_tariff": raw(f"tf.{q('tariff')}", MONEY),
    }
    select, params = [f"t.{q(key)} AS {q(key)}" for key in keys], []
    for name, expression in parts.items():
        sql, expression_params = compile_(expression)
        select.append(f"{sql} AS {q('p' + name)}")
        params += expression_params
    for name in ("client", "volume", "budget_cents", "frequency"):
        select.append(f"t.{q('p_' + name)} AS {q('p_' + name)}")
    middle = (
        f"SELECT {', '.join(select)} FROM ({t_sql}) t "
        f"LEFT JOIN ({st_sql}) st ON st.{q('p_toewijzing')} = t.{q('p_id')} "
        f"LEFT JOIN ({tf_sql}) tf ON tf.{q('p_provider')} = t.{q('p_provider')} "
        f"AND tf.{q('p_product')} = t.{q('p_product')}"
    )
    params = [*params, *t_params, *st_params, *tf_params]
    fields = {
        "_days": IntegerField(),
        "_length": IntegerField(),
        "_tariff": MONEY,
        **{name: field(name) for name in ("volume", "budget_cents", "frequency")},
    }

    def column(name):
        return raw(f"s.{q('p_' + name.lstrip('_'))}", fields[name])

    cents_sql, cents_params = compile_(cents_expression(column))
    outer = [f"s.{q(key)}" for key in keys] + [f"SUM({cents_sql}) AS cents"]
    if youths:
        outer.append(f"COUNT(DISTINCT s.{q('p_client')}) AS youths")
    sql = f"SELECT {', '.join(outer)} FROM ({middle}) s WHERE s.{q('p_days')} > 0"
    if keys:
        sql += " GROUP BY " + ", ".join(f"s.{q(key)}" for key in keys)
    return sql, [*cents_params, *params], keys


def allocated(
    scope: Scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | Q | None = None,
    youths: bool = True,
    tariffs: dict[tuple[int, int], Decimal] | None = None,
) -> list[dict]:
    """Committed cents per group for [first, last], with the number of distinct youths.

    Without a group: one row for everything (distinct youths over all of it). `tariffs`
    replaces the tariff of some (provider id, product id) pairs (the tariffs what-if).
    """
    sql, params, keys = _allocated_sql(
        scope, first, last, group, filters=filters, youths=youths, tariffs=tariffs
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    rows = []
    for values in result:
        row = dict(zip(group, values[: len(keys)], strict=True))
        row["cents"] = int(values[len(keys)] or 0)
        if youths:
            row["youths"] = int(values[len(keys) + 1] or 0)
        rows.append(row)
    return rows


def declared(
    scope: Scope,
    first: dt.date,
    last: dt.date,
    group: list[str],
    *,
    filters: dict | Q | None = None,
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
    filters: dict | Q | None = None,
    youths: bool = True,
) -> tuple[list[dict], str]:
    """Realised spending per group, and the source it came from."""
    scope = scope or _identity
    if source() == DECLARED:
        return declared(scope, first, last, group, filters=filters, youths=youths), DECLARED
    return allocated(scope, first, last, group, filters=filters, youths=youths), ALLOCATED


def grouped(
    scope: Scope | None, first: dt.date, last: dt.date, group: list[str], *, filters: dict | Q | None = None
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
    sql, params, _keys = _allocated_sql(scope, first, last, group, filters=filters, youths=False)
    return (sql, params), ALLOCATED


def regroup(inner, outer: str) -> list[tuple]:
    """Run `outer` (SQL with ``{inner}`` for the grouped subquery, aliased ``s``) in the database.

    `inner` is a QuerySet or an ``(sql, params)`` pair.
    """
    sql, params = inner if isinstance(inner, tuple) else inner.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(outer.format(inner=f"({sql}) s"), params)
        return cursor.fetchall()
