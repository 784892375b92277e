from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.catalogus.export import export_csv, export_json
from jeugdketen.catalogus.models import Region


class Command(BaseCommand):
    help = "The product catalogue: import a product book, list the regions, export (json|csv|xlsx)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="print the catalogue, one record per product")
        export.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        export.add_argument("--region", help="region slug, e.g. noordoost-brabant-2021")
        export.add_argument("--out", help="xlsx: the workbook to write (the form `catalog import` reads)")
        imp = sub.add_parser(
            "import",
            help="load a product book (YAML, an .xlsx workbook or a folder of CSV files; "
            "docs/catalogue-data.md): all or nothing",
        )
        imp.add_argument("path")
        sub.add_parser("regions", help="list the loaded product books (slug, year, products)")

    def handle(self, *args, action, **options):
        if action == "import":
            return self._import(Path(options["path"]))
        if action == "regions":
            for region in Region.objects.order_by("slug"):
                self.stdout.write(
                    f"{region.slug}\t{region.year}\t{region.products.count()} products\t{region.name}"
                )
            return None
        region = options.get("region")
        if region and not Region.objects.filter(slug=region).exists():
            known = ", ".join(Region.objects.values_list("slug", flat=True)) or "none (run jeugdketen init)"
            raise CommandError(f"unknown region {region!r}; known: {known}")
        if options["format"] == "xlsx":
            if not region or not options.get("out"):
                raise CommandError("--format xlsx needs --region and --out")
            from jeugdketen.catalogus.tabular import write

            count = write(region, options["out"])
            self.stdout.write(f"{region}: {count} products written to {options['out']}")
            return None
        text = export_json(region) if options["format"] == "json" else export_csv(region)
        self.stdout.write(text, ending="" if text.endswith("\n") else "\n")

    def _import(self, path: Path) -> None:
        from jeugdketen.catalogus.loader import CatalogueDataError, load_file

        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            result = load_file(path)
        except CatalogueDataError as exc:
            self.stderr.write(str(exc))
            self.stderr.write("nothing was stored")
            raise SystemExit(1) from None
        state = "loaded" if result.loaded else "unchanged (same file as loaded before)"
        self.stdout.write(f"{result.region}: {result.products} products {state}")
