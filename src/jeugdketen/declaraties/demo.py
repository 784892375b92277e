"""Demo billing: providers bill the demo region's care month by month, municipalities answer and pay.

Called by ``jeugdketen demo`` as a stage (``bill(ctx)``). Two kinds of provider bill, as in a
real region:

- a provider that uses jeugdketen's back office registers its care per toewijzing and month,
  with the back office's checks, and lets the system write the monthly JW323. Its lines fit the
  toewijzing and carry the contract tariff;
- a provider with its own billing software uploads the JW323 its software wrote. Only these
  carry the faults the back office would refuse as they are typed: a wrong tariff (0611), an
  overrun of the allocated volume (9321), a line billed twice (9389) and one bill past the
  vervaltermijn (9319).

Each provider sends one JW323 per municipality per month (a practice with fewer than
:data:`MONTHLY_LINES` lines per quarter, achteraf); the municipality judges it and answers with
a JW325, the provider processes the answer, and a monthly payment run pays what fell due. At the
end providers correct lines: the own software bills lines rejected for a wrong tariff again at
the contract tariff, the back office credits and rebills accepted lines whose volume was one
too high (:func:`.backoffice.credit_and_rebill`, VorigReferentieNummer).

What is drawn here is stored by :mod:`.demo_send`: in bulk (the default) or played through the
exchange, with the same result.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from jeugdketen.contracten.models import ContractProduct
from jeugdketen.core.batch import remembered
from jeugdketen.core.months import month_end
from jeugdketen.toegang.models import Toewijzing

from . import ledger
from .backoffice import allowed_volume, contract_tariff, credit_and_rebill, submit
from .demo_send import Bill, Bulk, Played, jw323
from .models import Betaalverplichting, GeleverdeZorg
from .provider import credit_line

FAULT_RATE = 0.04
#: A provider with fewer lines than this for a municipality in a month bills them achteraf, per quarter.
MONTHLY_LINES = 20
#: The share of providers that register their care in jeugdketen's back office.
BACK_OFFICE_SHARE = 0.6
#: At most this many lines are corrected at the end, per kind of provider, each in its own JW323.
REBILLS = 25
WRONG_TARIFF = Decimal("1.00")


def uses_back_office(provider, seed: int) -> bool:
    return random.Random(f"{seed}-backoffice-{provider.agb_code}").random() < BACK_OFFICE_SHARE


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


def _pay(until: dt.date, on: dt.date) -> None:
    """A payment run: everything that fell due before `until` is paid on `on`."""
    due = list(Betaalverplichting.objects.filter(due__lt=until, paid_on__isnull=True))
    if due:
        ledger.pay(due, on=on, reference="demo")


def bill(ctx) -> None:
    """The stage: ``ctx.bulk`` (default True) stores in bulk, False plays every bill."""
    with remembered():  # no product, cap, tariff or region changes while the demo bills
        Billing(ctx, Bulk() if getattr(ctx, "bulk", True) else Played()).run()


class Billing:
    """Draws a year of care and its bills; ``sender`` stores them."""

    def __init__(self, ctx, sender) -> None:
        self.ctx, self.sender, self.today = ctx, sender, ctx.today
        self.rng = random.Random(f"{ctx.seed}-declaraties")
        self.counter = 0
        self.toewijzingen = list(
            Toewijzing.objects.filter(starts__isnull=False, product__isnull=False, unit__gt="")
            .exclude(unit="83")
            .select_related("municipality", "provider", "client", "product")
            .distinct()
            .order_by("municipality_id", "number")
        )
        # What a provider's own software puts on its lines: the tariff of the contract line.
        self.tariffs = {
            (provider_id, product_id, year): tariff
            for provider_id, product_id, year, tariff in ContractProduct.objects.order_by("pk").values_list(
                "contract__provider_id", "product_id", "year", "tariff"
            )
        }
        self.office_tariffs: dict[tuple[int, int, int], Decimal | None] = {}
        self.first_start: dict[int, dt.date] = {}
        for pk, day in Toewijzing.objects.filter(pk__in=[tw.pk for tw in self.toewijzingen]).values_list(
            "pk", "starts__date"
        ):
            if day is not None:
                self.first_start[pk] = min(day, self.first_start.get(pk, day))
        self.office = {p.pk: uses_back_office(p, ctx.seed) for p in {tw.provider for tw in self.toewijzingen}}
        self.registered_total: dict[int, int] = defaultdict(int)  # per toewijzing, for a total volume
        self.to_rebill: list[tuple[Bill, GeleverdeZorg, Decimal]] = []  # own software's wrong tariffs

    def number(self) -> str:
        self.counter += 1
        return f"D{self.ctx.seed % 1000:03d}{self.counter:06d}"

    def months(self) -> list[dt.date]:
        first = (self.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        months = []
        for _ in range(max(1, self.ctx.months)):
            months.insert(0, first)
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return months

    # The care of one month ----------------------------------------------------------------

    def office_tariff(self, tw, year: int):
        key = (tw.provider_id, tw.product_id, year)
        if key not in self.office_tariffs:
            self.office_tariffs[key] = contract_tariff(tw, year)
        return self.office_tariffs[key]

    def delivery(self, tw, month: dt.date) -> tuple[GeleverdeZorg, Decimal | None] | None:
        """The care of one toewijzing in one month, and the right tariff when it carries a wrong one."""
        end = month_end(month)
        start = self.first_start.get(tw.pk)
        if start is None or start > end or tw.begin > end or (tw.end and tw.end < month):
            return None
        begin, stop = max(month, tw.begin), min(end, tw.end or end)
        share = ((stop - begin).days + 1) / ((end - month).days + 1)
        volume = max(1, int(_monthly_volume(tw) * share * 3 // 4))
        right = None
        if self.office[tw.provider_id]:
            tariff = self.office_tariff(tw, month.year)
            if tariff is None:
                return None
            # The back office refuses more than the toewijzing allows (a total counts every month).
            if tw.frequency == "6":
                allowed = (tw.volume or 0) - self.registered_total[tw.pk] if tw.volume else None
            else:
                allowed = allowed_volume(tw, max(month, tw.begin), min(end, tw.end or end))
            if allowed is not None:
                if allowed <= 0:
                    return None
                volume = min(volume, allowed)
            self.registered_total[tw.pk] += volume
        else:
            tariff = self.tariffs.get((tw.provider_id, tw.product_id, month.year))
            if tariff is None:
                return None
            roll = self.rng.random()
            if roll < FAULT_RATE:
                tariff, right = tariff + WRONG_TARIFF, tariff  # 0611
            elif roll < 2 * FAULT_RATE:
                volume = _monthly_volume(tw) * 3  # overrun: 9321
        care = GeleverdeZorg(
            provider=tw.provider, toewijzing=tw, begin=begin, end=stop, volume=volume, tariff=tariff
        )
        return care, right

    # The year -----------------------------------------------------------------------------

    def run(self) -> None:
        today, months = self.today, self.months()
        # One bill goes out past the vervaltermijn (care from year Y, received after 1 April Y+1):
        # the first own-software party of the earliest month that allows it holds it back until today.
        late_month = next((m for m in months if dt.date(m.year + 1, 4, 1) < today), None)
        held: list[Bill] = []
        billed_before: dict[tuple[int, int], GeleverdeZorg] = {}  # an accepted line: the source of 9389
        pending: dict[tuple, list[GeleverdeZorg]] = defaultdict(list)
        wrong: dict[int, Decimal] = {}  # id(delivery) -> the right tariff
        for month in months:
            end = month_end(month)
            drawn = []
            for tw in self.toewijzingen:
                found = self.delivery(tw, month)
                if found is not None:
                    drawn.append(found[0])
                    if found[1] is not None:
                        wrong[id(found[0])] = found[1]
            self.sender.registered(drawn, self.office, end)
            for delivery in drawn:
                pending[(delivery.provider, delivery.toewijzing.municipality)].append(delivery)
            bills = []
            for (provider, municipality), deliveries in list(pending.items()):
                office = self.office[provider.pk]
                if month == late_month and not held and not office:
                    held = [Bill(provider, municipality, "", deliveries, today, today, office)]
                    del pending[(provider, municipality)]
                    continue
                # A small practice bills achteraf, several months in one JW323 (iJw IV090): at the end
                # of a quarter, or once it has MONTHLY_LINES lines; the others bill every month.
                if len(deliveries) < MONTHLY_LINES and month.month % 3 and month != months[-1]:
                    continue
                del pending[(provider, municipality)]
                earlier = billed_before.get((provider.pk, municipality.pk))
                if not office and earlier is not None and self.rng.random() < FAULT_RATE * 2:
                    deliveries.append(  # a line billed twice: the software sends earlier care again (9389)
                        GeleverdeZorg(
                            provider=provider,
                            toewijzing=earlier.toewijzing,
                            begin=earlier.begin,
                            end=earlier.end,
                            volume=earlier.volume,
                            tariff=earlier.tariff,
                        )  # fmt: skip
                    )
                received = min(
                    today, month_end(end + dt.timedelta(days=1)) if self.rng.random() < 0.1 else end
                )
                received = min(today, received + dt.timedelta(days=5))
                bills.append(Bill(provider, municipality, self.number(), deliveries, received, month, office))
            self.sender.store(bills)
            last_received = month
            for one in bills:
                self.answered(one, self.sender.send(one), billed_before, wrong)
                last_received = max(last_received, one.received)
            self.sender.flush()
            # The monthly payment run after the bills are in: what fell due before it.
            pay_day = min(today, last_received + dt.timedelta(days=1))
            _pay(pay_day, pay_day - dt.timedelta(days=1))
        if not held:
            held = self._planted_late_bill()
        last = today.replace(day=1) - dt.timedelta(days=1)
        for one in held:
            one.number, one.begin = self.number(), last.replace(day=1)
            self.answered(one, self.sender.send(one), billed_before, wrong)
        self.sender.flush()
        self._rebill_wrong_tariffs()
        self._correct_volumes()
        _pay(today, today - dt.timedelta(days=1))

    def answered(self, one: Bill, found, billed_before, wrong) -> None:
        """The provider's software notes what the JW325 said: an accepted line, lines to rebill."""
        if one.office or found is None:
            return
        for delivery in one.deliveries:
            codes = found.get(delivery.reference)
            if codes is None:
                billed_before.setdefault((one.provider.pk, one.municipality.pk), delivery)
            elif "0611" in codes and id(delivery) in wrong:
                self.to_rebill.append((one, delivery, wrong[id(delivery)]))

    def _planted_late_bill(self) -> list[Bill]:
        """When the demo's months do not reach back past a vervaltermijn, plant one late line from
        a provider's own software: care in December two years ago on a started toewijzing. It is
        rejected for the vervaltermijn (9319) and, as the toewijzing most likely began later, for
        its period (9307/9308) as well. A region where every provider uses the back office gets none."""
        month = dt.date(self.today.year - 2, 12, 1)
        for tw in self.toewijzingen:
            if self.office[tw.provider_id]:
                continue
            tariff = self.tariffs.get((tw.provider_id, tw.product_id, month.year)) or next(
                (
                    t
                    for (p, prod, _y), t in self.tariffs.items()
                    if p == tw.provider_id and prod == tw.product_id
                ),
                None,
            )
            if tariff is None:
                continue
            care = GeleverdeZorg(
                provider=tw.provider,
                toewijzing=tw,
                begin=month,
                end=month_end(month),
                volume=1,
                tariff=tariff,
            )
            return [Bill(tw.provider, tw.municipality, "", [care], self.today, month, False)]
        return []

    # Corrections --------------------------------------------------------------------------

    def _rebill_wrong_tariffs(self) -> None:
        """The own software credits lines rejected for a wrong tariff (0611) and bills them again at
        the contract tariff, each in a JW323 of its own through the exchange: credit first, as the
        contract asks a rejected line to be credited before it is sent again (docs/declarations.md)."""
        for one, delivery, right in self.to_rebill[:REBILLS]:
            care = GeleverdeZorg(
                provider=delivery.provider, toewijzing=delivery.toewijzing, begin=delivery.begin,
                end=delivery.end, volume=delivery.volume, tariff=right,
            )  # fmt: skip
            number = self.number()
            again = Bill(one.provider, one.municipality, number, [care], self.today, delivery.begin, False)
            data = jw323(again, credits=[credit_line(delivery, f"{number}C1")])
            submit(again.provider, again.municipality, data, identification=number, today=self.today)

    def _correct_volumes(self) -> None:
        """The back office credits accepted lines billed one unit too high and bills them again
        (credit with VorigReferentieNummer and the corrected debit in one JW323, through the exchange)."""
        candidates = list(
            GeleverdeZorg.objects.filter(status=GeleverdeZorg.Status.TOEGEKEND, volume__gt=1)
            .order_by("declaratie_number", "reference")
            .values_list("pk", flat=True)
        )
        rng = random.Random(f"{self.ctx.seed}-corrections")
        chosen = sorted(rng.sample(range(len(candidates)), min(REBILLS, len(candidates))))
        rows = GeleverdeZorg.objects.select_related(
            "toewijzing__municipality", "toewijzing__client", "toewijzing__product", "provider"
        ).in_bulk([candidates[i] for i in chosen])
        for i in chosen:
            delivery = rows[candidates[i]]
            credit_and_rebill(delivery, volume=delivery.volume - 1, today=self.today, number=self.number())
