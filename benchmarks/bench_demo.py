"""Benchmark: `jeugdketen demo` building 10,000 youths on PostgreSQL and on SQLite, in one run.

The parent process runs one child per database and writes one section of RESULTS.md:

- PostgreSQL: the database named by ``DEMO_BENCH_POSTGRES`` (default: ``DATABASE_URL`` when
  it is a PostgreSQL URL), e.g. ``postgres://jeugdketen:jeugdketen@127.0.0.1:5432/jeugdketen_bench``.
  It is migrated first; the build runs inside a transaction that is rolled back afterwards,
  so the benchmark database keeps only its schema and catalogue (the commit is not timed).
- SQLite: a fresh file in a temporary directory, migrated, built and thrown away.

``DEMO_BENCH_YOUTHS`` changes the size. Without a PostgreSQL URL only SQLite runs. The later
stages (:data:`jeugdketen.demo.build.STAGES`, e.g. the declarations' JW323 billing) are timed
apart, with the number of declarations and prestaties; ``DEMO_BENCH_STAGES=0`` leaves them out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

YOUTHS = int(os.environ.get("DEMO_BENCH_YOUTHS", "10000"))
MONTHS = 12
SEED = 1
TODAY = dt.date(2026, 3, 2)


class Rollback(Exception):
    pass


def cpu_check() -> float:
    """Seconds a fixed pure-Python loop takes: how fast this machine's CPU is at this moment.

    The machine is a shared virtual one; its speed changes between runs, and the demo's time
    with it. The table shows this figure beside each run so runs can be compared."""
    began = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.perf_counter() - began


def child() -> None:
    """Migrate, load the catalogue, build the demo; print one JSON line with counts and times."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from jeugdketen.berichten.models import Message
    from jeugdketen.catalogus.loader import load_all
    from jeugdketen.declaraties.models import Declaratie, Prestatie
    from jeugdketen.demo import build as demo_build
    from jeugdketen.levering.models import Task

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_all()
    prepared = time.perf_counter() - began
    result = {"vendor": connection.vendor, "prepare": prepared, "stages": 0.0}
    with_stages = os.environ.get("DEMO_BENCH_STAGES", "1") != "0"
    stages = demo_build._stages

    def timed_stages():
        def timed(stage):
            def run(ctx):
                began = time.perf_counter()
                stage(ctx)
                result["stages"] += time.perf_counter() - began

            return run

        return [timed(stage) for stage in stages()] if with_stages else []

    demo_build._stages = timed_stages
    play = demo_build.chain.play

    def timed_play(ctx, stories, waiting):
        began = time.perf_counter()
        play(ctx, stories, waiting)
        result.update(chain=time.perf_counter() - began, stories=len(stories) + len(waiting))

    demo_build.chain.play = timed_play
    try:
        with transaction.atomic():
            messages_before, tasks_before = Message.objects.count(), Task.objects.count()
            result["cpu"] = cpu_check()
            began = time.perf_counter()
            ctx = demo_build.build(youths=YOUTHS, months=MONTHS, seed=SEED, today=TODAY)
            result.update(
                seconds=time.perf_counter() - began,
                youths=len(ctx.clients),
                toewijzingen=len(ctx.toewijzingen),
                starts=len(ctx.starts),
                with_stages=with_stages,
                messages=Message.objects.count() - messages_before,
                tasks=Task.objects.count() - tasks_before,
                declaraties=Declaratie.objects.count(),
                prestaties=Prestatie.objects.count(),
                rejected=Prestatie.objects.filter(accepted=False).count(),
            )
            raise Rollback
    except Rollback:
        pass
    print("RESULT " + json.dumps(result))


def run(url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, check=False
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"benchmark child failed on {url.split('@')[-1]}:\n{done.stdout}\n{done.stderr}")
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    from benchmarks._results import write_section

    postgres = os.environ.get("DEMO_BENCH_POSTGRES") or os.environ.get("DATABASE_URL", "")
    rows = []
    if postgres.startswith(("postgres://", "postgresql://")):
        rows.append(run(postgres))
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(run(f"sqlite:///{tmp}/bench.sqlite3"))
    body = (
        f"`jeugdketen demo --youths {YOUTHS} --months {MONTHS} --seed {SEED}`, timed without migration "
        "and catalogue load; on PostgreSQL inside a transaction rolled back afterwards. *region* is the "
        "allocation chain (clients, referrals, toewijzingen, starts, stops, messages, tasks); *billing* "
        "the later stages (declarations: the providers' JW323s judged by the municipalities' intake, "
        "the JW325s processed, monthly payment runs). *messages* counts the region's messages and the "
        "JW323/JW325 pairs. *stories* is the number of client stories (all routes) played one by one "
        "through the real message chain (`jeugdketen.demo.chain`, at most `REAL_STORIES`), *chain s* "
        "their time (part of *region s*). *cpu check s* is the time a fixed pure-Python loop (5 million "
        "additions) took in the same process just before the build: the machine is a shared virtual "
        "one whose speed changes between runs (a loop four times this size took 2.9 to 4.5 s within "
        "minutes of each other on 2026-12-04), and the demo's time changes with it; compare runs by "
        "this figure.\n\n"
        "| database | youths | toewijzingen | starts | messages | tasks | declarations | prestaties "
        "| rejected | stories | chain s | region s | billing s | total s | cpu check s |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    for r in rows:
        stages = f"{r['stages']:.1f}" if r["with_stages"] else "not run"
        body += (
            f"| {r['vendor']} | {r['youths']} | {r['toewijzingen']} | {r['starts']} | {r['messages']} "
            f"| {r['tasks']} | {r['declaraties']} | {r['prestaties']} | {r['rejected']} "
            f"| {r.get('stories', 0)} | {r.get('chain', 0.0):.1f} "
            f"| {r['seconds'] - r['stages']:.1f} | {stages} | {r['seconds']:.1f} "
            f"| {r.get('cpu', 0.0):.2f} |\n"
        )
    if not all(r["with_stages"] for r in rows):
        body += "\nThe later stages were left out (`DEMO_BENCH_STAGES=0`).\n"
    else:
        body += (
            "\nBilling sends one JW323 per provider, municipality and month (a practice with fewer than "
            "20 lines for a municipality bills them per quarter, achteraf); each is judged set-based by "
            "the real intake (ijw verdict, rules, JW325, ledger). Back-office providers' registrations "
            "and every provider's copies of its JW323s and JW325s are stored in bulk, one INSERT per "
            "month, its reading of the JW325s in one UPDATE per outcome: the rows billing through the "
            "back office and the exchange would store (tests/demo/test_billing_bulk.py).\n"
        )
    print(body)
    write_section("demo", body)


if __name__ == "__main__":
    if "--child" in sys.argv:
        child()
    else:
        main()
