"""Demo billing: providers bill the demo region's care month by month, municipalities answer and pay.

Called by ``jeugdketen demo`` as a stage (``bill(ctx)``). For every month before today the
providers register the care they delivered on started toewijzingen, with realistic faults:
a wrong tariff, an overrun of the allocated volume, a line billed twice and, when the demo
reaches back far enough, care billed after the vervaltermijn. Each provider sends one JW323
per municipality per month; the municipality judges it and answers with a JW325, the
provider processes the answer, and the municipality pays what fell due before today. A
newcomer then sees paid, rejected and open lines.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from jeugdketen.contracten.models import ContractProduct
from jeugdketen.toegang.models import Toewijzing

from . import ledger
from .intake import process_jw323
from .models import Betaalverplichting, GeleverdeZorg
from .provider import build_jw323, process_jw325

FAULT_RATE = 0.04


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _monthly_volume(tw: Toewijzing) -> int:
    volume = tw.volume or 1
    if tw.frequency == "1":
        return volume * 20
    if tw.frequency == "2":
        return volume * 4
    if tw.frequency == "6" and tw.end:
        months = max(1, (tw.end.year - tw.begin.year) * 12 + tw.end.month - tw.begin.month + 1)
        return max(1, volume // months)
    return volume


def _planted_late_bill(toewijzingen, tariffs, today: dt.date) -> list:
    """When the demo's months do not reach back past a vervaltermijn, plant one late line: care
    in December two years ago on a started toewijzing. It is rejected for the vervaltermijn (9319)
    and, as the toewijzing most likely began later, for its period (9307/9308) as well."""
    for tw in toewijzingen:
        month = dt.date(today.year - 2, 12, 1)
        tariff = tariffs.get((tw.provider_id, tw.product_id, month.year)) or next(
            (t for (p, prod, _y), t in tariffs.items() if p == tw.provider_id and prod == tw.product_id), None
        )
        if tariff is None:
            continue
        delivery = GeleverdeZorg(
            provider=tw.provider, toewijzing=tw, begin=month, end=_month_end(month), volume=1, tariff=tariff
        )
        return [(tw.provider, tw.municipality, [delivery])]
    return []


def bill(ctx) -> None:
    rng = random.Random(f"{ctx.seed}-declaraties")
    today = ctx.today
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    months = []
    for _ in range(max(1, ctx.months)):
        months.insert(0, first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    toewijzingen = list(
        Toewijzing.objects.filter(starts__isnull=False, product__isnull=False, unit__gt="")
        .exclude(unit="83")
        .select_related("municipality", "provider")
        .distinct()
    )
    tariffs = {
        (provider_id, product_id, year): tariff
        for provider_id, product_id, year, tariff in ContractProduct.objects.values_list(
            "contract__provider_id", "product_id", "year", "tariff"
        )
    }
    first_start = dict(
        Toewijzing.objects.filter(pk__in=[tw.pk for tw in toewijzingen]).values_list("pk", "starts__date")
    )
    # One bill goes out past the vervaltermijn (care from year Y, received after 1 April Y+1):
    # the first party of the earliest month that allows it holds its bill back until today.
    late_month = next((m for m in months if dt.date(m.year + 1, 4, 1) < today), None)
    held: list = []
    counter = 0
    for month in months:
        end = _month_end(month)
        parties = defaultdict(list)
        for tw in toewijzingen:
            start = first_start.get(tw.pk)
            if start is None or start > end or tw.begin > end or (tw.end and tw.end < month):
                continue
            tariff = tariffs.get((tw.provider_id, tw.product_id, month.year))
            if tariff is None:
                continue
            begin, stop = max(month, tw.begin), min(end, tw.end or end)
            share = ((stop - begin).days + 1) / ((end - month).days + 1)
            volume = max(1, int(_monthly_volume(tw) * share * 3 // 4))
            roll = rng.random()
            if roll < FAULT_RATE:
                tariff = tariff + Decimal("1.00")  # wrong tariff: 0611
            elif roll < 2 * FAULT_RATE:
                volume = _monthly_volume(tw) * 3  # overrun: 9321
            parties[(tw.provider, tw.municipality)].append(
                GeleverdeZorg(
                    provider=tw.provider, toewijzing=tw, begin=begin, end=stop, volume=volume, tariff=tariff
                )
            )
        for (provider, municipality), deliveries in parties.items():
            if month == late_month and not held:
                held = [(provider, municipality, deliveries)]
                continue
            if rng.random() < FAULT_RATE * 2:
                # A line billed twice: the provider registers last month's care again (9389).
                earlier = GeleverdeZorg.objects.filter(
                    provider=provider, toewijzing__municipality=municipality, status="toegekend"
                ).first()
                if earlier is not None:
                    deliveries.append(
                        GeleverdeZorg(
                            provider=provider,
                            toewijzing=earlier.toewijzing,
                            begin=earlier.begin,
                            end=earlier.end,
                            volume=earlier.volume,
                            tariff=earlier.tariff,
                        )  # fmt: skip
                    )
            GeleverdeZorg.objects.bulk_create(deliveries)
            counter += 1
            received = min(today, _month_end(end + dt.timedelta(days=1)) if rng.random() < 0.1 else end)
            received = min(today, received + dt.timedelta(days=5))
            number = f"D{ctx.seed % 1000:03d}{counter:06d}"
            data = build_jw323(
                provider, municipality, period_begin=month, period_end=end, number=number,
                identification=number, dagtekening=received,
            )  # fmt: skip
            if data is None:
                continue
            result = process_jw323(data, received_on=received)
            process_jw325(provider, result.answer_xml)
    if not held:
        held = _planted_late_bill(toewijzingen, tariffs, today)
    for provider, municipality, deliveries in held:
        GeleverdeZorg.objects.bulk_create(deliveries)
        counter += 1
        number = f"D{ctx.seed % 1000:03d}{counter:06d}"
        last = today.replace(day=1) - dt.timedelta(days=1)
        data = build_jw323(
            provider, municipality, period_begin=last.replace(day=1), period_end=last, number=number,
            identification=number, dagtekening=today,
        )  # fmt: skip
        if data is not None:
            result = process_jw323(data, received_on=today)
            process_jw325(provider, result.answer_xml)
    due = Betaalverplichting.objects.filter(due__lt=today, paid_on__isnull=True)
    if due.exists():
        ledger.pay(list(due), on=today - dt.timedelta(days=1), reference="demo")
