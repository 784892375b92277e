"""How a line's volume counts against a product book cap (PB-PLAFOND, PB-PLAFOND-PERIODE).

A cap is kept in its own unit (minutes, hours, dagdelen, etmalen, or the line's own units for
a cap without a WJ756 unit, such as weekends) and per calendar year, traject or beschikking.
"""

from __future__ import annotations

from decimal import Decimal

MINUTES = {"01": 1, "04": 60, "16": 240, "14": 1440}


def in_unit(volume: int, unit: str, cap_unit: str) -> Decimal | None:
    """A volume in the cap's unit; a cap without a WJ756 unit (weekends) counts the line's own units."""
    if not cap_unit or cap_unit == unit:
        return Decimal(volume)
    if unit in MINUTES and cap_unit in MINUTES:
        return Decimal(volume * MINUTES[unit]) / Decimal(MINUTES[cap_unit])
    return None


def key(per: str, client_id: int, product_id: int, tw_id: int, year: int) -> tuple | None:
    """What the use of a cap is counted over: a youth's year or traject, or one toewijzing."""
    if per == "calendar_year":
        return ("year", client_id, product_id, year)
    if per == "traject":
        return ("traject", client_id, product_id)
    if per == "beschikking":
        return ("beschikking", tw_id)
    return None


def add_usage(context, volume, unit, client_id, product_id, tw_id, year) -> None:
    """Count `volume` against every cap of the product (negative for a credit)."""
    for _amount, cap_unit, per, _label in context.caps.get(product_id, ()):
        used = in_unit(volume, unit, cap_unit)
        counted = key(per, client_id, product_id, tw_id, year)
        if used is not None and counted is not None:
            context.cap_used[counted] += used


def per_label(per: str) -> str:
    return {"week": "week", "month": "maand", "calendar_year": "kalenderjaar"}.get(per, per)
