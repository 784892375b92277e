"""`jeugdketen tariffs ...`: the cost-price model on the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jeugdketen.kostprijs.calibrate import REPRODUCED
from jeugdketen.kostprijs.whatif import Scenario, index_scenario
from jeugdketen.tarieven import scales as scale_import
from jeugdketen.tarieven import services
from jeugdketen.tarieven.export import whatif_report

SCENARIO_OPTIONS = {
    "cao_raise": "CAO raise in %% on every salary scale",
    "overhead": "overhead in %% (document: 35)",
    "overhead_micro": "overhead for micro-ondernemingen in %% (document: 11.5)",
    "risk": "risk surcharge in %% (document: 2)",
    "social_charges": "social charges in %% (document: 32)",
    "productive_hours_change": "productive hours per FTE per year, added (e.g. -30)",
    "ova": "wage index OVA in %%",
    "material": "material price index in %%",
}


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise CommandError(f"not a number: {text!r}") from exc


class Command(BaseCommand):
    help = (
        "The cost-price model: calibrate, explain CODE, whatif (--json), propose next year's "
        "tariffs, import-scales FILE."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        calibrate = sub.add_parser("calibrate", help="every published tariff: reproduced or why not")
        explain = sub.add_parser("explain", help="the build-up of one product's tariff")
        explain.add_argument("code")
        explain.add_argument("--variant", choices=["regular", "micro"], default="regular")
        whatif = sub.add_parser("whatif", help="new tariffs and the budget effect of changed parameters")
        for name, text in SCENARIO_OPTIONS.items():
            whatif.add_argument("--" + name.replace("_", "-"), dest=name, type=_decimal, help=text)
        whatif.add_argument("--scales-from", type=int, help="compare the scale amounts of this year ...")
        whatif.add_argument("--scales-to", type=int, help="... with those of this year")
        whatif.add_argument("--year", type=int, help="budget year (default: the year of --today)")
        whatif.add_argument("--today", type=dt.date.fromisoformat, help="reference date YYYY-MM-DD")
        whatif.add_argument("--gemeente", action="append", default=[], help="CBS code; repeat for more")
        propose = sub.add_parser("propose", help="next year's tariffs by the document's indexation")
        propose.add_argument("--ova", type=_decimal, required=True)
        propose.add_argument("--material", type=_decimal, required=True)
        propose.add_argument("--year", type=int, help="the current tariff year (default: this year)")
        propose.add_argument("--apply", action="store_true", help="record them through the contract set-up")
        scales = sub.add_parser("import-scales", help="scale amounts from CSV or XLSX")
        scales.add_argument("file")
        for command in (calibrate, explain, whatif, propose):
            command.add_argument("--region", default=None, help="region slug (default: the only model)")
            command.add_argument("--json", action="store_true", help="print JSON")

    def _region(self, options) -> str:
        regions = services.regions()
        region = options.get("region") or (regions[0] if len(regions) == 1 else None)
        if region not in regions:
            raise CommandError(f"choose --region from: {', '.join(regions)}")
        return region

    def _out(self, data) -> None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")

    def handle(self, *args, **options):
        getattr(self, "do_" + options["action"].replace("-", "_"))(options)

    def do_calibrate(self, options):
        calibration = services.calibration(self._region(options))
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "variant": r.variant,
                "year": r.year,
                "published": r.published,
                "model": r.model,
                "status": r.status,
                "reason": r.reason,
                "hourly": r.hourly,
            }
            for r in calibration.reproductions
        ]
        if options["json"]:
            self._out(
                {
                    "tariffs": rows,
                    "breaches": [{"figure": f, "why": w} for f, w in calibration.breaches()],
                    "checks": [
                        {"kind": c.kind, "codes": c.codes, "consistent": c.consistent, "text": c.text}
                        for c in calibration.checks
                    ],
                }
            )
            return
        for row in rows:
            mark = "ok " if row["status"] == REPRODUCED else "-- "
            self.stdout.write(
                f"{mark}{row['code']} {row['variant']:<7} {row['published']:>8} model {row['model']}"
            )

    def do_explain(self, options):
        region = self._region(options)
        if options["code"] not in services.load(region).products:
            raise CommandError(f"no cost specification for {options['code']} in {region}")
        explanation = services.explanation(region, options["code"], options["variant"], year=None)
        if options["json"]:
            self._out(explanation.as_dict())
            return
        for step in explanation.as_dict()["steps"]:
            lines = f" (L{step['lines'][0]}-{step['lines'][1]})" if step["lines"] else ""
            self.stdout.write(f"{step['label']}: {step['parameter']} -> {step['total'] or ''}{lines}")
        self.stdout.write(f"tariff {explanation.tariff}, published {explanation.published}")

    def do_whatif(self, options):
        region = self._region(options)
        values = {name: options[name] for name in SCENARIO_OPTIONS if options.get(name) is not None}
        if (options["scales_from"] is None) != (options["scales_to"] is None):
            raise CommandError("give both --scales-from and --scales-to, or neither")
        if options["scales_from"] is not None:
            first, second = options["scales_from"], options["scales_to"]
            values["salary_factors"], missing = services.salary_factors(region, first, second)
            values["scale_years"] = (first, second)
            if missing:
                self.stderr.write("incomplete scale amounts, salary unchanged for: " + ", ".join(missing))
        scenario = Scenario(**values)
        today = options["today"] or timezone.localdate()
        year = options["year"] or today.year
        changes = services.what_if(region, scenario)
        scope = None
        if options["gemeente"]:
            from jeugdketen.catalogus.models import Municipality

            ids = list(
                Municipality.objects.filter(cbs_code__in=options["gemeente"]).values_list("pk", flat=True)
            )

            def scope(queryset):
                path = getattr(queryset.model, "tenancy", {}).get("municipality")
                return queryset.filter(**{f"{path}__in": ids}) if path else queryset.none()

        effect = services.budget_effect(scope or (lambda qs: qs), region, changes, year=year, today=today)
        report = whatif_report(region, scenario, changes, effect)
        if options["json"]:
            data = report.as_json()
            data["parameters"].pop("_labels", None)
            self._out(data)
            return
        for change in changes:
            if change.difference:
                self.stdout.write(f"{change.code} {change.variant:<7} {change.current:>8} -> {change.new:>8}")
        self.stdout.write(f"committed difference: {Decimal(effect.summary['committed_difference']) / 100}")

    def do_propose(self, options):
        region = self._region(options)
        year = options["year"] or timezone.localdate().year
        changes = services.what_if(region, index_scenario(options["ova"], options["material"]), year=year + 1)
        proposals = services.contract_proposals(region, year, changes)
        if options["apply"]:
            source = f"jeugdketen tariffs propose: OVA {options['ova']} %, materieel {options['material']} %"
            try:
                count = services.apply_proposals(proposals, year + 1, actor=None, source=source)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{count} contract tariffs recorded for {year + 1}")
            return
        data = {
            "year": year + 1,
            "tariffs": [
                {"code": c.code, "variant": c.variant, "current": c.current, "proposed": c.new}
                for c in changes
            ],
            "contracts": [
                {
                    "contract": p.contract,
                    "code": p.code,
                    "variant": p.variant,
                    "current": p.current,
                    "proposed": p.proposed,
                }
                for p in proposals
            ],
        }
        if options["json"]:
            self._out(data)
            return
        for row in data["tariffs"]:
            self.stdout.write(
                f"{row['code']} {row['variant']:<7} {row['current']:>8} -> {row['proposed']:>8}"
            )

    def do_import_scales(self, options):
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            self.stderr.write(f"cannot read {path}: {exc.strerror}")
            sys.exit(2)
        try:
            counts = scale_import.import_file(content, path.name, actor="cli")
        except scale_import.ImportError_ as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            sys.exit(1)
        self.stdout.write(
            f"created {counts['created']}, changed {counts['changed']}, unchanged {counts['unchanged']}"
        )
