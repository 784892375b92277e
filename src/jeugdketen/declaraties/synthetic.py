"""Large synthetic declarations for benchmarks and load tests; the chain itself never uses this.

The declaration benchmark, the load test's site and the worker tests each need thousands of
clients with a started toewijzing and one JW323 of many lines on them. They differ only in
sizes, dates and references, which are parameters here. Every line is for product 45A03
(category 45, unit 04 minutes, per month) at EUR 80.00, so judging does the whole of its
work and accepts each line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from jeugdketen.core.months import month_end

from . import jw323

CATEGORY, CODE, UNIT, FREQUENCY = "45", "45A03", "04", "4"
TARIFF_CENTS = 8000


def valid_bsns(count: int, *, start: int = 10_000_000, taken: Iterable[str] = ()) -> list[str]:
    """``count`` numbers that pass the elfproef, from the 8-digit prefix ``start`` up, none in ``taken``."""
    taken, found, prefix = set(taken), [], start
    while len(found) < count:
        digits = f"{prefix:08d}"
        last = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10 and digits + str(last) not in taken:
            found.append(digits + str(last))
        prefix += 1
    return found


def toewijzingen(
    *, municipality, provider, product, client_ids: list[int], first_number: int, begin: dt.date,
    end: dt.date, start: dt.date, volume: int,
) -> None:  # fmt: skip
    """A toewijzing per client, numbered from ``first_number``, each started on ``start``."""
    from jeugdketen.levering.models import Start
    from jeugdketen.toegang.models import Toewijzing

    numbers = [str(first_number + i) for i in range(len(client_ids))]
    Toewijzing.objects.bulk_create(
        (
            Toewijzing(
                municipality=municipality,
                number=number,
                client_id=client_id,
                provider=provider,
                product=product,
                product_category=CATEGORY,
                product_code=CODE,
                begin=begin,
                end=end,
                volume=volume,
                unit=UNIT,
                frequency=FREQUENCY,
                toewijzing_date=begin,
            )  # fmt: skip
            for number, client_id in zip(numbers, client_ids, strict=True)
        ),
        batch_size=5000,
    )
    made = Toewijzing.objects.filter(municipality=municipality, number__in=numbers)
    Start.objects.bulk_create(
        (Start(toewijzing_id=pk, date=start) for pk in made.values_list("pk", flat=True)), batch_size=5000
    )


def lines(
    count: int, *, bsns: list[str], first_number: int, month: Callable[[int], tuple[dt.date, dt.date]],
    volume: Callable[[int], int], reference: Callable[[int], str],
) -> list[jw323.Line]:  # fmt: skip
    """``count`` debit lines, line n on toewijzing ``n % len(bsns)``, sorted by BSN for the JW323."""
    made = []
    for n in range(count):
        i = n % len(bsns)
        begin, end = month(n)
        amount = volume(n)
        made.append(
            jw323.Line(
                position=n + 1,
                bsn=bsns[i],
                reference=reference(n),
                previous_reference="",
                toewijzing_number=str(first_number + i),
                product_category=CATEGORY,
                product_code=CODE,
                begin=begin,
                end=end,
                volume=amount,
                unit=UNIT,
                tariff_cents=TARIFF_CENTS,
                amount_cents=amount * TARIFF_CENTS,
                debit_credit="D",
            )  # fmt: skip
        )
    made.sort(key=lambda line: line.bsn)
    return made


def calendar_month(year: int, month: int) -> tuple[dt.date, dt.date]:
    begin = dt.date(year, month, 1)
    return begin, month_end(begin)
