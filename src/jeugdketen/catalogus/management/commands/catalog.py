from django.core.management.base import BaseCommand, CommandError

from jeugdketen.catalogus.export import export_csv, export_json
from jeugdketen.catalogus.models import Region


class Command(BaseCommand):
    help = "Export the product catalogue (catalog export --format json|csv [--region SLUG])."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="print the catalogue, one record per product")
        export.add_argument("--format", choices=["json", "csv"], default="json")
        export.add_argument("--region", help="region slug, e.g. noordoost-brabant-2021")

    def handle(self, *args, action, **options):
        region = options.get("region")
        if region and not Region.objects.filter(slug=region).exists():
            known = ", ".join(Region.objects.values_list("slug", flat=True)) or "none (run jeugdketen init)"
            raise CommandError(f"unknown region {region!r}; known: {known}")
        text = export_json(region) if options["format"] == "json" else export_csv(region)
        self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
