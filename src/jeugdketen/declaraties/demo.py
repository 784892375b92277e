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

from lxml import etree

from jeugdketen.contracten.models import ContractProduct
from jeugdketen.core.batch import remembered
from jeugdketen.core.months import month_end
from jeugdketen.toegang.models import Toewijzing

from . import ledger
from .intake import process_jw323
from .jw323 import build
from .models import Betaalverplichting, GeleverdeZorg
from .provider import NS325, NSB, advice, line_for

FAULT_RATE = 0.04
#: A provider with fewer lines than this for a municipality in a month bills them achteraf, per quarter.
MONTHLY_LINES = 20


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
            provider=tw.provider, toewijzing=tw, begin=month, end=month_end(month), volume=1, tariff=tariff
        )
        return [(tw.provider, tw.municipality, [delivery])]
    return []


class _Biller:
    """Sends the JW323s of the demo and processes the JW325s without per-message ORM overhead.

    The municipality's side is the real intake (:func:`process_jw323`: the ijw verdict and the
    set-based judgement). The provider's side is done in bulk: the care of a whole month is
    registered in one INSERT with its ReferentieNummers already set (the JW323 is built from
    the rows in memory), and the JW325 answers of a month are applied with one UPDATE per
    outcome (accepted, or a combination of retourcodes) instead of a save per line.
    """

    def __init__(self, seed: int) -> None:
        self.seed, self.counter = seed, 0
        self.accepted: list[int] = []
        self.rejected: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.reopened: list[int] = []

    def number(self) -> str:
        self.counter += 1
        return f"D{self.seed % 1000:03d}{self.counter:06d}"

    @staticmethod
    def register(batches) -> None:
        """Give each party's deliveries its DeclaratieNummer and references, then one INSERT."""
        rows = []
        for number, deliveries in batches:
            deliveries.sort(key=lambda d: (d.toewijzing.client.bsn, d.begin, d.toewijzing.number))
            for index, delivery in enumerate(deliveries, start=1):
                delivery.reference = f"{number}-{index}"[:20]
                delivery.declaratie_number = number
                delivery.status = GeleverdeZorg.Status.GEDECLAREERD
            rows.extend(deliveries)
        GeleverdeZorg.objects.bulk_create(rows, batch_size=2000)

    def send(self, provider, municipality, number: str, deliveries, *, begin, end, received) -> dict:
        """One JW323 judged by the municipality; returns the JW325's verdict per reference."""
        lines = [line_for(d, d.reference) for d in deliveries]
        lines.sort(key=lambda line: line.bsn)
        data = build(
            sender=provider.agb_code, receiver=municipality.cbs_code, identification=number,
            dagtekening=received, number=number, period_begin=begin, period_end=end, lines=lines,
        )  # fmt: skip
        result = process_jw323(data, received_on=received)
        return self.answer(deliveries, result.answer_xml)

    def answer(self, deliveries, answer_xml) -> dict:
        """The provider reads the JW325: rejected lines with their codes, the rest accepted."""
        root = etree.fromstring(answer_xml if isinstance(answer_xml, bytes) else answer_xml.encode())
        body = root.find(f"{NS325}DeclaratieAntwoord")
        verdicts: dict[str, list[str]] = {}
        if body is None:  # technically rejected: nothing taken in, the care is open again
            self.reopened.extend(d.pk for d in deliveries)
            return verdicts
        for prestatie in body.iter(f"{NS325}Prestatie"):
            reference = prestatie.findtext(f"{NS325}ProductReferentie/{NSB}ReferentieNummer")
            verdicts[reference] = [e.text for e in prestatie.iter(f"{NS325}RetourCode")]
        for delivery in deliveries:
            codes = verdicts.get(delivery.reference)
            if codes is None:
                delivery.status = GeleverdeZorg.Status.TOEGEKEND
                self.accepted.append(delivery.pk)
            else:
                delivery.status = GeleverdeZorg.Status.AFGEWEZEN
                self.rejected[(",".join(codes), advice(codes))].append(delivery.pk)
        return verdicts

    def flush(self) -> None:
        """Store the provider's processing of the JW325s so far: one UPDATE per outcome."""
        rows = GeleverdeZorg.objects
        for chunk in _chunks(self.accepted):
            rows.filter(pk__in=chunk).update(status=GeleverdeZorg.Status.TOEGEKEND)
        for (codes, what), ids in self.rejected.items():
            for chunk in _chunks(ids):
                rows.filter(pk__in=chunk).update(
                    status=GeleverdeZorg.Status.AFGEWEZEN, retourcodes=codes, advice=what
                )
        for chunk in _chunks(self.reopened):
            rows.filter(pk__in=chunk).update(
                status=GeleverdeZorg.Status.OPEN, reference="", declaratie_number=""
            )
        self.accepted, self.rejected, self.reopened = [], defaultdict(list), []


