import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Validate iJw 3.2 messages: ijw validate [--xsd-dir DIR] [--json] FILE..."

    def run_from_argv(self, argv):
        # The iJw command line lives in the framework-free package; Django only dispatches to it,
        # so its own argument parsing and exit codes (0 clean, 1 errors, 2 unreadable) stay intact.
        from jeugdketen.ijw.cli import main

        sys.exit(main(argv[2:]))

    def handle(self, *args, **options):  # pragma: no cover - run_from_argv never reaches it
        raise NotImplementedError
