"""Monitoring's cost aggregates: kept current when a declaration is judged, rebuilt identically."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from jeugdketen.declaraties import signals
from jeugdketen.declaraties.models import Declaratie, Prestatie
from jeugdketen.monitoring import aggregates, figures
from jeugdketen.monitoring.models import DeclaredClientCost, DeclaredCost, PendingDeclaration

from .test_declared_spending import billed, declaratie, line  # noqa: F401 (fixture)


def rows(model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return sorted(model.objects.values_list(*fields))


def test_orm_lines_are_queued_and_caught_up_before_a_figure_reads(region, billed):  # noqa: F811
    assert PendingDeclaration.objects.exists()
    report = figures.accountability(year=2024, today=dt.date(2025, 2, 1))
    assert report.summary["turnover"] == 655_000
    assert not PendingDeclaration.objects.exists()
    # February € 50 and March € 700 ambulant, April € 6.000 residential minus a € 200 credit.
    assert sorted(DeclaredCost.objects.values_list("product_code", "month", "cents")) == [
        ("43A01", dt.date(2024, 4, 1), 580_000),
        ("45A01", dt.date(2024, 2, 1), 5_000),
        ("45A01", dt.date(2024, 3, 1), 70_000),
    ]


def test_rebuild_gives_the_same_rows_as_incremental_maintenance(region, billed):  # noqa: F811
    aggregates.catch_up()
    incremental = rows(DeclaredCost), rows(DeclaredClientCost)
    counts = aggregates.rebuild()
    assert (rows(DeclaredCost), rows(DeclaredClientCost)) == incremental
    assert counts == {"DeclaredCost": 3, "DeclaredClientCost": 3}


def test_a_judged_declaration_updates_the_aggregate_on_commit(region, django_capture_on_commit_callbacks):
    toewijzing = region.toewijzing(begin=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), volume=2)
    decl = declaratie(region)
    aggregates.catch_up()
    first = line(decl, toewijzing, dt.date(2024, 5, 1), dt.date(2024, 5, 31), 12_000)
    PendingDeclaration.objects.all().delete()  # as the intake stores lines: plain INSERTs, no post_save
    # A second line stored past the ORM, as the intake does, then the signal after commit.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Prestatie._meta.db_table} SET amount_cents = 15000 WHERE id = %s", [first.pk]
        )
    with django_capture_on_commit_callbacks(execute=True):
        from django.db import transaction

        transaction.on_commit(lambda: signals.declaration_judged.send(sender=Declaratie, declaratie=decl))
    assert list(DeclaredCost.objects.values_list("month", "cents")) == [(dt.date(2024, 5, 1), 15_000)]
    assert list(DeclaredClientCost.objects.values_list("client", "cents")) == [(toewijzing.client_id, 15_000)]
    # Judged again (e.g. re-sent): rebuilt, not added twice.
    signals.declaration_judged.send(sender=Declaratie, declaratie=decl)
    assert DeclaredCost.objects.get().cents == 15_000


def test_deleting_a_declaration_clears_its_rows(region, billed):  # noqa: F811
    aggregates.catch_up()
    decl = Declaratie.objects.get()
    decl.delete()
    aggregates.catch_up()
    assert not DeclaredCost.objects.exists() and not DeclaredClientCost.objects.exists()


def test_report_refresh_command_rebuilds(region, billed, capsys):  # noqa: F811
    from django.core.management import call_command

    DeclaredCost.objects.all().delete()
    call_command("report", "refresh")
    assert "DeclaredCost: 3 rows" in capsys.readouterr().out
    assert DeclaredCost.objects.count() == 3
