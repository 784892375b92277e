"""Monitoring pages on a big region: every page should answer within 1 s.

Builds a synthetic region with bulk inserts on a fresh test database (SQLite by default,
PostgreSQL when DATABASE_URL is set): N youths, two toewijzingen each with starts, stops, end
evaluations with goals, budgets, and, when the declaraties app provides its models, monthly
accepted prestaties for every toewijzing. Then it requests each monitoring page with the
Django test Client, in the same run as a trivial page, and writes the times and ratios to
benchmarks/RESULTS.md.

    MONITORING_BENCH_YOUTHS=50000 python benchmarks/bench_monitoring.py   # the full size
    MONITORING_BENCH_YOUTHS=5000 python benchmarks/bench_monitoring.py    # a quick run
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from benchmarks._results import write_section  # noqa: E402

YOUTHS = int(os.environ.get("MONITORING_BENCH_YOUTHS", "50000"))
MONTHS = 12
SEED = 6


def build(today: dt.date) -> dict:
    from jeugdketen.accounts.models import Role, User
    from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
    from jeugdketen.contracten.models import Contract, ContractProduct
    from jeugdketen.levering.models import Start, Stop
    from jeugdketen.monitoring.calendar import ensure_calendar
    from jeugdketen.monitoring.models import Budget
    from jeugdketen.monitoring.spending import prestatie_model
    from jeugdketen.toegang.models import Client, Goal, Referral, SupportPlan, Toewijzing

    rng = random.Random(SEED)
    counts = {}
    ensure_calendar(today)
    region = Region.objects.create(slug="bench", name="Benchregio", year=today.year, document="bench")
    lots = [
        Lot.objects.create(region=region, code=c, name=n, position=i)
        for i, (c, n) in enumerate([("A", "Ambulant"), ("W", "Wonen"), ("D", "Dagbehandeling")])
    ]
    specs = [
        ("45A01", "45", "04", "2", 0, "70.00"),
        ("45A02", "45", "01", "2", 0, "1.20"),
        ("43A01", "43", "14", "1", 1, "210.00"),
        ("44A01", "44", "14", "1", 1, "150.00"),
        ("41A01", "41", "16", "2", 2, "62.80"),
        ("54A01", "54", "04", "6", 0, "95.00"),
    ]
    products = [
        Product.objects.create(
            region=region,
            position=i,
            lot=lots[lot],
            code=code,
            category=cat,
            name=f"Product {code}",
            unit_code=unit,
            frequency_code=freq,
        )
        for i, (code, cat, unit, freq, lot, _t) in enumerate(specs)
    ]
    municipalities = [
        Municipality.objects.create(cbs_code=f"9{i:03d}", name=f"Gemeente {i}") for i in range(8)
    ]
    providers = [Provider.objects.create(name=f"Aanbieder {i}", agb_code=f"98{i:06d}") for i in range(40)]
    for provider in providers:
        contract = Contract.objects.create(
            provider=provider, region=region, start=dt.date(today.year - 2, 1, 1)
        )
        ContractProduct.objects.bulk_create(
            [
                ContractProduct(contract=contract, product=product, year=year, tariff=Decimal(spec[5]))
                for product, spec in zip(products, specs, strict=True)
                for year in (today.year - 1, today.year)
            ]
        )
    Budget.objects.bulk_create(
        [
            Budget(municipality=m, year=today.year, lot=lot, amount=Decimal("5000000"))
            for m in municipalities
            for lot in lots
        ]
    )
    clients = Client.objects.bulk_create(
        [
            Client(
                bsn=f"{i:09d}",
                birth_date=dt.date(2010, 1, 1),
                last_name=f"Jeugdige {i}",
                municipality=municipalities[i % len(municipalities)],
            )
            for i in range(YOUTHS)
        ],
        batch_size=5000,
    )
    counts["youths"] = len(clients)
    first_day = dt.date(today.year - 1, today.month, 1)
    span = (today - first_day).days
    referrals, toewijzingen = [], []
    for client in clients:
        referrals.append(
            Referral(
                client=client,
                municipality=client.municipality,
                route="toegang",
                referrer_code="01",
                date=first_day + dt.timedelta(days=rng.randrange(span)),
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=5000)
    number = 0
    for referral in referrals:
        for _ in range(2):
            number += 1
            product = rng.choice(products)
            begin = referral.date + dt.timedelta(days=rng.randrange(1, 30))
            toewijzingen.append(
                Toewijzing(
                    municipality=referral.municipality,
                    number=f"{number:08d}",
                    client=referral.client,
                    provider=rng.choice(providers),
                    product=product,
                    product_category=product.category,
                    product_code=product.code,
                    begin=begin,
                    end=begin + dt.timedelta(days=rng.randrange(60, 400)),
                    volume=rng.randrange(1, 8),
                    unit=product.unit_code,
                    frequency=product.frequency_code,
                    toewijzing_date=begin,
                    referral=referral,
                )
            )
    Toewijzing.objects.bulk_create(toewijzingen, batch_size=5000)
    counts["toewijzingen"] = len(toewijzingen)
    starts = [
        Start(toewijzing=t, date=t.toewijzing_date + dt.timedelta(days=rng.randrange(0, 30)))
        for t in toewijzingen
        if rng.random() < 0.9
    ]
    Start.objects.bulk_create(starts, batch_size=5000)
    stops = [
        Stop(
            toewijzing=s.toewijzing,
            date=s.date + dt.timedelta(days=rng.randrange(30, 300)),
            reason=rng.choice(["31", "31", "31", "32", "33", "34", "35", "38"]),
        )
        for s in starts
        if rng.random() < 0.5
    ]
    Stop.objects.bulk_create(stops, batch_size=5000)
    plans = SupportPlan.objects.bulk_create(
        [
            SupportPlan(
                client=s.toewijzing.client,
                provider=s.toewijzing.provider,
                part=SupportPlan.Part.EIND,
                received_on=s.date,
                satisfaction=rng.randrange(4, 11),
            )
            for s in stops
        ],
        batch_size=5000,
    )
    Goal.objects.bulk_create(
        [
            Goal(plan=plan, description="doel", realisation=rng.choice(["volledig", "deels", "niet"]))
            for plan in plans
            for _ in range(2)
        ],
        batch_size=5000,
    )
    counts["starts"], counts["stops"], counts["end evaluations"] = len(starts), len(stops), len(plans)
    model = prestatie_model()
    counts["prestaties"] = build_prestaties(model, toewijzingen, today) if model else 0
    user = User.objects.create_user("bench", role=Role.CONTRACT)
    user.municipalities.set(municipalities)
    return {"user": user, "counts": counts}


def build_prestaties(model, toewijzingen, today: dt.date) -> int:
    """One accepted prestatie per toewijzing per month of care, under one declaration per provider-month."""
    from django.apps import apps

    declaratie_model = apps.get_model("declaraties", "Declaratie")
    declaraties = {}
    rows = []
    total = 0
    for t in toewijzingen:
        month = t.begin.replace(day=1)
        while month <= min(t.end, today):
            key = (t.provider_id, t.municipality_id, month)
            if key not in declaraties:
                end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                declaraties[key] = declaratie_model.objects.create(
                    provider_id=t.provider_id,
                    municipality_id=t.municipality_id,
                    number=f"{len(declaraties):012d}",
                    period_begin=month,
                    period_end=end,
                    dagtekening=end,
                    received_on=end,
                    status="beoordeeld",
                )
            end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            rows.append(
                model(
                    declaratie=declaraties[key],
                    municipality_id=t.municipality_id,
                    provider_id=t.provider_id,
                    position=len(rows) + 1,
                    bsn=f"{t.client_id:09d}",
                    client_id=t.client_id,
                    toewijzing=t,
                    product_id=t.product_id,
                    reference=f"{total:020d}"[-20:],
                    toewijzing_number=t.number,
                    product_category=t.product_category,
                    product_code=t.product_code,
                    begin=max(month, t.begin),
                    end=min(end, t.end),
                    volume=t.volume * 4,
                    unit=t.unit,
                    tariff_cents=7000,
                    amount_cents=t.volume * 4 * 7000,
                    debit_credit="D",
                    accepted=True,
                )
            )
            total += 1
            month = end + dt.timedelta(days=1)
            if len(rows) >= 20000:
                model.objects.bulk_create(rows)
                rows = []
    model.objects.bulk_create(rows)
    return total


def measure(client, url: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    from django.test import Client

    from jeugdketen.monitoring.figures import NAMES

    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        today = dt.date.today()
        started = time.perf_counter()
        built = build(today)
        build_seconds = time.perf_counter() - started
        client = Client()
        client.force_login(built["user"])
        trivial = measure(client, "/")
        lines = [
            f"Database: {vendor}. Data: "
            + ", ".join(f"{v:,} {k}" for k, v in built["counts"].items())
            + f" (built in {build_seconds:.0f} s). Each page is the median of 3 requests with the Django "
            "test Client, logged in as a contract manager for all municipalities. "
            "Aim: every page within 1 s.",
            "",
            "| page | median time | × trivial page |",
            "|---|---:|---:|",
            f"| `/` (trivial page) | {trivial * 1000:.0f} ms | 1.0 |",
        ]
        pages = ["/monitoring/"] + [f"/monitoring/{name}/" for name in NAMES]
        for url in pages:
            seconds = measure(client, url)
            lines.append(f"| `{url}` | {seconds * 1000:.0f} ms | {seconds / trivial:.1f} |")
            print(url, f"{seconds:.3f} s", flush=True)
        write_section("Monitoring pages", "\n".join(lines))
        print("\n".join(lines))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
