"""``jeugdketen worker``: a Celery worker for the background tasks (needs JEUGDKETEN_BROKER_URL)."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a background worker on the configured broker (Celery on Redis); see docs/operations.md."

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=int(os.environ.get("JEUGDKETEN_WORKER_CONCURRENCY", 2))
        )
        parser.add_argument("--queues", default="celery", help="comma-separated queue names")
        parser.add_argument("--loglevel", default=os.environ.get("JEUGDKETEN_LOG_LEVEL", "INFO"))

    def handle(self, *args, concurrency, queues, loglevel, **options):
        from django.conf import settings

        from jeugdketen.conf.celery import app

        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "no broker configured: set JEUGDKETEN_BROKER_URL (e.g. redis://localhost:6379/0)"
            )
        app.worker_main(
            [
                "worker",
                f"--concurrency={concurrency}",
                f"--queues={queues}",
                f"--loglevel={loglevel}",
                "--without-gossip",
                "--without-mingle",
            ]
        )
