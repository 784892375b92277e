"""The demo's budgets, so that budget depletion means something after `make run`.

Each municipality gets a budget per lot for the current year: what the demo's declarations
accepted over the past twelve months for that lot, scaled to a full year and rounded up to a
thousand euros, with a margin drawn from the seed. Some lots end up under pressure, others not,
as in a real region. Budgets are monitoring's own data; nothing else is written. (The demo runs
in one transaction, before the cost aggregates are refreshed on commit, so it reads the
accepted prestaties themselves.)
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_CEILING, Decimal

from django.db.models import Sum

from jeugdketen.catalogus.models import Product
from jeugdketen.declaraties.models import Prestatie

from .models import Budget


def budgets(ctx) -> None:
    year = ctx.today.year
    since = ctx.today.replace(year=ctx.today.year - 1)
    lot_of = dict(Product.objects.exclude(lot=None).values_list("pk", "lot_id"))
    spent: dict[tuple[int, int], int] = defaultdict(int)
    rows = (
        Prestatie.objects.filter(municipality__in=ctx.municipalities, begin__gte=since, accepted=True)
        .values_list("municipality_id", "product_id")
        .annotate(cents=Sum("amount_cents"))
    )
    for municipality_id, product_id, cents in rows:
        if product_id in lot_of and cents:
            spent[municipality_id, lot_of[product_id]] += cents
    months = max(min(ctx.months, 12), 1)
    budgets = []
    for (municipality_id, lot_id), cents in sorted(spent.items()):
        margin = Decimal(ctx.rng.choice([110, 125, 140, 160, 180])) / 100
        yearly = Decimal(cents) / 100 * 12 / months * margin
        amount = (yearly / 1000).quantize(Decimal(1), rounding=ROUND_CEILING) * 1000
        budgets.append(Budget(municipality_id=municipality_id, lot_id=lot_id, year=year, amount=amount))
    Budget.objects.bulk_create(budgets, ignore_conflicts=True)
