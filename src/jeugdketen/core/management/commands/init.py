from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jeugdketen.catalogus.loader import CatalogueDataError, load_all


class Command(BaseCommand):
    help = "Migrate the database and load the product catalogues. Running it twice changes nothing."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            results = load_all()
        except CatalogueDataError as exc:
            raise CommandError(f"catalogue data error: {exc}") from exc
        for result in results:
            state = "loaded" if result.loaded else "unchanged"
            self.stdout.write(f"{result.region}: {result.products} products {state}")
        from jeugdketen.core.schedules import ensure_schedules

        for name in ensure_schedules():
            self.stdout.write(f"periodic task created: {name}")
