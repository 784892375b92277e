"""Monitoring's cost aggregates: accepted prestaties summed per declaration, kept current.

Two tables (see :mod:`.models`), both keyed by the declaration the lines came in with:

- :class:`~.models.DeclaredCost`: per municipality, provider, product and month of the begin
  date (budget, accountability); a few rows per declaration;
- :class:`~.models.DeclaredClientCost`: per municipality, provider, youth, product and month
  (top 75, residential care); about one row per youth and month of a declaration.

A declaration's rows are always rebuilt as a whole from its prestaties with one
``INSERT … SELECT`` per table, so a rebuild is idempotent and the sums are exactly what a
query over the prestaties would give (credits negative, rejected lines not counted, a group
whose lines net to zero kept as a row of 0 cents).

Kept current by:

- the ``declaraties.signals.declaration_judged`` signal, sent after a judged JW323 commits:
  its rows are rebuilt at once;
- a prestatie saved through the ORM (``post_save``) or a declaration deleted: the declaration
  is queued in :class:`~.models.PendingDeclaration` and rebuilt by :func:`catch_up` before the
  next figure is read;
- ``jeugdketen report refresh`` (:func:`rebuild`): everything from scratch, e.g. after a bulk
  load past the intake.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import DateField, F, Sum
from django.db.models.functions import TruncMonth

GROUPS = {
    "DeclaredCost": [
        "declaratie_id",
        "municipality_id",
        "provider_id",
        "product_id",
        "product_code",
        "product_category",
    ],
    "DeclaredClientCost": [
        "declaratie_id",
        "municipality_id",
        "provider_id",
        "client_id",
        "product_id",
        "product_category",
    ],
}


def prestatie_model(apps=global_apps):
    try:
        return apps.get_model("declaraties", "Prestatie")
    except LookupError:
        return None


def _insert(apps, name: str, declaratie_ids: list[int] | None) -> None:
    prestatie = prestatie_model(apps)
    target = apps.get_model("monitoring", name)
    lines = prestatie.objects.filter(accepted=True)
    if declaratie_ids is not None:
        lines = lines.filter(declaratie_id__in=declaratie_ids)
    # Every output column is an annotation, so the SELECT lists them in exactly this order. An
    # earlier migration's model may lack a later column: it fills the columns it has.
    have = {field.attname for field in target._meta.concrete_fields}
    columns = [column for column in GROUPS[name] if column in have]
    select = (
        lines.values(
            **{f"k_{column}": F(column) for column in columns},
            k_month=TruncMonth("begin", output_field=DateField()),
        )
        .annotate(k_cents=Sum("amount_cents"))
        .order_by()
    )
    sql, params = select.query.sql_with_params()
    q = connection.ops.quote_name
    names = ", ".join(q(column) for column in [*columns, "month", "cents"])
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {q(target._meta.db_table)} ({names}) {sql}", params)


def refresh(declaratie_ids, apps=global_apps) -> None:
    """Rebuild the aggregate rows of these declarations from their prestaties."""
    ids = sorted({int(pk) for pk in declaratie_ids})
    if not ids or prestatie_model(apps) is None:
        return
    with transaction.atomic():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for name in GROUPS:
                apps.get_model("monitoring", name).objects.filter(declaratie_id__in=chunk).delete()
                _insert(apps, name, chunk)
            apps.get_model("monitoring", "PendingDeclaration").objects.filter(
                declaratie_id__in=chunk
            ).delete()


def rebuild(apps=global_apps) -> dict[str, int]:
    """Empty both tables and fill them from all prestaties: one INSERT … SELECT per table."""
    counts = {}
    if prestatie_model(apps) is None:
        return counts
    with transaction.atomic():
        apps.get_model("monitoring", "PendingDeclaration").objects.all().delete()
        for name in GROUPS:
            model = apps.get_model("monitoring", name)
            model.objects.all().delete()
            _insert(apps, name, None)
            counts[name] = model.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in GROUPS:
                cursor.execute(
                    f"ANALYZE {connection.ops.quote_name(apps.get_model('monitoring', name)._meta.db_table)}"
                )
    return counts


def catch_up() -> None:
    """Rebuild the declarations queued since the last read (one indexed query when none are)."""
    from .models import PendingDeclaration

    if not PendingDeclaration.objects.exists():
        return
    with transaction.atomic():
        ids = list(PendingDeclaration.objects.select_for_update().values_list("declaratie_id", flat=True))
        refresh(ids)


def mark(declaratie_id) -> None:
    from .models import PendingDeclaration

    if declaratie_id is not None:
        PendingDeclaration.objects.get_or_create(declaratie_id=declaratie_id)


# --- receivers (connected in MonitoringConfig.ready) -------------------------------------------


def on_declaration_judged(sender, declaratie, **kwargs) -> None:
    refresh([declaratie.pk])


def on_prestatie_saved(sender, instance, **kwargs) -> None:
    mark(instance.declaratie_id)


def on_declaratie_deleted(sender, instance, **kwargs) -> None:
    mark(instance.pk)


# --- reading ---------------------------------------------------------------------------------


def scoped(model, scope):
    """The aggregate rows `scope` lets the user see, after catching up on queued declarations.

    The tables carry ``municipality`` and ``provider`` themselves (``tenancy``), so
    :func:`jeugdketen.accounts.access.scope` narrows them with a plain ``IN (ids)``.
    """
    from .spending import unique_rows

    catch_up()
    return unique_rows(scope(model.objects.all()))


def costs(
    scope, first, last, group: list[str], *, filters: dict | None = None, annotate: dict | None = None
) -> list[dict]:
    """Declared cents per group for the whole months from `first` to `last` (DeclaredCost)."""
    from .models import DeclaredCost

    rows = (
        scoped(DeclaredCost, scope)
        .filter(month__gte=first.replace(day=1), month__lte=last, **(filters or {}))
        .annotate(**(annotate or {}))
        .values(*group)
        .annotate(cents=Sum("cents"))
        .order_by()
    )
    return [dict(row, cents=int(row["cents"] or 0)) for row in rows]


def client_costs(scope, first, last, *, filters=None):
    """DeclaredClientCost rows of the whole months from `first` to `last`, unevaluated.

    `filters` is a dict of lookups or a Q (see :func:`.spending.narrow`).
    """
    from .models import DeclaredClientCost
    from .spending import narrow

    rows = scoped(DeclaredClientCost, scope).filter(month__gte=first.replace(day=1), month__lte=last)
    return narrow(rows, filters)
