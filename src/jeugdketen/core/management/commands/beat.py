"""``jeugdketen beat``: starts the periodic tasks stored in the database (one beat per site)."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the scheduler of the periodic tasks (deadlines, monitoring check, payment run); one per site."

    def add_arguments(self, parser):
        parser.add_argument("--loglevel", default=os.environ.get("JEUGDKETEN_LOG_LEVEL", "INFO"))

    def handle(self, *args, loglevel, **options):
        from django.conf import settings

        from jeugdketen.conf.celery import app
        from jeugdketen.core.schedules import ensure_schedules

        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "no broker configured: set JEUGDKETEN_BROKER_URL (e.g. redis://localhost:6379/0)"
            )
        ensure_schedules()
        app.start(["beat", f"--loglevel={loglevel}", f"--scheduler={settings.CELERY_BEAT_SCHEDULER}"])
