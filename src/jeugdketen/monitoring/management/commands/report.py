"""`jeugdketen report NAME`: a monitoring figure on the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jeugdketen.monitoring import exports, figures
from jeugdketen.monitoring.report import display


class Command(BaseCommand):
    help = (
        "Monitoring figure (budget, waiting-times, dropout, top75, residential, accountability) as JSON/CSV; "
        "'refresh' rebuilds monitoring's cost aggregates from all prestaties."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", choices=[*figures.NAMES, "refresh"])
        parser.add_argument("--year", type=int, help="year of the figure (default: the year of --today)")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, help="reference date YYYY-MM-DD (default: today)"
        )
        parser.add_argument("--gemeente", action="append", default=[], help="CBS code; repeat for more")
        parser.add_argument(
            "--json", action="store_true", help="print the figure as JSON (see docs/monitoring.md)"
        )
        parser.add_argument("--csv", action="store_true", help="print the figure as CSV")
        parser.add_argument("--names", action="store_true", help="top75: include names")

    def handle(self, *args, **options):
        if options["name"] == "refresh":
            from jeugdketen.monitoring import aggregates

            for table, count in aggregates.rebuild().items():
                self.stdout.write(f"{table}: {count} rows")
            return
        today = options["today"] or timezone.localdate()
        scope = None
        if options["gemeente"]:
            codes = options["gemeente"]
            scope = _municipality_scope(codes)
        try:
            report = figures.compute(
                options["name"], scope, today=today, year=options["year"], show_names=options["names"]
            )
        except KeyError as exc:
            raise CommandError(f"unknown report {exc}") from exc
        if options["json"]:
            json.dump(report.as_json(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        elif options["csv"]:
            sys.stdout.write(exports.to_csv(report))
        else:
            self.stdout.write(report.title)
            for key, value in report.summary.items():
                self.stdout.write(f"  {key}: {display(value, report.summary_kinds.get(key, ''))}")


def _municipality_scope(codes):
    from jeugdketen.catalogus.models import Municipality

    ids = list(Municipality.objects.filter(cbs_code__in=codes).values_list("pk", flat=True))
    if len(ids) != len(set(codes)):
        raise CommandError(f"unknown CBS code in {', '.join(codes)}")

    def scope(queryset):
        tenancy = getattr(queryset.model, "tenancy", None)
        if tenancy is None:
            return queryset
        path = tenancy.get("municipality")
        return queryset.filter(**{f"{path}__in": ids}) if path else queryset.none()

    return scope
