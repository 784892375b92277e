"""Benchmark: `jeugdketen demo` building 10,000 youths (PostgreSQL when DATABASE_URL is set).

Runs on a throwaway test database: migrate, load the catalogue, build the demo region and
time it. DEMO_BENCH_YOUTHS changes the size.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks._results import write_section  # noqa: E402

YOUTHS = int(os.environ.get("DEMO_BENCH_YOUTHS", "10000"))
MONTHS = 12
SEED = 1
TODAY = dt.date(2026, 3, 2)


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from jeugdketen.berichten.models import Message
        from jeugdketen.catalogus.loader import load_all
        from jeugdketen.demo.build import build
        from jeugdketen.levering.models import Task

        load_all()
        began = time.perf_counter()
        ctx = build(youths=YOUTHS, months=MONTHS, seed=SEED, today=TODAY)
        seconds = time.perf_counter() - began
        body = (
            f"`jeugdketen demo --youths {YOUTHS} --months {MONTHS} --seed {SEED}` on "
            f"{connection.vendor}:\n\n"
            "| youths | toewijzingen | starts | messages | tasks | seconds |\n|---|---|---|---|---|---|\n"
            f"| {len(ctx.clients)} | {len(ctx.toewijzingen)} | {len(ctx.starts)} | {Message.objects.count()} "
            f"| {Task.objects.count()} | {seconds:.1f} |\n"
        )
        print(body)
        write_section("demo", body)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
