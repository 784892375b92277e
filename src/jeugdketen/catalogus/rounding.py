"""How a tariff is rounded to whole cents: the one place that decides, for the cost-price model
(:mod:`jeugdketen.kostprijs`) and for indexing contract tariffs (:mod:`jeugdketen.inrichting`).

Noordoost-Brabant (L3444-3448) rounds hourly tariffs up and bills in minute tariffs of two
decimals; after indexation it rounds up again "to the first amount divisible by 60". A minute
tariff rounded *up* to a cent is exactly that: its hourly amount is the first one divisible by
60 cents. The book names no rule for dagdeel and etmaal tariffs; they are rounded to the
nearest cent, half up. A book records that it prescribes this under ``cost_model.rounding``;
a book without it rounds every tariff half up.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction

#: Units whose tariffs a prescribing book rounds up (iJw WJ756 codes and their names).
UP = {"01", "04", "minuut", "uur"}
CENT = Decimal("0.01")


def prescribes(region) -> bool:
    """Whether the region's product book prescribes rounding up (``cost_model.rounding``)."""
    return bool(((region.extra or {}).get("cost_model") or {}).get("rounding"))


def rounds_up(unit: str, *, prescribed: bool = True) -> bool:
    return prescribed and (unit or "") in UP


def to_cents(amount: Decimal | Fraction, unit: str, *, prescribed: bool = True) -> Decimal:
    """``amount`` in whole cents by the rule above; exact for fractions, without float steps."""
    if isinstance(amount, Fraction):
        hundredfold = amount * 100
        up = rounds_up(unit, prescribed=prescribed)
        whole = math.ceil(hundredfold) if up else math.floor(hundredfold + Fraction(1, 2))
        return Decimal(whole).scaleb(-2)
    mode = ROUND_CEILING if rounds_up(unit, prescribed=prescribed) else ROUND_HALF_UP
    return Decimal(amount).quantize(CENT, rounding=mode)


def explained(region) -> str:
    """The rule for ``region`` in one Dutch sentence, for the screens that show rounded tariffs."""
    if prescribes(region):
        return (
            f"Minuut- en uurtarieven naar boven afgerond op hele centen, zoals het productenboek "
            f"{region.name} voorschrijft (een minuuttarief blijft zo deelbaar door 60 per uur); "
            "dagdeel- en etmaaltarieven op hele centen, half naar boven."
        )
    return "Afgerond op hele centen (half naar boven); het productenboek schrijft niets anders voor."
