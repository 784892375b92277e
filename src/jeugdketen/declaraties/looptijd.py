"""A toewijzing without an end date still ends: Midden-Limburg Oost's two years, on bill lines.

The contract gives a Zorgtoewijzingsbericht a maximum duration of two years, foster care under a
guardianship measure excepted (definitions, "Zorgtoewijzingsbericht"). The allocation refuses an
open end there (``DUUR``), but toewijzingen without an end date still arrive (from before the
rule, from a JW301 of another system). A bill line for care after the two years is refused as
if the toewijzing had ended then. Foster care is left alone: whether a guardianship measure
applies is not known on the bill line.
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies
from jeugdketen.toegang.periods import last_day_of

MAX_MONTHS = 24


def foster_products(toewijzingen, contract_regions, product_facts) -> frozenset[int]:
    """The foster-care products among the open-ended toewijzingen, where the rule holds.
    ``product_facts``: :func:`.facts.products` of the toewijzingen's products."""
    if not any(applies("DUUR-OPEN", region) for region in contract_regions):
        return frozenset()
    open_ended = {tw.product_id for tw in toewijzingen.values() if tw.end is None and tw.product_id}
    return frozenset(pk for pk in open_ended if pk in product_facts and product_facts[pk].foster_care)


@regel("DUUR-OPEN")
def judge_open_end(context, verdict, tw) -> None:
    if tw.end is not None or tw.product_id in context.foster_products:
        return
    if not any(applies("DUUR-OPEN", region) for region in context.contract_regions):
        return
    last: dt.date = last_day_of(tw.begin, months=MAX_MONTHS)
    if verdict.line.end > last:
        verdict.reject(
            "DUUR-OPEN",
            f"Toewijzing {tw.number} heeft geen einddatum, maar loopt volgens het contract ten hoogste "
            f"2 jaar: tot en met {last:%d-%m-%Y}.",
        )