def _chunks(ids: list[int], size: int = 5000):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _pay(until: dt.date, on: dt.date) -> None:
    """A payment run: everything that fell due before `until` is paid on `on`."""
    due = list(Betaalverplichting.objects.filter(due__lt=until, paid_on__isnull=True))
    if due:
        ledger.pay(due, on=on, reference="demo")


def bill(ctx) -> None:
    with remembered():  # no product, cap, tariff or region changes while the demo bills
        _bill(ctx)


def _bill(ctx) -> None:
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
        .select_related("municipality", "provider", "client", "product")
        .distinct()
        .order_by("municipality_id", "number")
    )
    tariffs = {
        (provider_id, product_id, year): tariff
        for provider_id, product_id, year, tariff in ContractProduct.objects.values_list(
            "contract__provider_id", "product_id", "year", "tariff"
        )
    }
    first_start: dict[int, dt.date] = {}
    for pk, day in Toewijzing.objects.filter(pk__in=[tw.pk for tw in toewijzingen]).values_list(
        "pk", "starts__date"
    ):
        if day is not None:
            first_start[pk] = min(day, first_start.get(pk, day))
    # One bill goes out past the vervaltermijn (care from year Y, received after 1 April Y+1):
    # the first party of the earliest month that allows it holds its bill back until today.
    late_month = next((m for m in months if dt.date(m.year + 1, 4, 1) < today), None)
    held: list = []
    biller = _Biller(ctx.seed)
    # An accepted line per party, the source of a line billed twice (9389).
    billed_before: dict[tuple[int, int], GeleverdeZorg] = {}
    pending: dict[tuple, list[GeleverdeZorg]] = defaultdict(list)
    for month in months:
        end = month_end(month)
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
        for key, deliveries in parties.items():
            pending[key].extend(deliveries)
        bills = []
        for (provider, municipality), deliveries in list(pending.items()):
            if month == late_month and not held:
                held = [(provider, municipality, deliveries)]
                del pending[(provider, municipality)]
                continue
            # A small practice bills achteraf, several months in one JW323 (iJw IV090): at the end
            # of a quarter, or once it has MONTHLY_LINES lines; the others bill every month.
            if len(deliveries) < MONTHLY_LINES and month.month % 3 and month != months[-1]:
                continue
            del pending[(provider, municipality)]
            earlier = billed_before.get((provider.pk, municipality.pk))
            if rng.random() < FAULT_RATE * 2 and earlier is not None:
                # A line billed twice: the provider registers earlier care again (9389).
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
            received = min(today, month_end(end + dt.timedelta(days=1)) if rng.random() < 0.1 else end)
            received = min(today, received + dt.timedelta(days=5))
            bills.append((provider, municipality, biller.number(), deliveries, received))
        biller.register([(number, deliveries) for _p, _m, number, deliveries, _r in bills])
        last_received = month
        for provider, municipality, number, deliveries, received in bills:
            biller.send(provider, municipality, number, deliveries, begin=month, end=end, received=received)
            last_received = max(last_received, received)
            key = (provider.pk, municipality.pk)
            if key not in billed_before:
                accepted = [d for d in deliveries if d.status == GeleverdeZorg.Status.TOEGEKEND]
                if accepted:
                    billed_before[key] = accepted[0]
        biller.flush()
        # The monthly payment run after the bills are in: what fell due before it.
        pay_day = min(today, last_received + dt.timedelta(days=1))
        _pay(pay_day, pay_day - dt.timedelta(days=1))
    if not held:
        held = _planted_late_bill(toewijzingen, tariffs, today)
    last = today.replace(day=1) - dt.timedelta(days=1)
    for provider, municipality, deliveries in held:
        number = biller.number()
        biller.register([(number, deliveries)])
        biller.send(
            provider, municipality, number, deliveries, begin=last.replace(day=1), end=last, received=today
        )
    biller.flush()
    _rebill(tariffs, today)
    _pay(today, today - dt.timedelta(days=1))


#: At most this many rejected lines are credited and billed again, each in its own JW323.
REBILLS = 25


def _rebill(tariffs, today: dt.date) -> None:
    """Providers correct lines rejected for a wrong tariff (0611): through the real exchange, the
    line is credited (VorigReferentieNummer) and billed again at the contract tariff in one JW323."""
    from .backoffice import credit_and_rebill

    wrong = (
        GeleverdeZorg.objects.filter(status=GeleverdeZorg.Status.AFGEWEZEN, retourcodes__contains="0611")
        .select_related("toewijzing__municipality", "toewijzing__client", "toewijzing__product", "provider")
        .order_by("pk")[:REBILLS]
    )
    for delivery in wrong:
        tw = delivery.toewijzing
        tariff = tariffs.get((tw.provider_id, tw.product_id, delivery.begin.year))
        if tariff is not None and tariff != delivery.tariff:
            credit_and_rebill(delivery, tariff=tariff, today=today)
