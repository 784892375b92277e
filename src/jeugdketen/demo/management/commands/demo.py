"""jeugdketen demo: build a deterministic synthetic region on the configured database."""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError

from jeugdketen.demo.build import DEMO_PASSWORD, REAL_STORIES, build, create_users, users_enabled
from jeugdketen.demo.region import MissingBooks, ensure_region
from jeugdketen.toegang.models import Client


class Command(BaseCommand):
    help = "Build a synthetic youth-care region: youths, referrals, toewijzingen, starts, stops, messages."

    def add_arguments(self, parser):
        parser.add_argument("--youths", type=int, default=500)
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=dt.date.fromisoformat, help="reference date (default: today)")
        parser.add_argument(
            "--real-stories",
            type=int,
            default=REAL_STORIES,
            help="at most this many JW315 stories run one by one through the real message chain",
        )
        parser.add_argument("--if-empty", action="store_true", help="only build when no clients exist")
        parser.add_argument("--with-users", action="store_true", help="create one demo account per role")

    def handle(self, *args, **options):
        try:
            self._build(**options)
        except MissingBooks as error:
            raise CommandError(str(error)) from error

    def _build(self, *, youths, months, seed, today, real_stories, if_empty, with_users, **options):
        if if_empty and Client.objects.exists():
            self.stdout.write("demo: er zijn al cliënten; niets gedaan")
        else:
            began = time.perf_counter()
            ctx = build(youths=youths, months=months, seed=seed, today=today, real_stories=real_stories)
            self.stdout.write(
                f"demo: {len(ctx.clients)} jeugdigen, {len(ctx.toewijzingen)} toewijzingen, "
                f"{len(ctx.starts)} starts in {time.perf_counter() - began:.1f}s"
            )
        if users_enabled(with_users):
            municipalities, providers = ensure_region()
            made = create_users(municipalities, providers)
            if made:
                self.stdout.write(f"demo-accounts {', '.join(made)} met wachtwoord '{DEMO_PASSWORD}'")
