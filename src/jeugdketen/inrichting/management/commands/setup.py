"""``jeugdketen setup``: a region's set-up as one workbook (template, import, export)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Set up a region from a workbook: template, import (all or nothing), export (see docs/setup.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        template = sub.add_parser("template", help="write an empty workbook with a 'toelichting' sheet")
        template.add_argument("--out", required=True)
        imp = sub.add_parser(
            "import", help="validate a workbook (.xlsx, or a folder of CSV files) and store it"
        )
        imp.add_argument("path")
        imp.add_argument("--dry-run", action="store_true", help="show what would change; store nothing")
        export = sub.add_parser("export", help="write the current set-up in the import's format")
        export.add_argument("--out", required=True)

    def handle(self, *args, action, **options):
        from jeugdketen.inrichting.workbook import exporting, run

        if action in ("template", "export"):
            exporting.write(options["out"], empty=action == "template")
            self.stdout.write(f"wrote {options['out']}")
            return
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        dry = options["dry_run"]
        plan = run(path, user=None, apply=not dry, source=f"werkmap {path.name} (jeugdketen setup import)")
        if plan.problems:
            for problem in plan.problems:
                self.stderr.write(problem)
            self.stderr.write(f"{len(plan.problems)} problem(s); nothing was stored")
            raise SystemExit(1)
        for sheet in plan.sheets:
            self.stdout.write(
                f"{sheet.sheet}: {len(sheet.created)} created, {len(sheet.changed)} changed, "
                f"{sheet.unchanged} unchanged"
            )
            for label in sheet.created:
                self.stdout.write(f"  + {label}")
            for label in sheet.changed:
                self.stdout.write(f"  ~ {label}")
        if dry:
            self.stdout.write("dry run: nothing was stored")
            return
        base = os.environ.get("JEUGDKETEN_BASE_URL", "").rstrip("/")
        for username, link in plan.links:
            self.stdout.write(f"activation link for {username}: {base}{link}")
