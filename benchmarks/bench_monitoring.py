"""Monitoring pages on a big region: every page should answer within 1 s.

Builds a synthetic region on a fresh test database (SQLite by default, PostgreSQL when
DATABASE_URL is set): N youths with two toewijzingen each over the last two years, starts,
stops, end evaluations with goals, budgets, and two prestaties per toewijzing and month of
care (half-month lines; about 1 in 25 rejected, about 1 in 50 credited), with the declarations
and the ledger (lasten/crediteuren per municipality, provider, product and month) that the
declaraties app would have booked for them. The prestaties and the ledger are built with
``INSERT ... SELECT`` in the database, so two million lines take seconds, not an ORM loop.

Then it requests each monitoring page with the Django test Client, in the same run as a
trivial page, and writes the times and ratios to benchmarks/RESULTS.md.

    MONITORING_BENCH_YOUTHS=50000 python benchmarks/bench_monitoring.py   # the full size
    MONITORING_BENCH_YOUTHS=5000 python benchmarks/bench_monitoring.py    # a quick run

``MONITORING_BENCH_KEEPDB=1`` keeps the test database and reuses a built one (for profiling;
the recorded numbers come from a fresh build). Its migrations fill monitoring's cost
aggregates; ``MONITORING_BENCH_REFRESH=1`` rebuilds them in full first.
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
KEEPDB = os.environ.get("MONITORING_BENCH_KEEPDB") == "1"
SPAN_MONTHS = 24
SEED = 6
SPECS = [  # code, category, unit, frequency, lot, tariff
    ("45A01", "45", "04", "2", 0, "70.00"),
    ("45A02", "45", "01", "2", 0, "1.20"),
    ("43A01", "43", "14", "1", 1, "210.00"),
    ("44A01", "44", "14", "1", 1, "150.00"),
    ("41A01", "41", "16", "2", 2, "62.80"),
    ("54A01", "54", "04", "6", 0, "95.00"),
]


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = month_end(month) + dt.timedelta(days=1)
    return months


def build(today: dt.date) -> dict:
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
        for i, (code, cat, unit, freq, lot, _t) in enumerate(SPECS)
    ]
    municipalities = [
        Municipality.objects.create(cbs_code=f"9{i:03d}", name=f"Gemeente {i}") for i in range(8)
    ]
    # They buy under Midden-Limburg Oost's contract too, whose articles the accountability,
    # waiting-time and dropout figures report (the bench region's own products stay its own).
    contract_region, _ = Region.objects.get_or_create(
        slug="midden-limburg-oost-2020",
        defaults={"name": "Midden-Limburg Oost", "year": 2020, "document": "bench"},
    )
    for municipality in municipalities:
        municipality.regions.add(contract_region)
    providers = [Provider.objects.create(name=f"Aanbieder {i}", agb_code=f"98{i:06d}") for i in range(40)]
    for provider in providers:
        contract = Contract.objects.create(
            provider=provider, region=region, start=dt.date(today.year - 3, 1, 1)
        )
        ContractProduct.objects.bulk_create(
            [
                ContractProduct(contract=contract, product=product, year=year, tariff=Decimal(spec[5]))
                for product, spec in zip(products, specs_of(products), strict=True)
                for year in (today.year - 2, today.year - 1, today.year)
            ]
        )
    Budget.objects.bulk_create(
        [
            Budget(municipality=m, year=today.year, lot=lot, amount=Decimal("50000000"))
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
    first_day = months_between(dt.date(today.year - 2, today.month, 1), today)[0]
    span = (today - first_day).days
    referrals = [
        Referral(
            client=client,
            municipality=client.municipality,
            route="toegang",
            referrer_code="01",
            date=first_day + dt.timedelta(days=rng.randrange(span)),
        )
        for client in clients
    ]
    Referral.objects.bulk_create(referrals, batch_size=5000)
    toewijzingen = []
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
                    end=begin + dt.timedelta(days=rng.randrange(60, 800)),
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
    if prestatie_model() is not None:
        counts.update(build_declarations(toewijzingen, first_day, today))
        refresh_aggregates(counts)
    return counts


def refresh_aggregates(counts: dict) -> None:
    """The bulk load went past the intake, so rebuild monitoring's cost aggregates in full
    (what ``jeugdketen report refresh`` does)."""
    from jeugdketen.monitoring import aggregates

    started = time.perf_counter()
    rebuilt = aggregates.rebuild()
    counts["aggregate rows"] = sum(rebuilt.values())
    print(f"aggregates rebuilt in {time.perf_counter() - started:.1f} s", flush=True)


def specs_of(products):
    by_code = {spec[0]: spec for spec in SPECS}
    return [by_code[product.code] for product in products]


def build_declarations(toewijzingen, first_day: dt.date, today: dt.date) -> dict:
    """Declarations per provider, municipality and month, their prestaties and ledger, in SQL."""
    from jeugdketen.declaraties.models import Boeking, Declaratie, Prestatie

    months = months_between(first_day, today)
    keys = set()
    for t in toewijzingen:
        for month in months_between(t.begin, min(t.end, today)):
            keys.add((t.provider_id, t.municipality_id, month))
    Declaratie.objects.bulk_create(
        [
            Declaratie(
                provider_id=provider,
                municipality_id=municipality,
                number=f"{n:012d}",
                period_begin=month,
                period_end=month_end(month),
                dagtekening=month_end(month),
                received_on=month_end(month),
                status="beoordeeld",
            )
            for n, (provider, municipality, month) in enumerate(sorted(keys))
        ],
        batch_size=5000,
    )
    q = connection.ops.quote_name
    halves = []
    for n, month in enumerate(months):
        middle = month.replace(day=15)
        halves += [
            (2 * n, month, month, middle),
            (2 * n + 1, month, middle + dt.timedelta(days=1), month_end(month)),
        ]
    tariff = (
        "CASE t.product_code "
        + " ".join(f"WHEN '{code}' THEN {int(Decimal(cents) * 100)}" for code, _c, _u, _f, _l, cents in SPECS)
        + " ELSE 7000 END"
    )
    columns = (
        "declaratie_id", "municipality_id", "provider_id", "position", "bsn", "client_id", "toewijzing_id",
        "product_id", "reference", "previous_reference", "toewijzing_number", "product_category",
        "product_code", "begin", "end", "volume", "unit", "tariff_cents", "amount_cents", "debit_credit",
        "accepted", "retourcodes", "credited", "counts_as_billed",
    )  # fmt: skip
    prestatie = q(Prestatie._meta.db_table)
    toewijzing = q("toegang_toewijzing")
    declaratie = q(Declaratie._meta.db_table)

    def select(sign: int, kind: str, where: str) -> str:
        return f"""
            INSERT INTO {prestatie} ({", ".join(q(c) for c in columns)})
            SELECT d.id, t.municipality_id, t.provider_id, h.n + 1, '000000000', t.client_id, t.id,
                   t.product_id, '{kind}' || CAST(t.id AS TEXT) || '-' || CAST(h.n AS TEXT), '',
                   t.number, t.product_category, t.product_code,
                   CASE WHEN t.{q("begin")} > h.first THEN t.{q("begin")} ELSE h.first END,
                   CASE WHEN t.{q("end")} < h.last THEN t.{q("end")} ELSE h.last END,
                   t.volume * 2, t.unit, {tariff}, {sign} * t.volume * 2 * {tariff}, '{kind}',
                   {where}, CASE WHEN {where} THEN '' ELSE '8001' END, FALSE, TRUE
            FROM {toewijzing} t
            JOIN bench_half h ON h.first <= t.{q("end")} AND h.last >= t.{q("begin")} AND h.first <= %s
            JOIN {declaratie} d ON d.provider_id = t.provider_id AND d.municipality_id = t.municipality_id
                 AND d.period_begin = h.month
        """

    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_half (n integer, month date, first date, last date)")
        cursor.executemany("INSERT INTO bench_half VALUES (%s, %s, %s, %s)", halves)
        # Fresh tables have no statistics; without them PostgreSQL nests loops over the join.
        for table in ("bench_half", toewijzing, declaratie):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(select(1, "D", "((t.id + h.n) %% 25) <> 0"), [today])
        # Credits of earlier accepted debits (1 in 50), booked as accepted credit lines.
        cursor.execute(select(-1, "C", "((t.id + h.n) %% 50) = 1"), [today])
        cursor.execute(f"DELETE FROM {prestatie} WHERE debit_credit = 'C' AND NOT accepted")
        month = (
            "CAST(date_trunc('month', p.begin) AS date)"
            if connection.vendor == "postgresql"
            else "date(p.begin, 'start of month')"
        )
        boeking_columns = (
            "transaction", "kind", "account", "amount_cents", "municipality_id", "provider_id",
            "product_code", "month", "declaratie_id", "description", "booked_on", "created",
        )  # fmt: skip
        cursor.execute(
            f"""
            INSERT INTO {q(Boeking._meta.db_table)} ({", ".join(q(c) for c in boeking_columns)})
            SELECT CAST(p.declaratie_id AS TEXT) || '-' || p.product_code || '-' || p.debit_credit,
                   CASE p.debit_credit WHEN 'D' THEN 'declaratie' ELSE 'credit' END, a.account,
                   a.sign * SUM(p.amount_cents), p.municipality_id, p.provider_id, p.product_code,
                   {month}, p.declaratie_id, '', %s, CURRENT_TIMESTAMP
            FROM {prestatie} p
            CROSS JOIN (SELECT 'lasten' AS account, 1 AS sign UNION ALL SELECT 'crediteuren', -1) a
            WHERE p.accepted
            GROUP BY p.declaratie_id, p.product_code, p.debit_credit, a.account, a.sign,
                     p.municipality_id, p.provider_id, {month}
            """,
            [today],
        )
        cursor.execute("DROP TABLE bench_half")
    return {
        "declarations": Declaratie.objects.count(),
        "prestaties": Prestatie.objects.count(),
        "rejected prestaties": Prestatie.objects.filter(accepted=False).count(),
        "ledger entries": Boeking.objects.count(),
    }


def existing_counts() -> dict:
    """What a kept database holds (its build time is in the run that built it)."""
    from jeugdketen.declaraties.models import Boeking, Declaratie, Prestatie
    from jeugdketen.monitoring.models import DeclaredClientCost, DeclaredCost
    from jeugdketen.toegang.models import Client, Toewijzing

    return {
        "youths": Client.objects.count(),
        "toewijzingen": Toewijzing.objects.count(),
        "declarations": Declaratie.objects.count(),
        "prestaties": Prestatie.objects.count(),
        "rejected prestaties": Prestatie.objects.filter(accepted=False).count(),
        "ledger entries": Boeking.objects.count(),
        "aggregate rows": DeclaredCost.objects.count() + DeclaredClientCost.objects.count(),
    }


def analyze() -> None:
    """What autovacuum would have done on a live system after a bulk load."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


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

    from jeugdketen.accounts.models import Role, User
    from jeugdketen.catalogus.models import Municipality
    from jeugdketen.monitoring.figures import NAMES
    from jeugdketen.toegang.models import Client as Youth

    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=KEEPDB)
    try:
        today = dt.date.today()
        started = time.perf_counter()
        kept = KEEPDB and Youth.objects.exists()
        if kept:
            counts = existing_counts()
            if os.environ.get("MONITORING_BENCH_REFRESH") == "1":
                refresh_aggregates(counts)
        else:
            counts = build(today)
            analyze()
        build_seconds = time.perf_counter() - started
        print("built", counts, f"{build_seconds:.0f} s", flush=True)
        user, _created = User.objects.get_or_create(username="bench", defaults={"role": Role.CONTRACT})
        user.municipalities.set(Municipality.objects.all())
        client = Client()
        client.force_login(user)
        trivial = measure(client, "/")
        lines = [
            f"Database: {vendor}. Data: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            + (
                f" (built in {build_seconds:.0f} s, cost aggregates included)"
                if not kept
                else " (kept database of an earlier build, cost aggregates current)"
            )
            + ". Each page is the median of 3 requests with the Django "
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
        if os.environ.get("MONITORING_BENCH_WRITE", "1") == "1":
            write_section("Monitoring pages", "\n".join(lines))
        print("\n".join(lines))
    finally:
        if not KEEPDB:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
