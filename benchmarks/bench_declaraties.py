"""Declaration judgement: one JW323 of 100,000 prestaties against 50,000 toewijzingen.

Runs each database in a fresh worker process (Django binds its database at setup): a
temporary SQLite file always, and PostgreSQL when ``DATABASE_URL`` is set. In the same
worker it times the pure ``jeugdketen.ijw`` validation of the same file, then the whole
intake (set-based judgement, storing lines, obligations and bookings, writing the JW325).
Sizes can be lowered for a quick look: ``bench_declaraties.py 20000 10000``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def worker(prestaties: int, toewijzingen: int) -> dict:
    import datetime as dt
    from decimal import Decimal

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from jeugdketen.catalogus.models import Municipality, Product, Provider, Region
    from jeugdketen.contracten.models import Contract, ContractProduct
    from jeugdketen.declaraties import jw323, synthetic
    from jeugdketen.declaraties.intake import process_jw323
    from jeugdketen.ijw.validate import validate
    from jeugdketen.toegang.models import Client

    region = Region.objects.create(slug="bench", name="Bench", year=2025, document="-")
    product = Product.objects.create(
        region=region, position=1, code="45A03", category="45", name="B", unit_code="04"
    )
    municipality = Municipality.objects.create(cbs_code="0999", name="Benchgemeente")
    provider = Provider.objects.create(name="Bench BV", agb_code="99999999")
    contract = Contract.objects.create(provider=provider, region=region, start=dt.date(2025, 1, 1))
    ContractProduct.objects.create(contract=contract, product=product, year=2025, tariff=Decimal("80.00"))
    Client.objects.bulk_create(
        Client(bsn=bsn, birth_date=dt.date(2012, 1, 1), last_name="B", municipality=municipality)
        for bsn in synthetic.valid_bsns(toewijzingen)
    )
    clients = list(Client.objects.values_list("id", "bsn").order_by("id"))
    synthetic.toewijzingen(
        municipality=municipality, provider=provider, product=product, client_ids=[c[0] for c in clients],
        first_number=10000, begin=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), start=dt.date(2025, 1, 6),
        volume=20,
    )  # fmt: skip
    lines = synthetic.lines(
        prestaties, bsns=[c[1] for c in clients], first_number=10000,
        month=lambda n: synthetic.calendar_month(2025, 1 + n // toewijzingen),
        volume=lambda n: 10 + n % 5, reference=lambda n: f"R{n:09d}",
    )  # fmt: skip
    data = jw323.build(
        sender="99999999", receiver="0999", identification="BENCH1", dagtekening=dt.date(2025, 12, 5),
        number="BENCH1", period_begin=dt.date(2025, 11, 1), period_end=dt.date(2025, 11, 30), lines=lines,
    )  # fmt: skip
    started = time.perf_counter()
    report = validate(data)
    validation = time.perf_counter() - started
    assert report.ok, report.issues[:3]
    started = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile

        cProfile.runctx(
            "process_jw323(data, received_on=dt.date(2025, 12, 6))", globals(), locals(), sort="cumtime"
        )
        raise SystemExit(0)
    result = process_jw323(data, received_on=dt.date(2025, 12, 6))
    total = time.perf_counter() - started
    assert result.declaratie.lines_total == prestaties
    from django.db import connection

    return {
        "vendor": connection.vendor,
        "prestaties": prestaties,
        "toewijzingen": toewijzingen,
        "megabytes": round(len(data) / 1e6, 1),
        "validation": round(validation, 2),
        "intake": round(total, 2),
        "rejected": result.declaratie.lines_rejected,
    }


def run(database_url: str, sizes: list[int]) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *map(str, sizes)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [100_000, 50_000]
    load = os.getloadavg()[0]
    # Half the size as well, to show the growth is linear.
    runs = [[sizes[0] // 2, sizes[1] // 2], sizes]
    rows = []
    for run_sizes in runs:
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(run(f"sqlite:///{tmp}/bench.sqlite3", run_sizes))
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        for run_sizes in runs:
            rows.append(run(os.environ["DATABASE_URL"], run_sizes))
    body = [
        "One JW323 judged against the toewijzingen in the database: the pure `jeugdketen.ijw` validation "
        "(structure and all message rules) and, separately, the whole intake (verdict again, set-based "
        "judgement of every prestatie, storing lines, payment obligations and ledger, writing the JW325). "
        "Aim: intake within 20 s.",
        "",
        "| database | prestaties | toewijzingen | file MB | ijw validation s | intake s | rejected |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        body.append(
            f"| {r['vendor']} | {r['prestaties']:,} | {r['toewijzingen']:,} | {r['megabytes']} | "
            f"{r['validation']} | {r['intake']} | {r['rejected']} |"
        )
    for vendor in dict.fromkeys(r["vendor"] for r in rows):
        small, large = [r for r in rows if r["vendor"] == vendor]
        body.append("")
        body.append(
            f"{vendor}: {large['intake'] / small['intake']:.2f}× the intake time for "
            f"{large['prestaties'] / small['prestaties']:.0f}× the prestaties."
        )
    body += [
        "",
        f"Load average when the run started: {load:.1f} on {os.cpu_count()} cores (other work on the "
        "machine slows every figure; compare the intake with the ijw validation of the same run).",
    ]
    if not any(r["vendor"] == "postgresql" for r in rows):
        body += ["", "PostgreSQL was not measured in this run (set `DATABASE_URL=postgres://...`)."]
    markdown = "\n".join(body)
    print(markdown)
    sys.path.insert(0, str(HERE))
    from _results import write_section

    write_section("Declaration judgement", markdown)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        print(json.dumps(worker(*map(int, sys.argv[2:4]))))
    else:
        main(sys.argv[1:])
